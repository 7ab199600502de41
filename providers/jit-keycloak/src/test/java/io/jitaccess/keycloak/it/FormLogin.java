package io.jitaccess.keycloak.it;

import io.jitaccess.harness.CookieJar;
import io.jitaccess.harness.KeycloakEndpoint;
import io.jitaccess.harness.Pkce;
import io.jitaccess.harness.Totp;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A browser-flow login as HTTP form posts (username + password, then OTP), ending in the code exchange
 * an app would make. Each instance is one browser: it keeps its cookies.
 */
public final class FormLogin {

    private static final Pattern FORM_ACTION =
            Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    /** The last OTP step each secret was used in: Keycloak refuses a code of a step already used. */
    private static final Map<String, Long> USED_STEPS = new ConcurrentHashMap<>();

    private final KeycloakEndpoint server;
    private final String realm;
    private final HttpClient browser;
    private String redirectUri = "";
    private final String verifier = java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID();

    public FormLogin(KeycloakEndpoint server, String realm) {
        this.server = server;
        this.realm = realm;
        this.browser = HttpClient.newBuilder()
                .cookieHandler(new CookieJar())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** What the login page showed at some step, and where the next form posts. */
    public record Page(int status, String html, String formAction) {}

    /** Opens the authorization endpoint; returns the login page. */
    public Page open(String clientId, String redirectUri, String extraQuery) {
        this.redirectUri = redirectUri;
        String scope = extraQuery.contains("scope=") ? "" : "&scope=openid";
        String url = server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/auth?response_type=code" + scope
                + "&client_id=" + clientId + "&redirect_uri=" + encode(redirectUri) + "&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + Pkce.challenge(verifier) + extraQuery;
        return page(get(url));
    }

    /** Posts a form of the current page. */
    public Http.Response post(Page page, Map<String, String> fields) {
        if (page.formAction() == null) {
            throw new AssertionError("the page has no form:\n" + page.html());
        }
        return Http.send(
                browser,
                HttpRequest.newBuilder(URI.create(page.formAction()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(Http.form(fields)))
                        .build());
    }

    /** The page a response shows, following redirects within Keycloak. */
    public Page page(Http.Response response) {
        Http.Response current = response;
        while (current.status() == 302 || current.status() == 303) {
            String location = current.header("Location");
            if (!location.startsWith(server.baseUrl()) || location.startsWith(redirectUri)) {
                return new Page(current.status(), location, null);
            }
            current = get(location);
        }
        Matcher matcher = FORM_ACTION.matcher(current.body());
        String action = matcher.find() ? matcher.group(1).replace("&amp;", "&") : null;
        return new Page(current.status(), current.body(), action);
    }

    /**
     * Logs in with password and OTP code and returns the authorization code the app receives.
     * Waits for a fresh OTP step when this secret's current step was used already.
     */
    public String loginForCode(
            String clientId, String redirectUri, String username, String password, String otpSecret) {
        return loginForCode(clientId, redirectUri, username, password, otpSecret, "");
    }

    /**
     * As {@link #loginForCode(String, String, String, String, String)}, with extra query parameters (such as
     * {@code &acr_values=mfa}). Pages not shown (the OTP form when only a password is needed, or the whole
     * login when this browser has a session) are skipped.
     */
    public String loginForCode(
            String clientId,
            String redirectUri,
            String username,
            String password,
            String otpSecret,
            String extraQuery) {
        Page page = open(clientId, redirectUri, extraQuery);
        if (page.formAction() != null && page.html().contains("name=\"password\"")) {
            page = page(post(page, Map.of("username", username, "password", password)));
        }
        if (page.formAction() != null && page.html().contains("name=\"otp\"")) {
            page = page(post(page, Map.of("otp", freshCode(otpSecret))));
        }
        if (page.formAction() != null && page.html().contains("id=\"jit-request-form\"")) {
            // the JIT elevation step, offered by ops-console: these tests go on without elevation
            page = page(post(page, Map.of("skip", "")));
        }
        return codeFrom(page);
    }

    /** Exchanges an authorization code as a confidential client. */
    public Http.Response exchange(String clientId, String secret, String redirectUri, String code) {
        Map<String, String> form = new HashMap<>(Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                redirectUri,
                "client_id",
                clientId,
                "code_verifier",
                verifier));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        return Http.postForm(server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token", null, form);
    }

    /** The code in the redirect back to the app, or a failure that shows the page instead. */
    public static String codeFrom(Page page) {
        if (page.formAction() != null || !page.html().contains("code=")) {
            throw new AssertionError("login did not return to the app; the page was:\n" + page.html());
        }
        Map<String, String> query = new HashMap<>();
        for (String pair : URI.create(page.html()).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8));
        }
        return query.get("code");
    }

    /** A code of an OTP step not used before by these tests (waits up to one step for the next). */
    public static String freshCode(String secret) {
        Totp totp = new Totp(secret);
        Awaitility.await("a fresh OTP step")
                .atMost(Duration.ofSeconds(35))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> USED_STEPS.getOrDefault(secret, -1L) < Totp.step(Instant.now()));
        long step = Totp.step(Instant.now());
        USED_STEPS.put(secret, step);
        return totp.codeForStep(step);
    }

    private Http.Response get(String url) {
        return Http.send(browser, HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
