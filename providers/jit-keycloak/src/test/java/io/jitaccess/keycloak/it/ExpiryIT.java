package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Grants a few seconds long, on the demo server (precise timer on, sweep every 30 s): they end by the
 * precise path, standing and overlapping grants are kept, hand edits show in the ledger, and revocation
 * ends sessions. Waits are bounded polls; no test asserts a duration.
 */
@DisplayName("Grants end on time, and the ledger follows every change")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpiryIT {

    static final Duration WAIT = Duration.ofSeconds(25);

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);
    private String bot;

    @BeforeAll
    void policies() {
        for (String role : List.of(
                "expiry-it-precise",
                "expiry-it-standing",
                "expiry-it-overlap",
                "expiry-it-hand",
                "expiry-it-session")) {
            admin.createRole(role);
        }
        createBotPolicy("expiry-it precise", "expiry-it-precise", 1);
        createBotPolicy("expiry-it standing", "expiry-it-standing", 1);
        createBotPolicy("expiry-it overlap", "expiry-it-overlap", 2);
        createBotPolicy("expiry-it by hand", "expiry-it-hand", 1);
        jit.createPolicy(
                Tokens.admin(server),
                "expiry-it session",
                Map.of(
                        "role",
                        List.of("expiry-it-session"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H")));
        bot = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
    }

    private void createBotPolicy(String name, String role, int maxActive) {
        jit.createPolicy(
                Tokens.admin(server),
                name,
                Map.of(
                        "role",
                        List.of(role),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxActiveGrants",
                        List.of(Integer.toString(maxActive))));
    }

    private String grant(String policy, String duration) {
        Http.Response created = jit.request(bot, policy, duration, null, null);
        assertEquals(201, created.status(), created.body());
        assertEquals("APPROVED", created.json().path("status").asText());
        return created.json().path("grantId").asText();
    }

    private JsonNode awaitEnded(String role, String grantId) {
        String user = "service-account-" + DEPLOY_BOT;
        await("grant " + grantId + " ends")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !admin.grant(user, role, grantId)
                        .path("status")
                        .asText()
                        .equals("ACTIVE"));
        return admin.grant(user, role, grantId);
    }

    @Test
    @DisplayName("a grant ends at its end time by the precise timer, and its mapping is removed")
    void endsByThePrecisePath() {
        String botUser = admin.serviceAccountId(DEPLOY_BOT);
        String grantId = grant("expiry-it precise", "PT2S");
        assertTrue(admin.directRealmRoles(botUser).contains("expiry-it-precise"), "no mapping while granted");

        JsonNode ended = awaitEnded("expiry-it-precise", grantId);

        assertEquals("EXPIRED", ended.path("status").asText());
        assertEquals("precise", ended.path("endedBy").asText());
        assertFalse(admin.directRealmRoles(botUser).contains("expiry-it-precise"), "the mapping outlived the grant");
        assertTrue(jit.auditEntries(Tokens.admin(server)).stream()
                .anyMatch(e -> e.path("action").asText().equals("GRANT_EXPIRED")
                        && e.path("grantId").asText().equals(grantId)
                        && e.path("reason").asText().equals("precise")));
        String metrics = Http.get(server.managementUrl() + "/metrics", null).body();
        assertTrue(metrics.contains("jit_revocation_lag_seconds"), "no lag histogram on /metrics");
        assertTrue(metrics.contains("jit_grants_ended_total{path=\"precise\"}"), "no precise-path counter on /metrics");
    }

    @Test
    @DisplayName("a role the account held before its grant (standing) is kept when the grant ends")
    void standingIsKept() {
        String botUser = admin.serviceAccountId(DEPLOY_BOT);
        admin.grantRealmRole(botUser, "expiry-it-standing");
        String grantId = grant("expiry-it standing", "PT2S");
        assertTrue(admin.grant("service-account-" + DEPLOY_BOT, "expiry-it-standing", grantId)
                .path("standing")
                .asBoolean());

        assertEquals(
                "EXPIRED",
                awaitEnded("expiry-it-standing", grantId).path("status").asText());
        assertTrue(admin.directRealmRoles(botUser).contains("expiry-it-standing"), "a standing mapping was stripped");
    }

    @Test
    @DisplayName("of two overlapping grants of one role, only the last to end removes the mapping")
    void overlappingGrants() {
        String botUser = admin.serviceAccountId(DEPLOY_BOT);
        String shorter = grant("expiry-it overlap", "PT2S");
        String longer = grant("expiry-it overlap", "PT6S");

        assertEquals(
                "EXPIRED",
                awaitEnded("expiry-it-overlap", shorter).path("status").asText());
        assertEquals(
                "ACTIVE",
                admin.grant("service-account-" + DEPLOY_BOT, "expiry-it-overlap", longer)
                        .path("status")
                        .asText());
        assertTrue(
                admin.directRealmRoles(botUser).contains("expiry-it-overlap"),
                "the mapping went while a grant remains");

        assertEquals(
                "EXPIRED",
                awaitEnded("expiry-it-overlap", longer).path("status").asText());
        assertFalse(admin.directRealmRoles(botUser).contains("expiry-it-overlap"), "the mapping outlived both grants");
    }

    @Test
    @DisplayName("an admin who removes the mapping by hand revokes the grant, and the audit says who")
    void removalByHandRevokes() {
        String botUser = admin.serviceAccountId(DEPLOY_BOT);
        String grantId = grant("expiry-it by hand", "PT30M");

        admin.removeRealmRole(botUser, "expiry-it-hand");

        JsonNode revoked = admin.grant("service-account-" + DEPLOY_BOT, "expiry-it-hand", grantId);
        assertEquals("REVOKED", revoked.path("status").asText());
        assertTrue(revoked.path("endReason").asText().contains("removed by admin"), revoked.toString());
        assertTrue(jit.auditEntries(Tokens.admin(server)).stream()
                .anyMatch(e -> e.path("action").asText().equals("GRANT_REVOKED")
                        && e.path("grantId").asText().equals(grantId)
                        && e.path("actor").asText().equals("admin")));
    }

    @Test
    @DisplayName("deleting a user or a role ends their grants, and the audit keeps the history")
    void deletionsEndGrants() {
        admin.createRole("expiry-it-doomed");
        jit.createPolicy(
                Tokens.admin(server),
                "expiry-it doomed role",
                Map.of(
                        "role",
                        List.of("expiry-it-doomed"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxActiveGrants",
                        List.of("5")));
        TestPeople.contractor(server, "expiry-it-leaver");
        UserTokens leaver = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "expiry-it-leaver", true);
        String roleGrant = jit.request(leaver.access(), "expiry-it doomed role", "PT30M", "role test", null)
                .json()
                .path("grantId")
                .asText();
        String userGrant = jit.request(leaver.access(), "expiry-it session", "PT30M", "user test", null)
                .json()
                .path("grantId")
                .asText();

        assertEquals(
                204,
                Http.delete(server.baseUrl() + "/admin/realms/acme/roles/expiry-it-doomed", Tokens.admin(server))
                        .status());
        JsonNode afterRole = admin.grant("expiry-it-leaver", "expiry-it-doomed", roleGrant);
        assertEquals("REVOKED", afterRole.path("status").asText());
        assertEquals("role deleted", afterRole.path("endReason").asText());

        assertEquals(
                204,
                Http.delete(
                                server.baseUrl() + "/admin/realms/acme/users/" + admin.userId("expiry-it-leaver"),
                                Tokens.admin(server))
                        .status());
        JsonNode afterUser = admin.grant("expiry-it-leaver", "expiry-it-session", userGrant);
        assertEquals("REVOKED", afterUser.path("status").asText());
        assertEquals("user deleted", afterUser.path("endReason").asText());
        assertTrue(
                jit.auditEntries(Tokens.admin(server)).stream()
                        .anyMatch(e -> e.path("grantId").asText().equals(userGrant)
                                && e.path("action").asText().equals("GRANT_STARTED")),
                "history lost with the user");
    }

    @Test
    @DisplayName("an early revocation ends the user's sessions: the refresh token no longer works")
    void revocationEndsSessions() {
        UserTokens alice = UserTokens.accountConsole(server, new FormLogin(server, "acme"), ALICE, true);
        Http.Response created = jit.request(alice.access(), "expiry-it session", "PT30M", "session test", null);
        assertEquals(201, created.status(), created.body());
        assertEquals(200, alice.refresh().status(), "refresh works while granted");

        Http.Response revoked =
                jit.revoke(Tokens.admin(server), created.json().path("grantId").asText(), "incident closed");
        assertEquals(200, revoked.status(), revoked.body());

        Http.Response refresh = alice.refresh();
        assertEquals(400, refresh.status(), refresh.body());
        assertEquals("invalid_grant", refresh.json().path("error").asText());
    }
}
