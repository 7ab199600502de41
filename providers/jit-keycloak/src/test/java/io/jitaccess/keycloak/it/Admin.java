package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keycloak's own admin REST API for one realm (acme unless named), as the admin console uses it. */
final class Admin {

    private final KeycloakEndpoint server;
    private final String realm;

    Admin(KeycloakEndpoint server) {
        this(server, "acme");
    }

    Admin(KeycloakEndpoint server, String realm) {
        this.server = server;
        this.realm = realm;
    }

    private String url(String path) {
        return server.baseUrl() + "/admin/realms/" + realm + path;
    }

    /** Creates a realm role unless it exists. */
    void createRole(String name) {
        Http.Response role = Http.postJson(url("/roles"), Tokens.admin(server), Map.of("name", name));
        assertTrue(role.status() == 201 || role.status() == 409, role.body());
    }

    /** Lets a client's tokens carry a realm role (its full scope is off). */
    void addScopeMapping(String clientId, String role) {
        String id = Http.get(url("/clients?clientId=" + clientId), Tokens.admin(server))
                .json()
                .get(0)
                .path("id")
                .asText();
        Http.Response response = Http.postJson(
                url("/clients/" + id + "/scope-mappings/realm"), Tokens.admin(server), List.of(role(role)));
        assertEquals(204, response.status(), response.body());
    }

    /** Imports the demo realm once more under another name (its file has no ids, so nothing collides). */
    void createRealmLikeAcme(String name) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode realm = (com.fasterxml.jackson.databind.node.ObjectNode)
                    Http.JSON.readTree(java.nio.file.Files.readString(TestServers.realmFile()));
            realm.put("realm", name);
            Http.Response created = Http.postJson(server.baseUrl() + "/admin/realms", Tokens.admin(server), realm);
            assertTrue(created.status() == 201 || created.status() == 409, created.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Creates a confidential client with a service account that may use the JIT API (scopes jit-api and jit),
     * secret {@code <clientId>-secret}; returns its internal id.
     */
    String createServiceAccountClient(String clientId) {
        Http.Response created = Http.postJson(
                url("/clients"),
                Tokens.admin(server),
                Map.of(
                        "clientId",
                        clientId,
                        "secret",
                        clientId + "-secret",
                        "publicClient",
                        false,
                        "standardFlowEnabled",
                        false,
                        "directAccessGrantsEnabled",
                        false,
                        "serviceAccountsEnabled",
                        true,
                        "defaultClientScopes",
                        List.of("roles", "basic", "jit-api", "jit")));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
        return clientUuid(clientId);
    }

    /** The access token of a client's service account (client credentials). */
    String serviceAccountToken(String clientId) {
        Http.Response response = Tokens.clientCredentials(server, realm, clientId, clientId + "-secret");
        assertEquals(200, response.status(), response.body());
        return response.json().path("access_token").asText();
    }

    String clientUuid(String clientId) {
        JsonNode clients = Http.get(url("/clients?clientId=" + clientId), Tokens.admin(server))
                .json();
        assertEquals(1, clients.size(), clientId);
        return clients.get(0).path("id").asText();
    }

    /** Renames a client (its internal id stays). */
    void renameClient(String clientId, String newClientId) {
        String id = clientUuid(clientId);
        com.fasterxml.jackson.databind.node.ObjectNode client = (com.fasterxml.jackson.databind.node.ObjectNode)
                Http.get(url("/clients/" + id), Tokens.admin(server)).json();
        client.put("clientId", newClientId);
        Http.Response updated = Http.putJson(url("/clients/" + id), Tokens.admin(server), client);
        assertEquals(204, updated.status(), updated.body());
    }

    JsonNode role(String name) {
        return Http.get(url("/roles/" + name), Tokens.admin(server)).json();
    }

    /** The realm's id. */
    String realmId() {
        return Http.get(server.baseUrl() + "/admin/realms/" + realm, Tokens.admin(server))
                .json()
                .path("id")
                .asText();
    }

    String userId(String username) {
        JsonNode users = Http.get(url("/users?exact=true&username=" + username), Tokens.admin(server))
                .json();
        assertEquals(1, users.size(), username);
        return users.get(0).path("id").asText();
    }

    String serviceAccountId(String clientId) {
        String id = Http.get(url("/clients?clientId=" + clientId), Tokens.admin(server))
                .json()
                .get(0)
                .path("id")
                .asText();
        return Http.get(url("/clients/" + id + "/service-account-user"), Tokens.admin(server))
                .json()
                .path("id")
                .asText();
    }

    List<String> directRealmRoles(String userId) {
        List<String> names = new ArrayList<>();
        Http.get(url("/users/" + userId + "/role-mappings/realm"), Tokens.admin(server))
                .json()
                .forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    void grantRealmRole(String userId, String role) {
        Http.Response response = Http.postJson(
                url("/users/" + userId + "/role-mappings/realm"), Tokens.admin(server), List.of(role(role)));
        assertEquals(204, response.status(), response.body());
    }

    void removeRealmRole(String userId, String role) {
        Http.Response response =
                Http.send(Http.request(url("/users/" + userId + "/role-mappings/realm"), Tokens.admin(server))
                        .header("Content-Type", "application/json")
                        .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("[" + role(role) + "]"))
                        .build());
        assertEquals(204, response.status(), response.body());
    }

    /** Every grant of a user for a role, any status, newest first. */
    List<JsonNode> grants(String username, String role) {
        List<JsonNode> grants = new ArrayList<>();
        Http.get(url("/jit/grants?status=ALL&user=" + username + "&role=" + role), Tokens.admin(server))
                .json()
                .forEach(grants::add);
        return grants;
    }

    JsonNode grant(String username, String role, String grantId) {
        return grants(username, role).stream()
                .filter(g -> g.path("id").asText().equals(grantId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no grant " + grantId));
    }
}
