package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.harness.KeycloakEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With fine-grained admin permissions (v2, Keycloak's default), an admin who may not manage users but holds the
 * map-role permission on one role may save policies that grant that role, and no other.
 */
@DisplayName("Fine-grained admin permissions: the map-role permission on a role lets an admin save its policies")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FineGrainedPermissionIT {

    private static final String REALM = "fgap-it";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, REALM);
    private final Admin admin = new Admin(server, REALM);
    private final RealmAdmins admins = new RealmAdmins(server, REALM);
    private String authz;
    private String adminPolicy;

    @BeforeAll
    void setUp() {
        admin.createRealmLikeAcme(REALM);
        Http.Response enabled = Http.putJson(
                server.baseUrl() + "/admin/realms/" + REALM,
                Tokens.admin(server),
                Map.of("adminPermissionsEnabled", true));
        assertEquals(204, enabled.status(), enabled.body());
        admin.createRole("fgap-allowed");
        admin.createRole("fgap-other");
        String fgAdmin = admins.create("fgap-admin", "manage-realm");

        String permissions = Http.get(server.baseUrl() + "/admin/realms/" + REALM, Tokens.admin(server))
                .json()
                .path("adminPermissionsClient")
                .path("id")
                .asText();
        assertTrue(!permissions.isEmpty(), "the realm has no admin-permissions client");
        authz = server.baseUrl() + "/admin/realms/" + REALM + "/clients/" + permissions + "/authz/resource-server";
        Http.Response policy = Http.postJson(
                authz + "/policy/user",
                Tokens.admin(server),
                Map.of("name", "fgap-admin only", "users", List.of(fgAdmin)));
        assertEquals(201, policy.status(), policy.body());
        adminPolicy = policy.json().path("id").asText();
        permission(
                "fgap-admin maps fgap-allowed",
                "Roles",
                admin.role("fgap-allowed").path("id").asText(),
                "map-role");
    }

    /** A fine-grained permission for fgap-admin; returns its id. */
    private String permission(String name, String resourceType, String resource, String scope) {
        Http.Response permission = Http.postJson(
                authz + "/permission/scope",
                Tokens.admin(server),
                Map.of(
                        "name",
                        name,
                        "resourceType",
                        resourceType,
                        "resources",
                        List.of(resource),
                        "scopes",
                        List.of(scope),
                        "policies",
                        List.of(adminPolicy)));
        assertEquals(201, permission.status(), permission.body());
        return permission.json().path("id").asText();
    }

    @AfterAll
    void tearDown() {
        Http.delete(server.baseUrl() + "/admin/realms/" + REALM, Tokens.admin(server));
    }

    @Test
    @DisplayName("granted map-role on fgap-allowed only: a policy for it is saved, one for fgap-other is refused")
    void mapRolePermission() {
        String token = admins.token("fgap-admin");

        Http.Response allowed = jit.postPolicy(
                token,
                "fgap allowed",
                Map.of("role", List.of("fgap-allowed"), "approverGroups", List.of("/approvers")));
        assertEquals(201, allowed.status(), allowed.body());
        Http.Response other = jit.postPolicy(
                token, "fgap other", Map.of("role", List.of("fgap-other"), "approverGroups", List.of("/approvers")));
        assertEquals(400, other.status(), other.body());
        assertTrue(other.body().contains("You may not map the role fgap-other"), other.body());

        boolean usable = false;
        for (var view : jit.adminPolicies(Tokens.admin(server))) {
            if (view.path("name").asText().equals("fgap allowed")) {
                usable = view.path("usable").asBoolean();
                assertEquals("admin fgap-admin", view.path("savedBy").asText());
            }
        }
        assertTrue(usable, "the policy an admin with map-role saved grants nothing");
    }

    @Test
    @DisplayName(
            "map-role on the role is not enough: the saver must be allowed to map roles to whoever gets it, at save and at every grant")
    void mapRolesToTheUserToo() {
        String token = admins.token("fgap-admin");
        Http.Response named = jit.postPolicy(
                token,
                "fgap bot",
                Map.of(
                        "role",
                        List.of("fgap-allowed"),
                        "eligibleServiceAccounts",
                        List.of("deploy-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxActiveGrants",
                        List.of("5")));
        assertEquals(400, named.status(), named.body());
        assertTrue(named.body().contains("You may not map roles to service-account-deploy-bot"), named.body());

        String botUser = admin.serviceAccountId("deploy-bot");
        String usersPermission = permission("fgap-admin maps roles to deploy-bot", "Users", botUser, "map-roles");
        Http.Response saved = jit.postPolicy(
                admins.token("fgap-admin"),
                "fgap bot",
                Map.of(
                        "role",
                        List.of("fgap-allowed"),
                        "eligibleServiceAccounts",
                        List.of("deploy-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxActiveGrants",
                        List.of("5")));
        assertEquals(201, saved.status(), saved.body());
        String bot = Tokens.clientCredentials(server, REALM, "deploy-bot", "deploy-bot-secret")
                .json()
                .path("access_token")
                .asText();
        Http.Response granted = jit.request(bot, "fgap bot", "PT5M", "deploy", null);
        assertEquals(201, granted.status(), granted.body());
        assertEquals(
                200, jit.endGrant(bot, granted.json().path("grantId").asText()).status());

        assertEquals(
                204,
                Http.delete(authz + "/policy/" + usersPermission, Tokens.admin(server))
                        .status());
        Refusals.assertRefused(jit.request(bot, "fgap bot", "PT5M", "deploy again", null), 403, "not_eligible");
    }
}
