package io.jitaccess.keycloak.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import io.jitaccess.harness.KeycloakServer;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/** Token helpers: admin tokens, client-credentials tokens, and reading a JWT's claims. */
public final class Tokens {

    private Tokens() {}

    /** A token of the master realm's bootstrap admin (lives 60 s: ask again per test). */
    public static String admin(KeycloakEndpoint server) {
        Http.Response response = Http.postForm(
                server.baseUrl() + "/realms/master/protocol/openid-connect/token",
                null,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakServer.ADMIN_USER,
                        "password",
                        KeycloakServer.ADMIN_PASSWORD));
        if (response.status() != 200) {
            throw new AssertionError("admin login failed: " + response.status() + " " + response.body());
        }
        return response.json().path("access_token").asText();
    }

    /** The token response of a client-credentials grant. */
    public static Http.Response clientCredentials(
            KeycloakEndpoint server, String realm, String clientId, String secret) {
        return Http.postForm(
                server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token",
                null,
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    /** The claims of a JWT (not verified: the tests read what the server just issued). */
    public static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new AssertionError("not a JWT: " + jwt, e);
        }
    }
}
