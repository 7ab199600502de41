package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.CookieJar;
import io.jitaccess.harness.Pkce;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One browser doing Keycloak's browser-flow login as HTTP form posts: the authorization request, the
 * username/password form, the one-time code form, our elevation screen where it shows, then the code exchange
 * an app makes. It keeps its cookies, as a browser does.
 */
final class WebLogin {

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);

    private final String base;
    private final String realm;
    private final HttpClient browser = Web.client(new CookieJar());
    private final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();

    WebLogin(String base, String realm) {
        this.base = base;
        this.realm = realm;
    }

    /** A page of the login, or (when {@code formAction} is null) the redirect back to the app in {@code html}. */
    record Page(int status, String html, String formAction) {
        boolean shows(String marker) {
            return formAction != null && html.contains(marker);
        }

        boolean backInApp() {
            return formAction == null && html.contains("code=");
        }
    }

    Page open(String clientId, String redirectUri) {
        String url = base + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + clientId + "&redirect_uri=" + Web.encode(redirectUri) + "&state=s"
                + "&code_challenge_method=S256&code_challenge=" + Pkce.challenge(verifier);
        return page(Web.send(browser, Web.request(url, null).GET().build()), redirectUri);
    }

    Page post(Page page, Map<String, String> fields, String redirectUri) {
        if (page.formAction() == null) {
            throw new IllegalStateException("the page has no form: " + page.html());
        }
        return page(Web.postForm(browser, page.formAction(), fields), redirectUri);
    }

    private Page page(Web.Response response, String redirectUri) {
        Web.Response current = response;
        while (current.status() == 302 || current.status() == 303) {
            String location = current.header("Location");
            if (location.startsWith(redirectUri) || !location.startsWith(base)) {
                return new Page(current.status(), location, null);
            }
            current = Web.send(browser, Web.request(location, null).GET().build());
        }
        Matcher matcher = FORM_ACTION.matcher(current.body());
        String action = matcher.find() ? matcher.group(1).replace("&amp;", "&") : null;
        return new Page(current.status(), current.body(), action);
    }

    /**
     * Password, then the one-time code; an elevation screen, if our step shows one, is skipped. Returns the page
     * after the code: back in the app, or the elevation screen when {@code stopAtElevation}.
     */
    Page signIn(
            String clientId,
            String redirectUri,
            String username,
            String password,
            String otpCode,
            boolean stopAtElevation) {
        Page page = open(clientId, redirectUri);
        if (page.shows("name=\"password\"")) {
            page = post(page, Map.of("username", username, "password", password), redirectUri);
        }
        if (page.shows("name=\"otp\"")) {
            page = post(page, Map.of("otp", otpCode), redirectUri);
        }
        if (page.shows("id=\"jit-request-form\"") && !stopAtElevation) {
            page = post(page, Map.of("skip", ""), redirectUri);
        }
        if (!page.backInApp() && !(stopAtElevation && page.shows("id=\"jit-request-form\""))) {
            throw new IllegalStateException("login of " + username + " did not finish: " + snippet(page.html()));
        }
        return page;
    }

    /** The token response for the code in the redirect back to the app. */
    JsonNode exchange(Page backInApp, String clientId, String secret, String redirectUri) {
        Map<String, String> form = new HashMap<>(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code(backInApp),
                "redirect_uri",
                redirectUri,
                "client_id",
                clientId,
                "code_verifier",
                verifier));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        return Web.postForm(Web.SHARED, base + "/realms/" + realm + "/protocol/openid-connect/token", form)
                .expect(200, "code exchange")
                .json();
    }

    static String code(Page page) {
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(page.html()).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        if (!query.containsKey("code")) {
            throw new IllegalStateException("no code in " + page.html());
        }
        return query.get("code");
    }

    static String snippet(String html) {
        String text = html.replaceAll("(?s)<script.*?</script>", "")
                .replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
