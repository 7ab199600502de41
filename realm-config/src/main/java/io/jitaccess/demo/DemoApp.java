package io.jitaccess.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jitaccess.harness.Pkce;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The demo app of client {@code ops-console}: logs the user in (authorization code + PKCE) and shows what
 * the access token carries — roles, and the {@code jit} claim with the time each grant has left.
 */
final class DemoApp {

    private static final String CLIENT_ID = "ops-console";
    private static final String CLIENT_SECRET = "ops-console-secret";
    private static final String COOKIE = "jit_demo_session";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String appUrl;
    private final String realmUrl;
    private final List<DemoUser> users;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private DemoApp(HttpServer server, String appUrl, String realmUrl, List<DemoUser> users) {
        this.server = server;
        this.appUrl = appUrl;
        this.realmUrl = realmUrl;
        this.users = users;
    }

    static DemoApp start(int port, String keycloakUrl, String realm, List<DemoUser> users) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 0);
            DemoApp app = new DemoApp(server, "http://localhost:" + port, keycloakUrl + "/realms/" + realm, users);
            server.createContext("/", app::handle);
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            return app;
        } catch (IOException e) {
            throw new Launcher.LaunchFailure("the demo app cannot listen on port " + port + ": " + e.getMessage());
        }
    }

    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Session session = session(exchange);
            switch (path) {
                case "/" -> page(exchange, 200, DemoPages.home(session.accessToken, session.expiresIn));
                case "/login" -> redirect(exchange, authorizationUrl(session, null));
                case "/elevate" -> redirect(exchange, authorizationUrl(session, "jit-elevate"));
                case "/callback" -> callback(exchange, session);
                case "/refresh" -> {
                    refresh(session);
                    redirect(exchange, "/");
                }
                case "/logout" -> logout(exchange, session);
                case "/otp" -> page(exchange, 200, DemoPages.otpCodes(users));
                default -> page(exchange, 404, "<p>Not found.</p>");
            }
        } catch (RuntimeException e) {
            page(
                    exchange,
                    502,
                    "<p class=error>" + DemoPages.escape(e.getMessage()) + "</p><p><a href=\"/\">Back</a></p>");
        }
    }

    private Session session(HttpExchange exchange) {
        String cookies = String.join(";", exchange.getRequestHeaders().getOrDefault("Cookie", List.of()));
        for (String cookie : cookies.split(";")) {
            String[] pair = cookie.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals(COOKIE) && sessions.containsKey(pair[1])) {
                return sessions.get(pair[1]);
            }
        }
        String id = randomToken();
        Session session = new Session();
        sessions.put(id, session);
        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Lax");
        return session;
    }

    private String authorizationUrl(Session session, String action) {
        session.state = randomToken();
        session.verifier = randomToken();
        String url = realmUrl + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + CLIENT_ID
                + "&redirect_uri=" + encode(appUrl + "/callback")
                + "&state=" + session.state
                + "&code_challenge_method=S256&code_challenge=" + Pkce.challenge(session.verifier);
        return action == null ? url : url + "&kc_action=" + encode(action);
    }

    private void callback(HttpExchange exchange, Session session) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI());
        if (query.containsKey("error")) {
            page(
                    exchange,
                    400,
                    "<p class=error>Keycloak said: " + DemoPages.escape(query.get("error")) + " "
                            + DemoPages.escape(query.getOrDefault("error_description", ""))
                            + "</p><p><a href=\"/\">Back</a></p>");
            return;
        }
        if (session.state == null || !session.state.equals(query.get("state"))) {
            page(
                    exchange,
                    400,
                    "<p class=error>This login answer does not belong to this browser (state mismatch).</p>"
                            + "<p><a href=\"/login\">Log in again</a></p>");
            return;
        }
        session.state = null;
        tokens(
                session,
                "grant_type=authorization_code&code=" + encode(query.get("code")) + "&redirect_uri="
                        + encode(appUrl + "/callback") + "&code_verifier=" + session.verifier);
        redirect(exchange, "/");
    }

    private void refresh(Session session) {
        if (session.refreshToken != null) {
            tokens(session, "grant_type=refresh_token&refresh_token=" + encode(session.refreshToken));
        }
    }

    private void tokens(Session session, String form) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200) {
                session.clear();
                throw new IllegalStateException("Keycloak refused the token request: "
                        + body.path("error").asText() + " "
                        + body.path("error_description").asText());
            }
            session.accessToken = body.path("access_token").asText();
            session.refreshToken = body.path("refresh_token").asText(null);
            session.idToken = body.path("id_token").asText(null);
            session.expiresIn = body.path("expires_in").asLong();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private void logout(HttpExchange exchange, Session session) throws IOException {
        String idToken = session.idToken;
        session.clear();
        if (idToken == null) {
            redirect(exchange, "/");
            return;
        }
        redirect(
                exchange,
                realmUrl + "/protocol/openid-connect/logout?id_token_hint=" + encode(idToken)
                        + "&post_logout_redirect_uri=" + encode(appUrl + "/"));
    }

    private void page(HttpExchange exchange, int status, String body) throws IOException {
        String html = DemoPages.page(body);
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** One browser's login state; tokens never leave the server. */
    private static final class Session {
        String state;
        String verifier;
        String accessToken;
        String refreshToken;
        String idToken;
        long expiresIn;

        void clear() {
            accessToken = null;
            refreshToken = null;
            idToken = null;
        }
    }
}
