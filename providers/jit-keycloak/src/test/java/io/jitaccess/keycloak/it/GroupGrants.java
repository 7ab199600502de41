package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Group membership grants for deploy-bot, each group a test's own (auto-approved policies): the membership follows
 * the grant's start and end, standing and overlapping grants are kept, hand removal and group deletion end the
 * grant, and the token shows the group's roles, composites included, each with a jit entry naming the group. The
 * person's side (request, approval, token with the group, end) is {@link GroupRequestIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GroupGrants {

    static final Duration WAIT = Duration.ofSeconds(25);

    final KeycloakEndpoint server;
    final JitApi jit;
    final Admin admin;
    final AdminGroups groups;
    private String botUser;

    GroupGrants(KeycloakEndpoint server) {
        this.server = server;
        this.jit = new JitApi(server, "acme");
        this.admin = new Admin(server);
        this.groups = new AdminGroups(server, "acme");
    }

    @BeforeAll
    void findBot() {
        botUser = admin.serviceAccountId(DEPLOY_BOT);
    }

    private String bot() {
        return Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
    }

    /** A group of the test's own, and an auto-approved policy granting its membership to deploy-bot. */
    private String groupWithPolicy(String name, int maxActive, String... realmRoles) {
        String id = groups.create(name, realmRoles);
        jit.createPolicy(
                Tokens.admin(server),
                name,
                Map.of(
                        "group", List.of("/" + name),
                        "eligibleServiceAccounts", List.of(DEPLOY_BOT),
                        "autoApprove", List.of("true"),
                        "maxDuration", List.of("PT1H"),
                        "justificationRequired", List.of("false"),
                        "maxActiveGrants", List.of(Integer.toString(maxActive)),
                        "endSessionsOnRevoke", List.of("false")));
        return id;
    }

    private JsonNode grant(String policy, String duration) {
        Http.Response created = jit.request(bot(), policy, duration, null, null);
        assertEquals(201, created.status(), created.body());
        assertEquals("APPROVED", created.json().path("status").asText(), created.body());
        return created.json();
    }

    private JsonNode grantView(String grantId) {
        for (JsonNode grant : jit.adminGrants(Tokens.admin(server), "?status=ALL&user=service-account-" + DEPLOY_BOT)
                .json()) {
            if (grant.path("id").asText().equals(grantId)) {
                return grant;
            }
        }
        throw new AssertionError("no grant " + grantId);
    }

    private JsonNode awaitEnded(String grantId) {
        await("grant " + grantId + " ends")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !grantView(grantId).path("status").asText().equals("ACTIVE"));
        return grantView(grantId);
    }

    @Test
    @DisplayName(
            "a membership grant adds the direct membership at the start, names the group, and removes it at the end")
    void membershipFollowsTheGrant() {
        groupWithPolicy("group-it-precise", 1);
        JsonNode request = grant("group-it-precise", "PT2S");
        assertEquals("/group-it-precise", request.path("group").asText());
        assertFalse(request.has("role"), "a group request names a role: " + request);
        String grantId = request.path("grantId").asText();
        assertTrue(groups.groupsOf(botUser).contains("/group-it-precise"), "no membership while granted");
        assertEquals("/group-it-precise", grantView(grantId).path("group").asText());

        JsonNode ended = awaitEnded(grantId);

        assertEquals("EXPIRED", ended.path("status").asText());
        assertEquals("precise", ended.path("endedBy").asText());
        assertFalse(groups.groupsOf(botUser).contains("/group-it-precise"), "the membership outlived the grant");
        assertTrue(jit.auditEntries(Tokens.admin(server)).stream()
                .anyMatch(e -> e.path("action").asText().equals("GRANT_EXPIRED")
                        && e.path("grantId").asText().equals(grantId)
                        && e.path("group").asText().equals("/group-it-precise")
                        && !e.hasNonNull("role")));
        String metrics = Http.get(server.managementUrl() + "/metrics", null).body();
        assertTrue(metrics.contains("jit_grants_started_total{target=\"group\"}"), "no group grants on /metrics");
    }

    @Test
    @DisplayName("a direct membership held before the grant is standing, and stays when the grant ends")
    void standingMembershipKept() {
        String group = groupWithPolicy("group-it-standing", 1);
        groups.join(botUser, group);
        JsonNode request = grant("group-it-standing", "PT2S");
        assertTrue(grantView(request.path("grantId").asText()).path("standing").asBoolean(), "not standing");

        assertEquals(
                "EXPIRED",
                awaitEnded(request.path("grantId").asText()).path("status").asText());

        assertTrue(groups.groupsOf(botUser).contains("/group-it-standing"), "a standing membership was removed");
        groups.leave(botUser, group);
    }

    @Test
    @DisplayName(
            "membership of a subgroup is not standing for the parent: the parent's membership ends, the subgroup's stays")
    void subgroupIsNotStanding() {
        String parent = groupWithPolicy("group-it-parent", 1);
        String child = groups.createChild(parent, "/group-it-parent", "child");
        groups.join(botUser, child);
        JsonNode request = grant("group-it-parent", "PT2S");
        assertFalse(grantView(request.path("grantId").asText()).path("standing").asBoolean(), "standing");
        assertTrue(groups.groupsOf(botUser).contains("/group-it-parent"), "no direct membership while granted");

        assertEquals(
                "EXPIRED",
                awaitEnded(request.path("grantId").asText()).path("status").asText());

        List<String> after = groups.groupsOf(botUser);
        assertFalse(after.contains("/group-it-parent"), after.toString());
        assertTrue(after.contains("/group-it-parent/child"), after.toString());
        groups.leave(botUser, child);
    }

    @Test
    @DisplayName("deleting the user ends their group grants and keeps their history")
    void userDeletionEndsGrants() {
        groups.create("group-it-gone-user");
        groups.create("group-it-leavers");
        jit.createPolicy(
                Tokens.admin(server),
                "group-it-gone-user",
                Map.of(
                        "group", List.of("/group-it-gone-user"),
                        "eligibleGroups", List.of("/group-it-leavers"),
                        "autoApprove", List.of("true"),
                        "justificationRequired", List.of("false")));
        String username = "group-it-leaver-" + (server.baseUrl().hashCode() & 0xffff);
        TestPeople.person(server, username, "/group-it-leavers");
        UserTokens person = UserTokens.accountConsole(server, new FormLogin(server, "acme"), username, true);
        Http.Response created = jit.request(person.access(), "group-it-gone-user", "PT1H", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();

        assertEquals(
                204,
                Http.delete(
                                server.baseUrl() + "/admin/realms/acme/users/" + admin.userId(username),
                                Tokens.admin(server))
                        .status());

        JsonNode ended = null;
        for (JsonNode grant : jit.adminGrants(Tokens.admin(server), "?status=ALL&user=" + username)
                .json()) {
            ended = grant.path("id").asText().equals(grantId) ? grant : ended;
        }
        assertTrue(ended != null, "the grant's history is gone");
        assertEquals("REVOKED", ended.path("status").asText(), ended.toString());
        assertEquals("user deleted", ended.path("endReason").asText(), ended.toString());
        assertEquals("/group-it-gone-user", ended.path("group").asText(), ended.toString());
    }

    @Test
    @DisplayName("of overlapping grants of one group, only the last to end removes the membership")
    void overlapRemovesAtTheLastEnd() {
        groupWithPolicy("group-it-overlap", 2);
        String first = grant("group-it-overlap", "PT2S").path("grantId").asText();
        String second = grant("group-it-overlap", "PT8S").path("grantId").asText();

        assertEquals("EXPIRED", awaitEnded(first).path("status").asText());
        assertEquals("ACTIVE", grantView(second).path("status").asText());
        assertTrue(groups.groupsOf(botUser).contains("/group-it-overlap"), "the first end removed a shared membership");

        assertEquals("EXPIRED", awaitEnded(second).path("status").asText());
        assertFalse(groups.groupsOf(botUser).contains("/group-it-overlap"), "the last end left the membership");
    }

    @Test
    @DisplayName("a membership removed by hand revokes the grant, and the audit names the admin")
    void handRemovalRevokes() {
        String group = groupWithPolicy("group-it-hand", 1);
        String grantId = grant("group-it-hand", "PT1H").path("grantId").asText();

        groups.leave(botUser, group);

        JsonNode ended = grantView(grantId);
        assertEquals("REVOKED", ended.path("status").asText());
        assertTrue(
                ended.path("endReason").asText().contains("group membership removed by admin"),
                ended.path("endReason").asText());
        assertTrue(jit.auditEntries(Tokens.admin(server)).stream()
                .anyMatch(e -> e.path("action").asText().equals("GRANT_REVOKED")
                        && e.path("grantId").asText().equals(grantId)
                        && e.path("actor").asText().equals("admin")
                        && e.path("group").asText().equals("/group-it-hand")));
    }

    @Test
    @DisplayName("deleting the group ends its grants and keeps their history")
    void groupDeletionEndsGrants() {
        String group = groupWithPolicy("group-it-deleted", 1);
        String grantId = grant("group-it-deleted", "PT1H").path("grantId").asText();

        groups.delete(group);

        JsonNode ended = grantView(grantId);
        assertEquals("REVOKED", ended.path("status").asText());
        assertEquals("group deleted", ended.path("endReason").asText());
        assertEquals("/group-it-deleted", ended.path("group").asText());
        assertEquals(200, jit.verify(Tokens.admin(server)).status());
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean(), "the chain broke");
    }

    @Test
    @DisplayName("a composite role inside the group reaches the token with its children, each with a jit entry")
    void compositeInsideTheGroup() {
        admin.createRole("group-it-child");
        admin.createRole("group-it-composite");
        Http.Response composite = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/roles/group-it-composite/composites",
                Tokens.admin(server),
                List.of(admin.role("group-it-child")));
        assertTrue(composite.status() == 204 || composite.status() == 409, composite.body());
        admin.addScopeMapping(DEPLOY_BOT, "group-it-composite");
        groupWithPolicy("group-it-composite", 1, "group-it-composite");
        JsonNode request = grant("group-it-composite", "PT1H");
        String grantId = request.path("grantId").asText();
        long endsAt = java.time.Instant.parse(grantView(grantId).path("endsAt").asText())
                .getEpochSecond();

        JsonNode claims = Tokens.claims(bot());

        List<String> roles = names(claims.path("realm_access").path("roles"));
        assertTrue(roles.contains("group-it-composite") && roles.contains("group-it-child"), roles.toString());
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : claims.path("jit")) {
            if (entry.path("grant").asText().equals(grantId)) {
                assertEquals("/group-it-composite", entry.path("group").asText(), entry.toString());
                assertEquals(endsAt, entry.path("exp").asLong(), entry.toString());
                entries.add(entry.path("role").asText("(membership)"));
            }
        }
        assertEquals(List.of("(membership)", "group-it-child", "group-it-composite"), entries);
        assertTrue(claims.path("exp").asLong() <= endsAt, "the token outlives the grant");

        assertEquals(200, jit.revoke(Tokens.admin(server), grantId, "test over").status());
        JsonNode after = Tokens.claims(bot());
        assertFalse(names(after.path("realm_access").path("roles")).contains("group-it-child"), after.toString());
        assertFalse(after.path("jit").toString().contains(grantId), after.toString());
    }

    @Test
    @DisplayName("the role report does not count a member through a group grant as a standing holder of its roles")
    void groupGrantIsNotStandingForItsRoles() {
        admin.createRole("group-it-reported");
        jit.createPolicy(
                Tokens.admin(server),
                "group-it reported role",
                Map.of(
                        "role", List.of("group-it-reported"),
                        "eligibleServiceAccounts", List.of(DEPLOY_BOT),
                        "autoApprove", List.of("true")));
        groupWithPolicy("group-it-carrier", 1, "group-it-reported");
        String grantId = grant("group-it-carrier", "PT1H").path("grantId").asText();

        JsonNode holders = null;
        for (JsonNode entry : Http.get(server.baseUrl() + "/admin/realms/acme/jit/report", Tokens.admin(server))
                .json()) {
            if (entry.path("role").asText().equals("group-it-reported")) {
                holders = entry.path("holders");
            }
        }
        assertTrue(holders != null, "the role is not in the report");
        assertFalse(holders.toString().contains("service-account-" + DEPLOY_BOT), holders.toString());
        assertEquals(200, jit.revoke(Tokens.admin(server), grantId, "test over").status());
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(name -> names.add(name.asText()));
        return names;
    }
}
