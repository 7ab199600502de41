package io.jitaccess.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jitaccess.harness.Totp;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/** The demo app's pages, every value from a token or a user escaped. */
final class DemoPages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoPages() {}

    /** The home page: who is logged in, the roles and the jit claim of the access token, and what to do next. */
    static String home(String accessToken, long expiresIn) {
        if (accessToken == null) {
            return "<p>You are not logged in to the ops console.</p>"
                    + "<p><a class=button href=\"/login\">Log in with Keycloak (realm acme)</a></p>"
                    + "<p class=muted>Demo users and their OTP codes: <a href=\"/otp\">/otp</a>.</p>";
        }
        JsonNode token = payload(accessToken);
        long now = Instant.now().getEpochSecond();
        StringBuilder html = new StringBuilder();
        html.append("<p>Logged in as <b>")
                .append(escape(token.path("preferred_username").asText()))
                .append("</b> (acr ")
                .append(escape(token.path("acr").asText("-")))
                .append(")</p>");
        html.append("<p>Access token expires in ")
                .append(countdown(token.path("exp").asLong(), now))
                .append(" (<code>expires_in</code> was ")
                .append(expiresIn)
                .append(" s)</p>");
        html.append("<h2>Roles in this token</h2><ul>");
        for (JsonNode role : token.path("realm_access").path("roles")) {
            html.append("<li>realm role <code>").append(escape(role.asText())).append("</code></li>");
        }
        token.path("resource_access").fields().forEachRemaining(client -> {
            for (JsonNode role : client.getValue().path("roles")) {
                html.append("<li>client role <code>")
                        .append(escape(client.getKey()))
                        .append("/")
                        .append(escape(role.asText()))
                        .append("</code></li>");
            }
        });
        html.append("</ul><h2>Just-in-time grants (<code>jit</code> claim)</h2>");
        if (!token.has("jit") || token.path("jit").isEmpty()) {
            html.append("<p class=muted>None: this token carries no elevated role.</p>");
        } else {
            html.append("<table><tr><th>role</th><th>group</th><th>client</th><th>ends in</th><th>grant</th></tr>");
            for (JsonNode grant : token.path("jit")) {
                html.append("<tr><td><code>")
                        .append(escape(grant.path("role").asText("-")))
                        .append("</code></td><td><code>")
                        .append(escape(grant.path("group").asText("-")))
                        .append("</code></td><td>")
                        .append(escape(grant.path("client").asText("-")))
                        .append("</td><td>")
                        .append(countdown(grant.path("exp").asLong(), now))
                        .append("</td><td><code>")
                        .append(escape(grant.path("grant").asText()))
                        .append("</code></td></tr>");
            }
            html.append("</table>");
        }
        html.append(
                "<p><a class=button href=\"/elevate\">Request elevation</a> <a class=button href=\"/refresh\">Refresh the token</a>"
                        + " <a class=button href=\"/logout\">Log out</a></p>"
                        + "<p class=muted>Request elevation opens Keycloak's JIT step (<code>kc_action=jit-elevate</code>);"
                        + " approvers decide in the account console or through the API.</p>");
        html.append("<details><summary>Access token payload</summary><pre>")
                .append(escape(token.toPrettyString()))
                .append("</pre></details>");
        return html.toString();
    }

    /** The demo users and their current one-time codes (a demo only shows these). */
    static String otpCodes(List<DemoUser> users) {
        Instant now = Instant.now();
        StringBuilder html = new StringBuilder("<p>Current OTP codes of the demo users (demo only: a real deployment"
                + " never shows these). A code is accepted once; the next one comes within 30 s.</p><table>"
                + "<tr><th>user</th><th>password</th><th>current code</th></tr>");
        for (DemoUser user : users) {
            html.append("<tr><td>")
                    .append(escape(user.username()))
                    .append("</td><td><code>")
                    .append(escape(user.password()))
                    .append("</code></td><td><code>")
                    .append(user.otpSecret()
                            .map(secret -> new Totp(secret).codeAt(now))
                            .orElse("-"))
                    .append("</code></td></tr>");
        }
        return html.append("</table><p><a href=\"/otp\">Reload</a> · <a href=\"/\">Back</a></p>")
                .toString();
    }

    private static String countdown(long exp, long now) {
        return "<span class=countdown data-exp=\"" + exp + "\">" + Math.max(0, exp - now) + " s</span>";
    }

    /** A whole page around {@code body}, with the countdowns ticking. */
    static String page(String body) {
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ops console (JIT demo)</title>
                <style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}
                code{background:#f0f0f0;padding:0 .2em}.muted{color:#666}.error{color:#b00}
                table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
                .button{display:inline-block;padding:.4em .8em;border:1px solid #06c;border-radius:4px;text-decoration:none}</style>
                </head><body><h1>Ops console <small class=muted>JIT Access demo app</small></h1>
                """ + body + """
                <script>setInterval(()=>{const now=Date.now()/1000;document.querySelectorAll('.countdown').forEach(e=>{
                const left=Math.max(0,Math.round(e.dataset.exp-now));e.textContent=left>=60?Math.floor(left/60)+' min '+(left%60)+' s':left+' s';});},1000);</script>
                </body></html>""";
    }

    private static JsonNode payload(String jwt) {
        String[] parts = jwt.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalStateException("the access token is not a JWT");
        }
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
