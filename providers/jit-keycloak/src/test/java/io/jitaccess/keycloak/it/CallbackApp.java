package io.jitaccess.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.jitaccess.harness.FreePorts;
import io.jitaccess.harness.KeycloakEndpoint;
import io.jitaccess.harness.Pkce;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A tiny app standing in for ops-console (or reports-app): it sends the browser to Keycloak with PKCE,
 * receives the code on its callback, exchanges it as the confidential client and keeps the token response.
 */
final class CallbackApp implements AutoCloseable {

    private final KeycloakEndpoint server;
    private final String clientId;
    private final String secret;
    private final HttpServer http;
    private final String redirectUri;
    private final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
    private final AtomicReference<JsonNode> tokens = new AtomicReference<>();

    CallbackApp(KeycloakEndpoint server, String clientId, String secret) {
        this.server = server;
        this.clientId = clientId;
        this.secret = secret;
        int port = FreePorts.find();
        this.redirectUri = "http://localhost:" + port + "/callback";
        try {
            http = HttpServer.create(new InetSocketAddress("localhost", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        http.createContext("/callback", exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String body;
            if (query.containsKey("code")) {
                Http.Response response = Http.postForm(
                        server.baseUrl() + "/realms/acme/protocol/openid-connect/token",
                        null,
                        Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                query.get("code"),
                                "redirect_uri",
                                redirectUri,
                                "client_id",
                                clientId,
                                "client_secret",
                                secret,
                                "code_verifier",
                                verifier));
                tokens.set(response.json());
                body = "<html><body><h1 id=\"app-signed-in\">Signed in to " + clientId + "</h1></body></html>";
            } else {
                body = "<html><body><h1 id=\"app-error\">" + query.getOrDefault("error", "no code")
                        + "</h1></body></html>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        http.start();
        allowRedirect();
    }

    /** Registers this app's callback with the client, as an admin would. */
    private void allowRedirect() {
        String admin = Tokens.admin(server);
        JsonNode client = Http.get(server.baseUrl() + "/admin/realms/acme/clients?clientId=" + clientId, admin)
                .json()
                .get(0);
        com.fasterxml.jackson.databind.node.ObjectNode update = (com.fasterxml.jackson.databind.node.ObjectNode) client;
        ((com.fasterxml.jackson.databind.node.ArrayNode) update.withArray("redirectUris")).add(redirectUri);
        Http.Response put = Http.send(Http.request(
                        server.baseUrl() + "/admin/realms/acme/clients/"
                                + client.path("id").asText(),
                        admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(update.toString()))
                .build());
        if (put.status() != 204) {
            throw new AssertionError("redirect URI not registered: " + put.status() + " " + put.body());
        }
    }

    /** Where the app sends the browser to sign in. */
    String loginUrl(String extraQuery) {
        return server.baseUrl() + "/realms/acme/protocol/openid-connect/auth?response_type=code&scope=openid&client_id="
                + clientId
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8) + "&state="
                + UUID.randomUUID()
                + "&code_challenge_method=S256&code_challenge=" + Pkce.challenge(verifier) + extraQuery;
    }

    String redirectUri() {
        return redirectUri;
    }

    /** The token response of the last sign-in, or null. */
    JsonNode tokens() {
        return tokens.get();
    }

    void forget() {
        tokens.set(null);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    @Override
    public void close() {
        http.stop(0);
    }

    static List<String> roles(JsonNode claims, String clientId) {
        List<String> roles = new java.util.ArrayList<>();
        claims.path("resource_access").path(clientId).path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }
}
