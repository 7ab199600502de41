package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Faults, with our own harness on PostgreSQL: the server killed with SIGKILL in the middle of approvals and of
 * expiry, and the database stopped and started again under load. Afterwards nothing acknowledged is lost,
 * nothing is granted twice and no privilege outlives its grant.
 */
@DisplayName("Faults: SIGKILL during approvals and expiry, PostgreSQL restarted under load")
class FaultIT {

    private static OwnPostgresServer own;
    private static EmbeddedPostgres postgres;
    private static KeycloakServer server;

    @BeforeAll
    static void start() {
        own = OwnPostgresServer.start("fault-postgres");
        postgres = own.postgres;
        server = own.server;
    }

    @AfterAll
    static void stop() {
        if (own != null) {
            own.close();
        }
    }

    @Test
    @DisplayName(
            "SIGKILL while 24 approvals are in flight: every request is pending or granted once, every 200 kept; the rest approve after restart")
    void killDuringApprovals() throws Exception {
        JitApi jit = new JitApi(server, "acme");
        new Admin(server).createRole("fault-approve-role");
        TestPeople.contractor(server, "fault-requester");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "fault-approve",
                Map.of(
                        "role",
                        List.of("fault-approve-role"),
                        "eligibleUsers",
                        List.of("fault-requester"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxPendingRequests",
                        List.of("30"),
                        "maxActiveGrants",
                        List.of("30")));
        TestPeople.person(server, "fault-approver", "/approvers");
        String requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "fault-requester", true)
                .access();
        UserTokens approver = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "fault-approver", true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Http.Response created = jit.request(requester, policy, "PT30M", null, null);
            assertEquals(201, created.status(), created.body());
            ids.add(created.json().path("id").asText());
        }

        AtomicInteger answered = new AtomicInteger();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> approvals = new ArrayList<>();
        String token = approver.access();
        for (String id : ids) {
            approvals.add(pool.submit(() -> {
                try {
                    if (jit.approve(token, id, "during the kill").status() == 200) {
                        acknowledged.add(id);
                    }
                } catch (RuntimeException connectionCut) {
                    // the server died under this call: it may or may not have committed
                }
                answered.incrementAndGet();
            }));
        }
        await("some approvals answered")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> answered.get() >= 4);
        server.kill();
        for (Future<?> approval : approvals) {
            approval.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(
                acknowledged.size() < ids.size(), "every approval finished before the kill; the test proves nothing");
        server.restart();

        for (String id : ids) {
            String status = column("SELECT STATUS FROM JIT_REQUEST WHERE ID = ?", id);
            int grants = count("SELECT COUNT(*) FROM JIT_GRANT WHERE REQUEST_ID = ?", id);
            assertTrue(status.equals("PENDING") || status.equals("APPROVED"), id + " is " + status);
            assertEquals(
                    status.equals("APPROVED") ? 1 : 0, grants, id + " is " + status + " with " + grants + " grants");
        }
        for (String id : acknowledged) {
            assertEquals(
                    "APPROVED",
                    column("SELECT STATUS FROM JIT_REQUEST WHERE ID = ?", id),
                    "an acknowledged approval was lost");
        }
        String again = approver.refresh().status() == 200
                ? approver.access()
                : UserTokens.accountConsole(server, new FormLogin(server, "acme"), "fault-approver", true)
                        .access();
        for (String id : ids) {
            if (column("SELECT STATUS FROM JIT_REQUEST WHERE ID = ?", id).equals("PENDING")) {
                Http.Response approved = jit.approve(again, id, "after the restart");
                assertEquals(200, approved.status(), approved.body());
            }
        }
        for (String id : ids) {
            assertEquals(1, count("SELECT COUNT(*) FROM JIT_GRANT WHERE REQUEST_ID = ? AND STATUS = 'ACTIVE'", id), id);
        }
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean(), "the audit chain broke");
    }

    @Test
    @DisplayName(
            "SIGKILL while 20 grants end over 10 s: after restart each ended once, the role is gone from the account and its tokens")
    void killDuringExpiry() throws Exception {
        JitApi jit = new JitApi(server, "acme");
        Admin admin = new Admin(server);
        admin.createRole("fault-expiry-role");
        admin.addScopeMapping(DEPLOY_BOT, "fault-expiry-role");
        jit.createPolicy(
                Tokens.admin(server),
                "fault-expiry",
                Map.of(
                        "role",
                        List.of("fault-expiry-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxActiveGrants",
                        List.of("40")));
        String bot = botToken();
        List<String> grants = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Http.Response created = jit.request(bot, "fault-expiry", "PT" + (3 + i / 2) + "S", null, null);
            assertEquals(201, created.status(), created.body());
            grants.add(created.json().path("grantId").asText());
        }
        Instant lastEnd = Instant.now().plusSeconds(13);

        await("the first grant ended")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> ended(grants) >= 1);
        server.kill();
        assertTrue(ended(grants) < grants.size(), "every grant ended before the kill; the test proves nothing");
        await("the last grant's end passes while the server is down")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(lastEnd));
        server.restart();

        for (String grant : grants) {
            assertEquals("EXPIRED", column("SELECT STATUS FROM JIT_GRANT WHERE ID = ?", grant), grant);
            assertEquals(
                    1,
                    count("SELECT COUNT(*) FROM JIT_AUDIT WHERE GRANT_ID = ? AND ACTION = 'GRANT_EXPIRED'", grant),
                    "grant " + grant + " ended more or less than once");
        }
        assertTrue(
                count(
                                "SELECT COUNT(*) FROM JIT_GRANT WHERE ENDED_BY = 'startup' AND ROLE_NAME = ?",
                                "fault-expiry-role")
                        >= 1,
                "no grant was left for the start-up path");
        assertFalse(admin.directRealmRoles(admin.serviceAccountId(DEPLOY_BOT)).contains("fault-expiry-role"));
        String roles =
                Tokens.claims(botToken()).path("realm_access").path("roles").toString();
        assertFalse(
                roles.contains("fault-expiry-role"),
                "a token after the restart still carries the ended role: " + roles);
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean(), "the audit chain broke");
    }

    @Test
    @DisplayName(
            "PostgreSQL stopped under load: the API answers 503 with a JSON error meanwhile, and recovers fully once it is back")
    void databaseRestartUnderLoad() throws Exception {
        JitApi jit = new JitApi(server, "acme");
        new Admin(server).createRole("fault-load-role");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "fault-load",
                Map.of(
                        "role",
                        List.of("fault-load-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxPendingRequests",
                        List.of("1000")));
        String bot = botToken();
        record Answer(String phase, int status, String body, String id) {}
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<String> phase =
                new java.util.concurrent.atomic.AtomicReference<>("before");
        ExecutorService load = Executors.newFixedThreadPool(3);
        for (int t = 0; t < 3; t++) {
            load.submit(() -> {
                while (running.get()) {
                    String now = phase.get();
                    try {
                        Http.Response created = jit.request(bot, policy, "PT10M", null, null);
                        answers.add(new Answer(
                                now,
                                created.status(),
                                created.body(),
                                created.status() == 201
                                        ? created.json().path("id").asText()
                                        : null));
                        Http.Response listed = jit.requests(bot);
                        answers.add(
                                new Answer(now, listed.status(), listed.status() == 200 ? "" : listed.body(), null));
                    } catch (RuntimeException e) {
                        answers.add(new Answer(now, -1, e.toString(), null));
                    }
                }
            });
        }
        await("load before the outage")
                .atMost(Duration.ofSeconds(60))
                .until(() -> created(answers.stream().map(Answer::status), 20));

        postgres.stop();
        phase.set("outage");
        await("answers during the outage")
                .atMost(Duration.ofSeconds(90))
                .until(() ->
                        answers.stream().filter(a -> a.phase().equals("outage")).count() >= 20);
        postgres.startAgain();
        phase.set("after");
        await("the API recovers")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> created(
                        answers.stream().filter(a -> a.phase().equals("after")).map(Answer::status), 20));
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(1, TimeUnit.MINUTES));

        List<Answer> outage = answers.stream()
                .filter(a -> a.phase().equals("outage") && a.status() != 201 && a.status() != 200)
                .toList();
        assertFalse(outage.isEmpty(), "nothing failed during the outage; the test proves nothing");
        for (Answer answer : outage) {
            assertEquals(503, answer.status(), "during the outage: " + answer);
            assertEquals(
                    "database_unavailable",
                    Http.JSON.readTree(answer.body()).path("error").asText(),
                    answer.toString());
        }
        List<String> acknowledged = answers.stream()
                .map(Answer::id)
                .filter(java.util.Objects::nonNull)
                .toList();
        for (String id : acknowledged) {
            assertEquals(
                    "PENDING",
                    column("SELECT STATUS FROM JIT_REQUEST WHERE ID = ?", id),
                    "an acknowledged request was lost");
        }
        assertEquals(
                acknowledged.size(),
                count("SELECT COUNT(*) FROM JIT_REQUEST WHERE POLICY_ID = ?", policy),
                "requests were stored that nobody was told of, or acknowledged ones are missing");
        assertEquals(
                acknowledged.size(),
                count("SELECT COUNT(*) FROM JIT_AUDIT WHERE POLICY_ID = ? AND ACTION = 'REQUEST_CREATED'", policy));
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean(), "the audit chain broke");
    }

    private static boolean created(java.util.stream.Stream<Integer> statuses, int enough) {
        return statuses.filter(s -> s == 201).count() >= enough;
    }

    private static String botToken() {
        return Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
    }

    private static int ended(List<String> grants) throws Exception {
        int ended = 0;
        for (String grant : grants) {
            if (!column("SELECT STATUS FROM JIT_GRANT WHERE ID = ?", grant).equals("ACTIVE")) {
                ended++;
            }
        }
        return ended;
    }

    private static String column(String query, String parameter) throws Exception {
        return own.value(query, parameter);
    }

    private static int count(String query, String parameter) throws Exception {
        return Integer.parseInt(column(query, parameter));
    }
}
