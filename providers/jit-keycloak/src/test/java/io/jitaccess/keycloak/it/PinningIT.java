package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Names are input, ids are what counts: whoever takes a name a policy names (a new user with a deleted or renamed
 * user's username, a client renamed to an eligible client id, a client whose id makes a role name ambiguous, a
 * group made again under the same path) inherits nothing.
 */
@DisplayName("A policy's entries are pinned to ids: a name taken by someone else inherits nothing")
class PinningIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @Test
    @DisplayName(
            "a new user with a deleted user's username, or with a renamed user's old one, is not eligible; the renamed one still is")
    void usersByIdNotName() {
        TestPeople.contractor(server, "pin-alice");
        TestPeople.contractor(server, "pin-bob");
        admin.createRole("pin-role");
        jit.createPolicy(
                Tokens.admin(server),
                "pin users",
                Map.of(
                        "role",
                        List.of("pin-role"),
                        "eligibleUsers",
                        List.of("pin-alice", "pin-bob"),
                        "approverGroups",
                        List.of("/approvers")));
        assertEquals(
                List.of("pin users"),
                policiesOffered(UserTokens.accountConsole(server, new FormLogin(server, "acme"), "pin-bob", true)
                        .access()));

        Http.delete(server.baseUrl() + "/admin/realms/acme/users/" + admin.userId("pin-alice"), Tokens.admin(server));
        TestPeople.contractor(server, "pin-alice");
        editableUsernames(true);
        try {
            rename("pin-bob", "pin-bob-renamed");
        } finally {
            editableUsernames(false);
        }
        TestPeople.contractor(server, "pin-bob");

        for (String newcomer : List.of("pin-alice", "pin-bob")) {
            String token = UserTokens.accountConsole(server, new FormLogin(server, "acme"), newcomer, true)
                    .access();
            assertEquals(List.of(), policiesOffered(token), newcomer + " inherited eligibility");
            Refusals.assertRefused(jit.request(token, "pin users", "PT10M", "mine now", null), 403, "not_eligible");
        }
        String renamed = UserTokens.accountConsole(
                        server, new FormLogin(server, "acme"), "pin-bob-renamed", "pin-bob-pw", "pin-bob-otp")
                .access();
        assertEquals(List.of("pin users"), policiesOffered(renamed), "the renamed user lost eligibility");
        JsonNode view = adminView("pin users");
        assertTrue(view.path("usable").asBoolean(), view.toString());
        assertTrue(view.path("voidEntries").toString().contains("'pin-alice' no longer exists"), view.toString());
    }

    @Test
    @DisplayName("a client renamed to an eligible client id does not inherit the original's eligibility")
    void serviceAccountsByClient() {
        admin.createRole("pin-bot-role");
        admin.createServiceAccountClient("pin-bot");
        jit.createPolicy(
                Tokens.admin(server),
                "pin bots",
                Map.of(
                        "role",
                        List.of("pin-bot-role"),
                        "eligibleServiceAccounts",
                        List.of("pin-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxActiveGrants",
                        List.of("5")));

        admin.renameClient("pin-bot", "pin-bot-original");
        admin.createServiceAccountClient("pin-bot-impostor");
        admin.renameClient("pin-bot-impostor", "pin-bot");

        Http.Response impostor = jit.request(
                Tokens.clientCredentials(server, "acme", "pin-bot", "pin-bot-impostor-secret")
                        .json()
                        .path("access_token")
                        .asText(),
                "pin bots",
                "PT5M",
                "deploy",
                null);
        Refusals.assertRefused(impostor, 403, "not_eligible");
        Http.Response original = jit.request(
                Tokens.clientCredentials(server, "acme", "pin-bot-original", "pin-bot-secret")
                        .json()
                        .path("access_token")
                        .asText(),
                "pin bots",
                "PT5M",
                "deploy",
                null);
        assertEquals(201, original.status(), original.body());
    }

    @Test
    @DisplayName(
            "a dotted realm role resolves as Keycloak resolves it, and a client created later with a matching id does not capture it")
    void dottedRealmRoleStaysTheTarget() {
        admin.createRole("pinops.admin");
        admin.createServiceAccountClient("pin-dot-bot");
        jit.createPolicy(
                Tokens.admin(server),
                "pin dotted",
                Map.of(
                        "role",
                        List.of("pinops.admin"),
                        "eligibleServiceAccounts",
                        List.of("pin-dot-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxActiveGrants",
                        List.of("5")));
        // a client "pinops" with a role "admin": Keycloak's getRoleFromString would now read pinops.admin as that
        // client role
        admin.createServiceAccountClient("pinops");
        Http.Response role = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/clients/" + admin.clientUuid("pinops") + "/roles",
                Tokens.admin(server),
                Map.of("name", "admin"));
        assertEquals(201, role.status(), role.body());

        JsonNode view = adminView("pin dotted");
        assertEquals("pinops.admin", view.path("role").asText());
        assertTrue(view.path("client").isMissingNode(), view.toString());
        Http.Response granted =
                jit.request(admin.serviceAccountToken("pin-dot-bot"), "pin dotted", "PT5M", "deploy", null);
        assertEquals(201, granted.status(), granted.body());
        assertEquals("pinops.admin", granted.json().path("role").asText());
        assertTrue(admin.directRealmRoles(admin.serviceAccountId("pin-dot-bot")).contains("pinops.admin"));
        assertEquals(
                "[]",
                Http.get(
                                server.baseUrl() + "/admin/realms/acme/users/" + admin.serviceAccountId("pin-dot-bot")
                                        + "/role-mappings/clients/" + admin.clientUuid("pinops"),
                                Tokens.admin(server))
                        .json()
                        .toString());
    }

    @Test
    @DisplayName(
            "a group deleted and made again under the same path is another group: the policy grants nothing and says why")
    void groupsById() {
        admin.createRole("pin-group-role");
        String groupId = createGroup("pin-group");
        TestPeople.person(server, "pin-member", "/pin-group");
        jit.createPolicy(
                Tokens.admin(server),
                "pin group",
                Map.of(
                        "role",
                        List.of("pin-group-role"),
                        "eligibleGroups",
                        List.of("/pin-group"),
                        "approverGroups",
                        List.of("/approvers")));

        Http.delete(server.baseUrl() + "/admin/realms/acme/groups/" + groupId, Tokens.admin(server));
        createGroup("pin-group");
        TestPeople.person(server, "pin-member-2", "/pin-group");

        String token = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "pin-member-2", true)
                .access();
        assertEquals(List.of(), policiesOffered(token));
        Refusals.assertRefused(jit.request(token, "pin group", "PT10M", "new group", null), 403, "not_eligible");
        JsonNode view = adminView("pin group");
        assertFalse(view.path("usable").asBoolean());
        assertTrue(view.path("problems").toString().contains("'/pin-group' no longer exists"), view.toString());
    }

    @Test
    @DisplayName("a realm import pins its policies' names, its users included, and records the import as the saver")
    void importPinned() {
        JsonNode view = adminView("prod-admin for carol");
        assertTrue(view.path("usable").asBoolean(), view.toString());
        assertTrue(view.path("voidEntries").isMissingNode(), view.toString());
        assertEquals("a realm import", view.path("savedBy").asText());
        JsonNode carol = view.path("pinned").path("eligibleUsers").get(0);
        assertEquals("carol", carol.path("name").asText());
        assertEquals(admin.userId("carol"), carol.path("id").asText());
    }

    private List<String> policiesOffered(String token) {
        Http.Response response = jit.policies(token);
        assertEquals(200, response.status(), response.body());
        List<String> names = new ArrayList<>();
        response.json().forEach(p -> {
            if (p.path("name").asText().startsWith("pin ")) {
                names.add(p.path("name").asText());
            }
        });
        return names;
    }

    private JsonNode adminView(String name) {
        return jit.adminPolicy(Tokens.admin(server), name);
    }

    private void rename(String username, String newName) {
        String id = admin.userId(username);
        ObjectNode user =
                (ObjectNode) Http.get(server.baseUrl() + "/admin/realms/acme/users/" + id, Tokens.admin(server))
                        .json();
        user.put("username", newName);
        user.put(
                "email",
                newName + "@contractor.example"); // the realm wants unique addresses: the newcomer takes the old one
        Http.Response updated =
                Http.putJson(server.baseUrl() + "/admin/realms/acme/users/" + id, Tokens.admin(server), user);
        assertEquals(204, updated.status(), updated.body());
    }

    /** Whether the realm lets usernames change (off in the demo realm; some realms turn it on). */
    private void editableUsernames(boolean on) {
        Http.Response updated = Http.putJson(
                server.baseUrl() + "/admin/realms/acme", Tokens.admin(server), Map.of("editUsernameAllowed", on));
        assertEquals(204, updated.status(), updated.body());
    }

    private String createGroup(String name) {
        Http.Response created = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/groups", Tokens.admin(server), Map.of("name", name));
        assertEquals(201, created.status(), created.body());
        String location = created.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
