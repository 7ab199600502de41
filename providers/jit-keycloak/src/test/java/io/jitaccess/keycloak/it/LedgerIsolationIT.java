package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.DEPLOY_BOT;
import static io.jitaccess.keycloak.it.DemoUsers.DEPLOY_BOT_SECRET;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jitaccess.harness.KeycloakServer;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No slow work under a realm's ledger lock, and one realm never delays another: patterns run in linear time before
 * the lock is taken, and a realm whose lock a stuck transaction holds is left aside while other realms' grants end.
 * On PostgreSQL, with the lock held over JDBC as a stuck transaction would hold it.
 */
@DisplayName("One realm's stuck ledger never delays another's endings; hostile patterns answer at once")
class LedgerIsolationIT {

    private final OwnPostgresServer own = TestServers.acmeWithSql();
    private final KeycloakServer server = own.server;

    @Test
    @DisplayName(
            "while a transaction holds realm A's audit head, realm B's grant ends on time; A's ends once the lock is gone")
    void stuckRealmDoesNotHoldBackOthers() throws Exception {
        String stuck = "iso-stuck";
        new Admin(server).createRealmLikeAcme(stuck);
        String stuckGrant = autoGrant(stuck, "PT3S");
        String realmId = Http.get(server.baseUrl() + "/admin/realms/" + stuck, Tokens.admin(server))
                .json()
                .path("id")
                .asText();

        try (Connection lock = own.holdLock("SELECT * FROM JIT_AUDIT_HEAD WHERE REALM_ID = ? FOR UPDATE", realmId)) {
            String freeGrant = autoGrant("acme", "PT5S"); // ends after the stuck realm's grant came due
            await("realm acme's grant ends while iso-stuck's ledger is locked")
                    .atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> "EXPIRED".equals(status(freeGrant)));
            assertEquals("ACTIVE", status(stuckGrant), "the stuck realm's grant ended under someone else's lock");
        }
        await("iso-stuck's grant ends once the lock is released")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> "EXPIRED".equals(status(stuckGrant)));
        Http.delete(server.baseUrl() + "/admin/realms/" + stuck, Tokens.admin(server));
    }

    @Test
    @DisplayName(
            "a ticket pattern that backtracks for ever in java.util.regex answers at once under RE2 (ticket_invalid)")
    void hostilePatternAnswersAtOnce() {
        new Admin(server).createRole("iso-pattern-role");
        new JitApi(server, "acme")
                .createPolicy(
                        Tokens.admin(server),
                        "iso pattern",
                        Map.of(
                                "role",
                                List.of("iso-pattern-role"),
                                "eligibleServiceAccounts",
                                List.of(DEPLOY_BOT),
                                "autoApprove",
                                List.of("true"),
                                "ticketRequired",
                                List.of("true"),
                                "ticketPattern",
                                List.of("([A-Z]+-?)+[0-9]+"),
                                "maxActiveGrants",
                                List.of("5")));
        String bot = botToken("acme");

        Http.Response refused =
                new JitApi(server, "acme").request(bot, "iso pattern", "PT1M", "deploy", "A".repeat(199) + "!");
        Refusals.assertRefused(refused, 400, "ticket_invalid");
        Http.Response granted = new JitApi(server, "acme").request(bot, "iso pattern", "PT1M", "deploy", "OPS-1");
        assertEquals(201, granted.status(), granted.body());
    }

    @Test
    @DisplayName("a pattern RE2 cannot run (a backreference) is refused when the policy is saved")
    void unsupportedPatternRefused() {
        Http.Response saved = new JitApi(server, "acme")
                .postPolicy(
                        Tokens.admin(server),
                        "iso backreference",
                        Map.of(
                                "role",
                                List.of("iso-pattern-role"),
                                "approverGroups",
                                List.of("/approvers"),
                                "ticketPattern",
                                List.of("([A-Z])\\1")));
        assertEquals(400, saved.status(), saved.body());
        org.junit.jupiter.api.Assertions.assertTrue(
                saved.body().contains("Ticket pattern is not a valid regular expression"), saved.body());
    }

    @Test
    @DisplayName(
            "an early revocation's backchannel logout reaches the app after the revocation is committed, not before")
    void logoutAfterCommit() throws Exception {
        java.util.concurrent.CompletableFuture<String> seen = new java.util.concurrent.CompletableFuture<>();
        String[] grantId = new String[1];
        com.sun.net.httpserver.HttpServer app =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/logout", exchange -> {
            try {
                // what the database says while Keycloak calls us: committed, or still in flight?
                seen.complete(own.value("SELECT STATUS FROM JIT_GRANT WHERE ID = ?", grantId[0]));
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        app.start();
        try {
            String appUrl = "http://127.0.0.1:" + app.getAddress().getPort();
            Http.Response client = Http.postJson(
                    server.baseUrl() + "/admin/realms/acme/clients",
                    Tokens.admin(server),
                    Map.of(
                            "clientId",
                            "iso-app",
                            "publicClient",
                            true,
                            "redirectUris",
                            List.of(appUrl + "/*"),
                            "defaultClientScopes",
                            List.of("roles", "basic", "acr", "jit-api", "jit"),
                            "attributes",
                            Map.of(
                                    "backchannel.logout.url",
                                    appUrl + "/logout",
                                    "backchannel.logout.session.required",
                                    "true")));
            assertEquals(201, client.status(), client.body());
            new Admin(server).createRole("iso-logout-role");
            TestPeople.person(server, "iso-logout", null);
            JitApi jit = new JitApi(server, "acme");
            jit.createPolicy(
                    Tokens.admin(server),
                    "iso logout",
                    Map.of(
                            "role",
                            List.of("iso-logout-role"),
                            "eligibleUsers",
                            List.of("iso-logout"),
                            "autoApprove",
                            List.of("true"),
                            "justificationRequired",
                            List.of("false")));
            FormLogin browser = new FormLogin(server, "acme");
            String code = browser.loginForCode(
                    "iso-app", appUrl + "/cb", "iso-logout", "iso-logout-pw", "iso-logout-otp", "&acr_values=mfa");
            String token = browser.exchange("iso-app", null, appUrl + "/cb", code)
                    .json()
                    .path("access_token")
                    .asText();
            Http.Response granted = jit.request(token, "iso logout", "PT10M", null, null);
            assertEquals(201, granted.status(), granted.body());
            grantId[0] = granted.json().path("grantId").asText();

            assertEquals(
                    200,
                    jit.revoke(Tokens.admin(server), grantId[0], "incident closed")
                            .status());
            assertEquals(
                    "REVOKED",
                    seen.get(30, java.util.concurrent.TimeUnit.SECONDS),
                    "the app was logged out before the revocation was committed");
        } finally {
            app.stop(0);
        }
    }

    /** An automatically approved grant of deploy-bot in {@code realm}; returns its id. */
    private String autoGrant(String realm, String duration) {
        Admin admin = new Admin(server, realm);
        String role = "iso-role-" + duration.toLowerCase();
        admin.createRole(role);
        JitApi jit = new JitApi(server, realm);
        String policy = "iso " + role;
        jit.createPolicy(
                Tokens.admin(server),
                policy,
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
                        List.of("false")));
        Http.Response granted = jit.request(botToken(realm), policy, duration, null, null);
        assertEquals(201, granted.status(), granted.body());
        return granted.json().path("grantId").asText();
    }

    private String botToken(String realm) {
        return Tokens.clientCredentials(server, realm, DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
    }

    private String status(String grantId) throws Exception {
        return own.value("SELECT STATUS FROM JIT_GRANT WHERE ID = ?", grantId);
    }
}
