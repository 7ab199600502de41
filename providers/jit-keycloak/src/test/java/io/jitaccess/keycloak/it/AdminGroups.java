package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Keycloak's admin REST API for groups and memberships of one realm, as the admin console uses it. */
final class AdminGroups {

    private final KeycloakEndpoint server;
    private final String realm;
    private final Admin admin;

    AdminGroups(KeycloakEndpoint server, String realm) {
        this.server = server;
        this.realm = realm;
        this.admin = new Admin(server, realm);
    }

    private String url(String path) {
        return server.baseUrl() + "/admin/realms/" + realm + path;
    }

    /** Creates a top-level group (or finds it) carrying these realm roles; returns its id. */
    String create(String name, String... realmRoles) {
        Http.Response created = Http.postJson(url("/groups"), Tokens.admin(server), Map.of("name", name));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
        String id = idOf("/" + name);
        mapRoles(id, realmRoles);
        return id;
    }

    /** Creates a subgroup of {@code parentId} (or finds it); returns its id. */
    String createChild(String parentId, String parentPath, String name) {
        Http.Response created =
                Http.postJson(url("/groups/" + parentId + "/children"), Tokens.admin(server), Map.of("name", name));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
        return idOf(parentPath + "/" + name);
    }

    String idOf(String path) {
        Http.Response group = Http.get(url("/group-by-path" + path), Tokens.admin(server));
        assertEquals(200, group.status(), group.body());
        return group.json().path("id").asText();
    }

    private void mapRoles(String groupId, String... realmRoles) {
        if (realmRoles.length == 0) {
            return;
        }
        List<JsonNode> roles = new ArrayList<>();
        for (String role : realmRoles) {
            roles.add(admin.role(role));
        }
        Http.Response mapped =
                Http.postJson(url("/groups/" + groupId + "/role-mappings/realm"), Tokens.admin(server), roles);
        assertEquals(204, mapped.status(), mapped.body());
    }

    void join(String userId, String groupId) {
        Http.Response joined =
                Http.send(Http.request(url("/users/" + userId + "/groups/" + groupId), Tokens.admin(server))
                        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                        .build());
        assertEquals(204, joined.status(), joined.body());
    }

    void leave(String userId, String groupId) {
        Http.Response left =
                Http.send(Http.request(url("/users/" + userId + "/groups/" + groupId), Tokens.admin(server))
                        .DELETE()
                        .build());
        assertEquals(204, left.status(), left.body());
    }

    void delete(String groupId) {
        Http.Response deleted = Http.send(Http.request(url("/groups/" + groupId), Tokens.admin(server))
                .DELETE()
                .build());
        assertEquals(204, deleted.status(), deleted.body());
    }

    /** The paths of the user's direct groups. */
    List<String> groupsOf(String userId) {
        List<String> paths = new ArrayList<>();
        Http.get(url("/users/" + userId + "/groups"), Tokens.admin(server))
                .json()
                .forEach(group -> paths.add(group.path("path").asText()));
        return paths;
    }
}
