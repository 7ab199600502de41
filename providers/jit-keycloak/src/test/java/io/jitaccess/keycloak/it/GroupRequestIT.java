package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A person's group grant under the demo policy "on-call for carol" (group /oncall, which carries db-admin and a pager
 * attribute): carol asks, bob approves, an app's token shows the group and its role with jit entries naming the group
 * and an exp capped at the grant's end, a client without any scope of ours is capped too, and after the end neither
 * the group nor its role is in a new token. Also: saving group policies, and the standing report for groups.
 */
@DisplayName("A person's group grant: request, approval, tokens with the group and its roles, end; saving; the report")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupRequestIT {

    private static final String POLICY = "on-call for carol";
    private static final String APP = "group-it-app";
    private static final String BARE = "group-it-bare";
    private static final String REDIRECT = "http://localhost:8083/callback";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);
    private final AdminGroups groups = new AdminGroups(server, "acme");

    @BeforeAll
    void clients() {
        createApp(APP, null);
        createApp(BARE, List.of());
    }

    /** A confidential app with full scope and Keycloak's group membership mapper; {@code scopes} null: the realm's. */
    private void createApp(String clientId, List<String> scopes) {
        Map<String, Object> client = new HashMap<>(Map.of(
                "clientId",
                clientId,
                "secret",
                clientId + "-secret",
                "publicClient",
                false,
                "standardFlowEnabled",
                true,
                "fullScopeAllowed",
                true,
                "redirectUris",
                List.of(REDIRECT),
                "protocolMappers",
                List.of(Map.of(
                        "name", "groups",
                        "protocol", "openid-connect",
                        "protocolMapper", "oidc-group-membership-mapper",
                        "config",
                                Map.of(
                                        "claim.name", "groups",
                                        "full.path", "true",
                                        "access.token.claim", "true")))));
        if (scopes != null) {
            client.put("defaultClientScopes", scopes);
            client.put("optionalClientScopes", scopes);
        }
        Http.Response created =
                Http.postJson(server.baseUrl() + "/admin/realms/acme/clients", Tokens.admin(server), client);
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
    }

    private JsonNode appToken(String clientId) {
        return UserTokens.app(server, new FormLogin(server, "acme"), CAROL, clientId, clientId + "-secret", REDIRECT)
                .claims();
    }

    @Test
    @DisplayName("carol asks for /oncall, bob approves, and carol's tokens carry the group and db-admin until the end")
    void carolAsksBobApproves() {
        JsonNode imported = jit.adminPolicy(Tokens.admin(server), POLICY);
        assertTrue(imported.path("usable").asBoolean(), "the demo realm's group policy is unusable: " + imported);
        assertEquals("/oncall", imported.path("group").asText(), imported.toString());
        assertEquals(
                groups.idOf("/oncall"),
                imported.path("pinned").path("group").get(0).path("id").asText(),
                "the imported policy's group is not pinned to the group's id");
        UserTokens carol = UserTokens.accountConsole(server, new FormLogin(server, "acme"), CAROL, true);
        UserTokens bob = UserTokens.accountConsole(server, new FormLogin(server, "acme"), BOB, true);
        String carolId = admin.userId("carol");
        assertFalse(groups.groupsOf(carolId).contains("/oncall"), "carol starts outside the group");
        JsonNode offered = jit.policies(carol.access()).json();
        assertTrue(offered.toString().contains("\"group\":\"/oncall\""), offered.toString());

        Http.Response created =
                jit.request(carol.access(), POLICY, "PT2H", "INC-42: the primary database is down", null);
        assertEquals(201, created.status(), created.body());
        assertEquals("/oncall", created.json().path("group").asText());
        assertFalse(created.json().has("role"), created.body());
        Http.Response approved =
                jit.approve(bob.access(), created.json().path("id").asText(), "Go");
        assertEquals(200, approved.status(), approved.body());
        String grantId = approved.json().path("grantId").asText();
        assertTrue(groups.groupsOf(carolId).contains("/oncall"), "the approval did not add the membership");

        JsonNode grant = jit.grants(carol.access()).json().get(0);
        assertEquals("/oncall", grant.path("group").asText());
        long endsAt = Instant.parse(grant.path("endsAt").asText()).getEpochSecond();
        JsonNode claims = appToken(APP);
        assertTrue(GroupGrants.names(claims.path("groups")).contains("/oncall"), claims.toString());
        assertTrue(
                GroupGrants.names(claims.path("realm_access").path("roles")).contains("db-admin"), claims.toString());
        String entries = claims.path("jit").toString();
        assertTrue(
                entries.contains("{\"group\":\"/oncall\",\"exp\":" + endsAt + ",\"grant\":\"" + grantId + "\"}"),
                entries);
        assertTrue(
                entries.contains("{\"role\":\"db-admin\",\"group\":\"/oncall\",\"exp\":" + endsAt + ",\"grant\":\""
                        + grantId + "\"}"),
                entries);
        assertTrue(claims.path("exp").asLong() <= endsAt, "the app's token outlives the grant");
        JsonNode bare = appToken(BARE);
        assertFalse(bare.has("jit"), "a client without our scope shows the claim");
        assertTrue(bare.path("exp").asLong() <= endsAt, "a client without any scope of ours is not capped");
        assertTrue(jit.auditEntries(Tokens.admin(server)).stream()
                .anyMatch(e -> e.path("action").asText().equals("GRANT_STARTED")
                        && e.path("grantId").asText().equals(grantId)
                        && e.path("group").asText().equals("/oncall")
                        && e.path("justification").asText().startsWith("INC-42")));

        assertEquals(200, jit.endGrant(carol.access(), grantId).status());

        assertFalse(groups.groupsOf(carolId).contains("/oncall"), "the membership outlived the grant");
        JsonNode after = appToken(APP);
        assertFalse(GroupGrants.names(after.path("groups")).contains("/oncall"), after.toString());
        assertFalse(GroupGrants.names(after.path("realm_access").path("roles")).contains("db-admin"), after.toString());
        assertFalse(after.path("jit").toString().contains(grantId), after.toString());
    }

    @Test
    @DisplayName(
            "a policy names a role or a group, never both, and saving a group needs the right to manage its members")
    void savingGroupPolicies() {
        groups.create("group-it-saving");
        Http.Response both = jit.postPolicy(
                Tokens.admin(server),
                "group-it both",
                Map.of(
                        "role",
                        List.of("prod-admin"),
                        "group",
                        List.of("/group-it-saving"),
                        "autoApprove",
                        List.of("true")));
        assertEquals(400, both.status(), both.body());
        assertTrue(both.body().contains("Choose a target role or a target group, not both"), both.body());

        RealmAdmins admins = new RealmAdmins(server, "acme");
        admins.create("group-it-manage-realm", "manage-realm");
        Http.Response refused = jit.postPolicy(
                admins.token("group-it-manage-realm"),
                "group-it refused",
                Map.of(
                        "group", List.of("/group-it-saving"),
                        "eligibleServiceAccounts", List.of(DEPLOY_BOT),
                        "autoApprove", List.of("true")));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(
                refused.body().contains("You may not manage the members of the group /group-it-saving"),
                refused.body());
        Refusals.assertRefused(
                jit.request(
                        Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                                .json()
                                .path("access_token")
                                .asText(),
                        "group-it refused",
                        "PT5M",
                        "probe",
                        null),
                404,
                "not_found");

        // Keycloak lets a manage-users admin add members to a group that carries realm-admin; a policy may not
        String adminsGroup = groups.create("group-it-admins");
        String realmManagement = admins.realmManagement();
        JsonNode realmAdmin = Http.get(
                        server.baseUrl() + "/admin/realms/acme/clients/" + realmManagement + "/roles/realm-admin",
                        Tokens.admin(server))
                .json();
        assertEquals(
                204,
                Http.postJson(
                                server.baseUrl() + "/admin/realms/acme/groups/" + adminsGroup
                                        + "/role-mappings/clients/" + realmManagement,
                                Tokens.admin(server),
                                List.of(realmAdmin))
                        .status());
        admins.create("group-it-manage-users", "manage-realm", "manage-users");
        Http.Response escalation = jit.postPolicy(
                admins.token("group-it-manage-users"),
                "group-it escalation",
                Map.of(
                        "group", List.of("/group-it-admins"),
                        "eligibleServiceAccounts", List.of(DEPLOY_BOT),
                        "autoApprove", List.of("true")));
        assertEquals(400, escalation.status(), escalation.body());
        assertTrue(escalation.body().contains("or not map every role it brings"), escalation.body());
    }

    @Test
    @DisplayName(
            "the report lists permanent members of a target group, direct and through subgroups; make-eligible works")
    void reportAndMakeEligible() {
        String group = groups.create("group-it-report");
        String sub = groups.createChild(group, "/group-it-report", "sub");
        jit.createPolicy(
                Tokens.admin(server),
                "group-it report",
                Map.of("group", List.of("/group-it-report"), "approverGroups", List.of("/approvers")));
        groups.join(admin.userId("carol"), group);
        groups.join(admin.userId("dave"), sub);

        JsonNode entry = null;
        for (JsonNode e : Http.get(server.baseUrl() + "/admin/realms/acme/jit/report", Tokens.admin(server))
                .json()) {
            if (e.path("group").asText().equals("/group-it-report")) {
                entry = e;
            }
        }
        assertTrue(entry != null, "the target group is not in the report");
        Map<String, String> via = new HashMap<>();
        entry.path("holders")
                .forEach(h -> via.put(h.path("username").asText(), h.path("via").asText()));
        assertEquals(Map.of("carol", "direct", "dave", "subgroup:/group-it-report/sub"), via);

        Http.Response made = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/jit/report/make-eligible",
                Tokens.admin(server),
                Map.of("user", "carol", "policy", "group-it report", "reason", "zero standing privilege"));
        assertEquals(200, made.status(), made.body());
        assertEquals("/group-it-report", made.json().path("group").asText());
        assertFalse(groups.groupsOf(admin.userId("carol")).contains("/group-it-report"), "the membership stayed");
        UserTokens carol = UserTokens.accountConsole(server, new FormLogin(server, "acme"), CAROL, false);
        assertTrue(jit.policies(carol.access()).body().contains("group-it report"), "carol is not eligible now");
        groups.leave(admin.userId("dave"), sub);
    }
}
