package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A policy is never a way around Keycloak's own permissions: saving one needs the right to map its target role
 * (as Keycloak decides it, fine-grained admin permissions included), every grant checks that whoever saved it
 * still has that right, and make-eligible needs it for the mapping it removes.
 */
@DisplayName("Saving a policy needs the right to map its role, and a grant checks the saver still has it")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyPermissionIT {

    private static final String REALM_ADMIN = "realm-management.realm-admin";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);
    private final RealmAdmins admins = new RealmAdmins(server, "acme");

    @BeforeAll
    void setUp() {
        admin.createServiceAccountClient("pp-bot");
        admin.createServiceAccountClient("pp-bot2");
        admin.createRole("pp-target");
        admin.addScopeMapping("pp-bot2", "pp-target");
    }

    @Test
    @DisplayName(
            "a realm admin with only manage-realm may not map realm-admin, so may not save a policy that grants it")
    void manageRealmOnlyRefused() {
        admins.create("pp-manage-realm", "manage-realm");
        String token = admins.token("pp-manage-realm");
        String botUser = admin.serviceAccountId("pp-bot");

        // Keycloak itself refuses the direct mapping ...
        Http.Response direct = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/users/" + botUser + "/role-mappings/clients/"
                        + admins.realmManagement(),
                token,
                List.of(Http.get(
                                server.baseUrl() + "/admin/realms/acme/clients/" + admins.realmManagement()
                                        + "/roles/realm-admin",
                                Tokens.admin(server))
                        .json()));
        assertEquals(403, direct.status(), direct.body());
        // ... and so does saving the policy that would hand it out (the probe of the outside review)
        Http.Response saved = jit.postPolicy(
                token,
                "pp probe",
                Map.of(
                        "role",
                        List.of(REALM_ADMIN),
                        "eligibleServiceAccounts",
                        List.of("pp-bot"),
                        "autoApprove",
                        List.of("true")));
        assertEquals(400, saved.status(), saved.body());
        assertTrue(saved.body().contains("You may not map the role realm-management/realm-admin"), saved.body());
        assertFalse(policyNames().contains("pp probe"), "the refused policy was stored");

        Http.Response request = jit.request(admin.serviceAccountToken("pp-bot"), "pp probe", "PT5M", "probe", null);
        Refusals.assertRefused(request, 404, "not_found");
        assertFalse(clientRolesOf(botUser).contains("realm-admin"), "the bot holds realm-admin");

        // an existing policy cannot be turned into one either
        String harmless = jit.createPolicy(
                Tokens.admin(server),
                "pp harmless",
                Map.of(
                        "role",
                        List.of("pp-target"),
                        "eligibleServiceAccounts",
                        List.of("pp-bot"),
                        "approverGroups",
                        List.of("/approvers")));
        JsonNode component = Http.get(
                        server.baseUrl() + "/admin/realms/acme/components/" + harmless, Tokens.admin(server))
                .json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) component.path("config"))
                .putArray("role")
                .add(REALM_ADMIN);
        Http.Response updated =
                Http.putJson(server.baseUrl() + "/admin/realms/acme/components/" + harmless, token, component);
        assertEquals(400, updated.status(), updated.body());
        assertEquals("pp-target", policy("pp harmless").path("role").asText());
    }

    @Test
    @DisplayName("what a client sends as the server's record (who saved it, pins) is replaced by the server's own")
    void serverRecordNotSettable() {
        String id = jit.createPolicy(
                Tokens.admin(server),
                "pp forged record",
                Map.of(
                        "role",
                        List.of("pp-target"),
                        "approverGroups",
                        List.of("/approvers"),
                        "jit.savedBy",
                        List.of("import"),
                        "jit.pin.role",
                        List.of("pp-target 00000000-forged")));
        JsonNode view = policy("pp forged record");

        assertEquals(id, view.path("id").asText());
        assertEquals(
                "admin " + io.jitaccess.harness.KeycloakServer.ADMIN_USER,
                view.path("savedBy").asText());
        assertEquals(
                admin.role("pp-target").path("id").asText(),
                view.path("pinned").path("role").get(0).path("id").asText());
    }

    @Test
    @DisplayName("in a realm whose name needs percent-encoding, a manage-realm-only admin is refused all the same")
    void encodedRealmNameRefused() {
        String encoded = "pp%20space%20%C3%A9";
        admin.createRealmLikeAcme("pp space \u00e9");
        try {
            RealmAdmins spaced = new RealmAdmins(server, encoded);
            spaced.create("pp-spaced-manager", "manage-realm");
            Http.Response saved = new JitApi(server, encoded)
                    .postPolicy(
                            spaced.token("pp-spaced-manager"),
                            "pp spaced probe",
                            Map.of(
                                    "role",
                                    List.of(REALM_ADMIN),
                                    "eligibleServiceAccounts",
                                    List.of("deploy-bot"),
                                    "autoApprove",
                                    List.of("true")));
            assertEquals(400, saved.status(), saved.body());
            assertTrue(saved.body().contains("You may not map the role realm-management/realm-admin"), saved.body());
        } finally {
            Http.delete(server.baseUrl() + "/admin/realms/" + encoded, Tokens.admin(server));
        }
    }

    @Test
    @DisplayName("a policy saved by a service account admin grants nothing once its client is disabled")
    void disabledServiceAccountAdmin() {
        String clientUuid = admin.createServiceAccountClient("pp-sa-admin");
        admins.grant(admin.serviceAccountId("pp-sa-admin"), "manage-users", "manage-realm");
        admin.createServiceAccountClient("pp-bot3");
        Http.Response saved = jit.postPolicy(
                admin.serviceAccountToken("pp-sa-admin"),
                "pp by a machine",
                Map.of(
                        "role",
                        List.of("pp-target"),
                        "eligibleServiceAccounts",
                        List.of("pp-bot3"),
                        "autoApprove",
                        List.of("true"),
                        "maxActiveGrants",
                        List.of("5")));
        assertEquals(201, saved.status(), saved.body());
        assertTrue(policy("pp by a machine").path("usable").asBoolean());

        JsonNode client = Http.get(server.baseUrl() + "/admin/realms/acme/clients/" + clientUuid, Tokens.admin(server))
                .json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) client).put("enabled", false);
        assertEquals(
                204,
                Http.putJson(
                                server.baseUrl() + "/admin/realms/acme/clients/" + clientUuid,
                                Tokens.admin(server),
                                client)
                        .status());

        assertFalse(
                policy("pp by a machine").path("usable").asBoolean(),
                "a disabled machine still answers for its policy");
        Refusals.assertRefused(
                jit.request(admin.serviceAccountToken("pp-bot3"), "pp by a machine", "PT5M", "after", null),
                403,
                "not_eligible");
    }

    @Test
    @DisplayName("a realm admin may save a policy that grants realm-admin, and its grant works")
    void realmAdminAccepted() {
        admins.create("pp-realm-admin", "realm-admin");
        Http.Response saved = jit.postPolicy(
                admins.token("pp-realm-admin"),
                "pp realm-admin for pp-bot",
                Map.of(
                        "role",
                        List.of(REALM_ADMIN),
                        "eligibleServiceAccounts",
                        List.of("pp-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT5M")));
        assertEquals(201, saved.status(), saved.body());
        assertEquals(
                "admin pp-realm-admin",
                policy("pp realm-admin for pp-bot").path("savedBy").asText());

        String bot = admin.serviceAccountToken("pp-bot");
        Http.Response granted = jit.request(bot, "pp realm-admin for pp-bot", "PT5M", "deploy", null);
        assertEquals(201, granted.status(), granted.body());
        assertTrue(clientRolesOf(admin.serviceAccountId("pp-bot")).contains("realm-admin"));
        assertEquals(
                200, jit.endGrant(bot, granted.json().path("grantId").asText()).status());
        assertFalse(clientRolesOf(admin.serviceAccountId("pp-bot")).contains("realm-admin"));
    }

    @Test
    @DisplayName(
            "a policy saved by an admin who lost the right to map its role grants nothing: requests and last approvals are refused")
    void rightTakenAwayRefusedAtGrantTime() {
        admins.create("pp-user-manager", "manage-users", "manage-realm");
        String managerToken = admins.token("pp-user-manager");
        assertEquals(
                201,
                jit.postPolicy(
                                managerToken,
                                "pp auto",
                                Map.of(
                                        "role",
                                        List.of("pp-target"),
                                        "eligibleServiceAccounts",
                                        List.of("pp-bot2"),
                                        "autoApprove",
                                        List.of("true"),
                                        "maxActiveGrants",
                                        List.of("5")))
                        .status());
        assertEquals(
                201,
                jit.postPolicy(
                                managerToken,
                                "pp approved",
                                Map.of(
                                        "role",
                                        List.of("pp-target"),
                                        "eligibleServiceAccounts",
                                        List.of("pp-bot2"),
                                        "approverGroups",
                                        List.of("/approvers")))
                        .status());
        String bot = admin.serviceAccountToken("pp-bot2");
        Http.Response before = jit.request(bot, "pp auto", "PT5M", "before", null);
        assertEquals(201, before.status(), before.body());
        assertEquals(
                200, jit.endGrant(bot, before.json().path("grantId").asText()).status());
        String pending = jit.request(bot, "pp approved", "PT5M", "pending", null)
                .json()
                .path("id")
                .asText();

        java.time.Instant started = java.time.Instant.now();
        admins.removeRole("pp-user-manager", "manage-users");

        Http.Response after = jit.request(admin.serviceAccountToken("pp-bot2"), "pp auto", "PT5M", "after", null);
        Http.Response notEligible = jit.request(admin.serviceAccountToken("pp-bot"), "pp auto", "PT5M", "after", null);
        Refusals.assertRefused(after, 403, "not_eligible");
        assertEquals(notEligible.body(), after.body(), "the requester learns nothing a non-eligible caller would not");
        JsonNode view = policy("pp auto");
        assertFalse(view.path("usable").asBoolean());
        assertTrue(view.path("problems").toString().contains("may no longer map"), view.toString());
        JsonNode refusal = jit.auditSince(Tokens.admin(server), started).stream()
                .filter(e -> e.path("action").asText().equals("REQUEST_REFUSED")
                        && "after".equals(e.path("justification").asText())
                        && e.path("subject").asText().equals("service-account-pp-bot2"))
                .reduce((first, second) -> second)
                .orElseThrow();
        assertTrue(refusal.path("reason").asText().startsWith("not_eligible: "), refusal.toString());
        assertTrue(refusal.path("reason").asText().contains("may no longer map"), "admins read why: " + refusal);

        String approver = UserTokens.accountConsole(server, new FormLogin(server, "acme"), BOB, true)
                .access();
        Refusals.assertRefused(jit.approve(approver, pending, "ok"), 409, "illegal_transition");
        assertEquals(
                "PENDING",
                jit.adminRequests(Tokens.admin(server), "?user=service-account-pp-bot2&status=PENDING")
                        .json()
                        .get(0)
                        .path("status")
                        .asText());
        assertFalse(clientRolesOf(admin.serviceAccountId("pp-bot2")).contains("pp-target"));
    }

    @Test
    @DisplayName(
            "make-eligible needs the right to map the role whose permanent mapping it removes, and endorses nothing else")
    void makeEligibleNeedsTheRight() {
        admins.create("pp-realm-admin-2", "realm-admin");
        assertEquals(
                201,
                jit.postPolicy(
                                admins.token("pp-realm-admin-2"),
                                "pp standing realm-admin",
                                Map.of("role", List.of(REALM_ADMIN), "approverGroups", List.of("/approvers")))
                        .status());
        String holder = admins.create("pp-holder", "realm-admin");
        admins.create("pp-user-manager-2", "manage-users", "manage-realm");

        Http.Response refused = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/jit/report/make-eligible",
                admins.token("pp-user-manager-2"),
                Map.of("user", "pp-holder", "policy", "pp standing realm-admin", "reason", "zsp"));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(clientRolesOf(holder).contains("realm-admin"), "the mapping was removed anyway");

        Http.Response accepted = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/jit/report/make-eligible",
                Tokens.admin(server),
                Map.of("userId", holder, "policy", "pp standing realm-admin", "reason", "zsp"));
        assertEquals(200, accepted.status(), accepted.body());
        assertFalse(clientRolesOf(holder).contains("realm-admin"));
        assertEquals(
                "admin pp-realm-admin-2",
                policy("pp standing realm-admin").path("savedBy").asText(),
                "adding one user changed who answers for the whole policy");
        Http.delete(server.baseUrl() + "/admin/realms/acme/users/" + holder, Tokens.admin(server));
    }

    private List<String> policyNames() {
        List<String> names = new java.util.ArrayList<>();
        jit.adminPolicies(Tokens.admin(server))
                .forEach(p -> names.add(p.path("name").asText()));
        return names;
    }

    private JsonNode policy(String name) {
        return jit.adminPolicy(Tokens.admin(server), name);
    }

    private List<String> clientRolesOf(String userId) {
        List<String> names = new java.util.ArrayList<>();
        Http.get(
                        server.baseUrl() + "/admin/realms/acme/users/" + userId + "/role-mappings/clients/"
                                + admins.realmManagement(),
                        Tokens.admin(server))
                .json()
                .forEach(role -> names.add(role.path("name").asText()));
        Http.get(server.baseUrl() + "/admin/realms/acme/users/" + userId + "/role-mappings/realm", Tokens.admin(server))
                .json()
                .forEach(role -> names.add(role.path("name").asText()));
        return names;
    }
}
