package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The cap goes wherever tokens are made: every OIDC client carries it, a new client (with role mappers of its own,
 * say) gets it at once, and a cap removed by an admin comes back and is reported.
 */
@DisplayName("Every client carries the token cap; removing it is found, undone and reported")
class TokenCapIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");

    @Test
    @DisplayName("built-in and new clients carry the cap; a removed cap is restored and reported")
    void capEverywhereAndRestored() {
        Http.Response created = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/clients",
                Tokens.admin(server),
                Map.of(
                        "clientId",
                        "cap-own-mappers",
                        "publicClient",
                        false,
                        "secret",
                        "cap-own-mappers-secret",
                        "serviceAccountsEnabled",
                        true,
                        "standardFlowEnabled",
                        false,
                        "defaultClientScopes",
                        List.of("basic"),
                        "protocolMappers",
                        List.of(Map.of(
                                "name",
                                "my roles",
                                "protocol",
                                "openid-connect",
                                "protocolMapper",
                                "oidc-usermodel-realm-role-mapper",
                                "config",
                                Map.of(
                                        "claim.name",
                                        "my_roles",
                                        "multivalued",
                                        "true",
                                        "access.token.claim",
                                        "true")))));
        assertEquals(201, created.status(), created.body());
        assertTrue(
                source("client", "cap-own-mappers").path("capped").asBoolean(),
                "a new client with role mappers has no cap");

        for (String builtIn : List.of("account-console", "admin-cli", "security-admin-console")) {
            assertTrue(source("client", builtIn).path("capped").asBoolean(), builtIn + " has no cap");
        }
        JsonNode capped = source("client", "cap-own-mappers");
        String scopeUrl = server.baseUrl() + "/admin/realms/acme/clients/"
                + capped.path("id").asText() + "/protocol-mappers/models";
        Instant removedAt = Instant.now();
        for (JsonNode mapper : Http.get(scopeUrl, Tokens.admin(server)).json()) {
            if (mapper.path("protocolMapper").asText().equals("jit-grants")) {
                assertEquals(
                        204,
                        Http.delete(scopeUrl + "/" + mapper.path("id").asText(), Tokens.admin(server))
                                .status());
            }
        }
        assertEquals(
                false, source("client", "cap-own-mappers").path("capped").asBoolean(), "the cap could not be removed");

        await("the sweep finds the removal and undoes it")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> source("client", "cap-own-mappers").path("capped").asBoolean());
        assertTrue(
                source("client", "cap-own-mappers").path("capRestoredAt").isTextual(),
                "the report does not say it was restored");
        assertTrue(
                jit.auditSince(Tokens.admin(server), removedAt).stream()
                        .anyMatch(e -> e.path("action").asText().equals("TOKEN_CAP_RESTORED")
                                && e.path("reason").asText().contains("client 'cap-own-mappers'")),
                "no TOKEN_CAP_RESTORED entry");
        Http.delete(
                server.baseUrl() + "/admin/realms/acme/clients/" + new Admin(server).clientUuid("cap-own-mappers"),
                Tokens.admin(server));
    }

    private JsonNode source(String type, String name) {
        Http.Response report =
                Http.get(server.baseUrl() + "/admin/realms/acme/jit/report/token-cap", Tokens.admin(server));
        assertEquals(200, report.status(), report.body());
        for (JsonNode source : report.json()) {
            if (source.path("type").asText().equals(type)
                    && source.path("name").asText().equals(name)) {
                return source;
            }
        }
        throw new AssertionError("no " + type + " " + name + " in " + report.body());
    }
}
