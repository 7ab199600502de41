package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Our own harness on PostgreSQL: a server killed with SIGKILL strips, at restart, what ended while it was down. */
@DisplayName("After a SIGKILL, grants that ended while the server was down end at start-up")
class RestartIT {

    private static OwnPostgresServer own;
    private static KeycloakServer server;

    @BeforeAll
    static void start() {
        own = OwnPostgresServer.start("restart-postgres");
        server = own.server;
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    @Test
    @DisplayName("a grant due while the server was killed ends by the start-up path; a pending request is not lost")
    void endsAtStartup() throws Exception {
        Admin admin = new Admin(server);
        JitApi jit = new JitApi(server, "acme");
        admin.createRole("restart-it-role");
        String token = Tokens.admin(server);
        jit.createPolicy(
                token,
                "restart-it",
                Map.of(
                        "role",
                        List.of("restart-it-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        jit.createPolicy(
                token,
                "restart-it pending",
                Map.of(
                        "role",
                        List.of("restart-it-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        String bot = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        String pending = jit.request(bot, "restart-it pending", "PT10M", null, null)
                .json()
                .path("id")
                .asText();
        Http.Response created = jit.request(bot, "restart-it", "PT5S", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();
        Instant endsAt = Instant.parse(admin.grant("service-account-" + DEPLOY_BOT, "restart-it-role", grantId)
                .path("endsAt")
                .asText());

        server.kill();
        assertEquals("ACTIVE", column(grantId, "STATUS"), "the grant ended before the kill; the test proves nothing");
        await("the grant's end passes while the server is down")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(endsAt.plusSeconds(1)));
        server.restart();

        assertEquals("EXPIRED", column(grantId, "STATUS"));
        assertEquals("startup", column(grantId, "ENDED_BY"));
        assertFalse(admin.directRealmRoles(admin.serviceAccountId(DEPLOY_BOT)).contains("restart-it-role"));
        String again = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        assertEquals(
                "PENDING", jit.read(again, pending).json().path("status").asText(), "the pending request was lost");
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean(), "the audit chain broke");
    }

    @Test
    @DisplayName(
            "a grant whose role lost its mark (made by an older version, policy gone) is marked at start-up and caps tokens")
    void marksGrantedTargetsAtStartup() throws Exception {
        Admin admin = new Admin(server);
        JitApi jit = new JitApi(server, "acme");
        admin.createRole("restart-mark-role");
        admin.addScopeMapping(DEPLOY_BOT, "restart-mark-role");
        String policyId = jit.createPolicy(
                Tokens.admin(server),
                "restart-mark",
                Map.of(
                        "role",
                        List.of("restart-mark-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        String bot = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        // shorter than the realm's token lifespan (5 min), so only the cap can make the token end with the grant
        Http.Response created = jit.request(bot, "restart-mark", "PT3M", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();
        String roleId = admin.role("restart-mark-role").path("id").asText();

        server.stop();
        int unmarked = sql("DELETE FROM ROLE_ATTRIBUTE WHERE ROLE_ID = ? AND NAME = 'jit.granted'", roleId);
        assertEquals(1, unmarked, "the role was not marked; the test proves nothing");
        sql("DELETE FROM COMPONENT_CONFIG WHERE COMPONENT_ID = ?", policyId);
        assertEquals(1, sql("DELETE FROM COMPONENT WHERE ID = ?", policyId), "the policy was not deleted");
        server.restart();

        assertEquals(
                "[\"true\"]",
                admin.role("restart-mark-role")
                        .path("attributes")
                        .path("jit.granted")
                        .toString());
        com.fasterxml.jackson.databind.JsonNode claims =
                Tokens.claims(Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                        .json()
                        .path("access_token")
                        .asText());
        assertTrue(
                claims.path("realm_access").path("roles").toString().contains("restart-mark-role"), claims.toString());
        com.fasterxml.jackson.databind.JsonNode entry = claims.path("jit").get(0);
        assertEquals(grantId, entry.path("grant").asText(), "the grant is missing from the jit claim: " + claims);
        long grantEnd = Instant.parse(admin.grant("service-account-" + DEPLOY_BOT, "restart-mark-role", grantId)
                        .path("endsAt")
                        .asText())
                .getEpochSecond();
        assertEquals(grantEnd, entry.path("exp").asLong(), claims.toString());
        assertEquals(grantEnd, claims.path("exp").asLong(), "the token outlives the grant");
    }

    @Test
    @DisplayName(
            "a policy stored before pins existed is pinned at start-up, whatever jit.* options were planted in it, and grants")
    void upgradePinsOldPolicies() throws Exception {
        Admin admin = new Admin(server);
        JitApi jit = new JitApi(server, "acme");
        admin.createRole("restart-upgrade-role");
        admin.createRole("restart-upgrade-other");
        String otherRole = admin.role("restart-upgrade-other").path("id").asText();
        String policyId = jit.createPolicy(
                Tokens.admin(server),
                "restart-upgrade",
                Map.of(
                        "role",
                        List.of("restart-upgrade-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));

        String broken = jit.createPolicy(
                Tokens.admin(server),
                "restart-upgrade broken",
                Map.of(
                        "role",
                        List.of("restart-upgrade-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H")));

        server.stop();
        sql("DELETE FROM COMPONENT_CONFIG WHERE COMPONENT_ID = ? AND NAME LIKE 'jit.%'", broken);
        // an old version's policy that no longer reads: its upgrade fails, and must not hold back the other's
        assertEquals(
                1,
                sql(
                        "UPDATE COMPONENT_CONFIG SET VALUE = 'forever' WHERE COMPONENT_ID = ? AND NAME = 'maxDuration'",
                        broken));
        assertTrue(
                sql("DELETE FROM COMPONENT_CONFIG WHERE COMPONENT_ID = ? AND NAME LIKE 'jit.%'", policyId) >= 3,
                "the policy had no pins or saver record; the test proves nothing");
        // what an old version kept from a client's request: a forged record and a pin to another role
        sql(
                "INSERT INTO COMPONENT_CONFIG (ID, COMPONENT_ID, NAME, VALUE) VALUES ('planted-saver', ?, 'jit.savedBy', 'import')",
                policyId);
        sql(
                "INSERT INTO COMPONENT_CONFIG (ID, COMPONENT_ID, NAME, VALUE) VALUES ('planted-pin', ?, 'jit.pin.role', 'restart-upgrade-role "
                        + otherRole + "')",
                policyId);
        server.restart();

        com.fasterxml.jackson.databind.JsonNode view = null;
        for (com.fasterxml.jackson.databind.JsonNode policy : jit.adminPolicies(Tokens.admin(server))) {
            if (policy.path("id").asText().equals(policyId)) {
                view = policy;
            }
        }
        assertTrue(view != null && view.path("usable").asBoolean(), String.valueOf(view));
        assertEquals("the upgrade that found it", view.path("savedBy").asText());
        assertEquals(
                admin.role("restart-upgrade-role").path("id").asText(),
                view.path("pinned").path("role").get(0).path("id").asText());
        String bot = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        Http.Response granted = jit.request(bot, "restart-upgrade", "PT5M", null, null);
        assertEquals(201, granted.status(), granted.body());
        assertEquals(
                200, jit.endGrant(bot, granted.json().path("grantId").asText()).status());
        assertTrue(
                server.log().contains("policy restart-upgrade of realm acme was stored before pins existed"),
                "no upgrade line in the log");
        assertTrue(
                server.log().contains("could not upgrade policy " + broken),
                "no line about the policy that could not be upgraded");
        for (com.fasterxml.jackson.databind.JsonNode policy : jit.adminPolicies(Tokens.admin(server))) {
            if (policy.path("id").asText().equals(broken)) {
                assertFalse(policy.path("usable").asBoolean(), policy.toString());
            }
        }
    }

    @Test
    @DisplayName(
            "a due grant of a realm that no longer exists does not stop the start-up: it is marked ended and the server starts")
    void grantOfAGoneRealmEnds() throws Exception {
        String grantId = "gone-realm-grant-" + System.nanoTime();
        server.stop();
        assertEquals(
                1,
                sql(
                        "INSERT INTO JIT_GRANT (ID, REALM_ID, REQUEST_ID, POLICY_ID, USER_ID, USER_NAME, ROLE_ID, ROLE_NAME,"
                                + " STARTS_AT, ENDS_AT, STANDING, STATUS) VALUES (?, 'no-such-realm', 'r', 'p', 'u', 'someone', 'role', 'role',"
                                + " 1000, 2000, FALSE, 'ACTIVE')",
                        grantId));
        server.restart(); // before the fix, the start-up ending looped on this grant for ever and the server never
        // got ready

        assertEquals("REVOKED", column(grantId, "STATUS"));
        assertEquals("realm deleted", column(grantId, "END_REASON"));
        assertEquals(
                200,
                Http.get(server.baseUrl() + "/realms/acme/.well-known/openid-configuration", null)
                        .status());
    }

    private static int sql(String statement, String parameter) throws Exception {
        return own.update(statement, parameter);
    }

    private static String column(String grantId, String column) throws Exception {
        return own.value("SELECT " + column + " FROM JIT_GRANT WHERE ID = ?", grantId);
    }
}
