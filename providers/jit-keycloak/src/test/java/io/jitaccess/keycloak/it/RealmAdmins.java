package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Administrators of one realm who hold only the realm-management roles a test gives them (no OTP, password
 * {@code <username>-pw}), and their admin API tokens from the realm's own {@code admin-cli}, as kcadm.sh gets them.
 */
final class RealmAdmins {

    private final KeycloakEndpoint server;
    private final String realm;

    RealmAdmins(KeycloakEndpoint server, String realm) {
        this.server = server;
        this.realm = realm;
    }

    private String url(String path) {
        return server.baseUrl() + "/admin/realms/" + realm + path;
    }

    /** Creates the admin (unless they exist) with exactly these realm-management roles added. */
    String create(String username, String... realmManagementRoles) {
        Http.Response created = Http.postJson(
                url("/users"),
                Tokens.admin(server),
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@admins.example",
                        "emailVerified",
                        true,
                        "firstName",
                        "Admin",
                        "lastName",
                        username,
                        "credentials",
                        List.of(Map.of("type", "password", "value", username + "-pw", "temporary", false))));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
        String userId = userId(username);
        if (realmManagementRoles.length > 0) {
            Http.Response mapped = Http.postJson(
                    url("/users/" + userId + "/role-mappings/clients/" + realmManagement()),
                    Tokens.admin(server),
                    roles(realmManagementRoles));
            assertEquals(204, mapped.status(), mapped.body());
        }
        return userId;
    }

    /** Adds realm-management roles to any user of the realm (a service account's, say). */
    void grant(String userId, String... realmManagementRoles) {
        Http.Response mapped = Http.postJson(
                url("/users/" + userId + "/role-mappings/clients/" + realmManagement()),
                Tokens.admin(server),
                roles(realmManagementRoles));
        assertEquals(204, mapped.status(), mapped.body());
    }

    void removeRole(String username, String realmManagementRole) {
        Http.Response removed = Http.send(Http.request(
                        url("/users/" + userId(username) + "/role-mappings/clients/" + realmManagement()),
                        Tokens.admin(server))
                .header("Content-Type", "application/json")
                .method(
                        "DELETE",
                        java.net.http.HttpRequest.BodyPublishers.ofString(Http.JSON
                                .valueToTree(roles(realmManagementRole))
                                .toString()))
                .build());
        assertEquals(204, removed.status(), removed.body());
    }

    /** An admin API token of this admin (a fresh one per call: admin-cli tokens are short-lived). */
    String token(String username) {
        Http.Response response = Http.postForm(
                server.baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token",
                null,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        username,
                        "password",
                        username + "-pw"));
        assertEquals(200, response.status(), response.body());
        return response.json().path("access_token").asText();
    }

    String userId(String username) {
        JsonNode users = Http.get(url("/users?exact=true&username=" + username), Tokens.admin(server))
                .json();
        assertEquals(1, users.size(), username);
        return users.get(0).path("id").asText();
    }

    /** The internal id of the realm-management client. */
    String realmManagement() {
        return clientId("realm-management");
    }

    String clientId(String clientId) {
        return Http.get(url("/clients?clientId=" + clientId), Tokens.admin(server))
                .json()
                .get(0)
                .path("id")
                .asText();
    }

    private List<JsonNode> roles(String... names) {
        List<JsonNode> roles = new ArrayList<>();
        for (String name : names) {
            Http.Response role =
                    Http.get(url("/clients/" + realmManagement() + "/roles/" + name), Tokens.admin(server));
            assertEquals(200, role.status(), role.body());
            roles.add(role.json());
        }
        return roles;
    }
}
