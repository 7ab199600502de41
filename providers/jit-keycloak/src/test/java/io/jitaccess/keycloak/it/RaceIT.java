package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Many callers at once: one decision per request, per-user limits hold, a grant ends once however its ends
 * race, and the audit chain stays one chain.
 */
@DisplayName("Concurrent approvers and requesters")
class RaceIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");

    @Test
    @DisplayName("20 approvers deciding one request at once: exactly one decision and one grant")
    void twentyApprovers() throws Exception {
        String admin = Tokens.admin(server);
        Http.Response group =
                Http.postJson(server.baseUrl() + "/admin/realms/acme/groups", admin, Map.of("name", "race-approvers"));
        assertTrue(group.status() == 201 || group.status() == 409, group.body());
        new Admin(server).createRole("race-it-role");
        String policy = jit.createPolicy(
                admin,
                "race-it",
                Map.of(
                        "role",
                        List.of("race-it-role"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/race-approvers"),
                        "maxDuration",
                        List.of("PT1H")));
        List<String> approverTokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "race-approver-" + i;
            TestPeople.person(server, name, "/race-approvers");
            approverTokens.add(UserTokens.accountConsole(server, new FormLogin(server, "acme"), name, true)
                    .access());
        }
        TestPeople.contractor(server, "race-requester");
        UserTokens requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "race-requester", true);
        String id = jit.request(requester.access(), policy, "PT10M", "race", null)
                .json()
                .path("id")
                .asText();

        List<Http.Response> answers = all(approverTokens.stream()
                .map(token -> (Callable<Http.Response>) () -> jit.approve(token, id, "yes"))
                .toList());

        assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), "decisions: " + statuses(answers));
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 409), statuses(answers));
        assertEquals(
                1,
                jit.adminGrants(Tokens.admin(server), "?status=ALL&user=race-requester")
                        .json()
                        .size());
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean());
    }

    @Test
    @DisplayName("one user firing 50 requests at once: exactly the policy's pending limit is accepted")
    void fiftyRequests() throws Exception {
        new Admin(server).createRole("race-it-burst");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "race-it burst",
                Map.of(
                        "role",
                        List.of("race-it-burst"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("3")));
        TestPeople.contractor(server, "race-burst");
        String token = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "race-burst", true)
                .access();

        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            calls.add(() -> jit.request(token, policy, "PT10M", "burst " + n, null));
        }
        List<Http.Response> answers = all(calls);

        assertEquals(3, answers.stream().filter(a -> a.status() == 201).count(), statuses(answers));
        assertEquals(47, answers.stream().filter(a -> a.status() == 429).count(), statuses(answers));
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean(), "the audit chain forked");
    }

    @Test
    @DisplayName("revocations racing the expiry of the same grant: one end, one audit entry, the mapping gone")
    void revocationRacesExpiry() throws Exception {
        Admin admin = new Admin(server);
        admin.createRole("race-it-expiry");
        jit.createPolicy(
                Tokens.admin(server),
                "race-it expiry",
                Map.of(
                        "role",
                        List.of("race-it-expiry"),
                        "eligibleServiceAccounts",
                        List.of(DemoUsers.DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        String adminToken = Tokens.admin(server);
        Instant start = Instant.now().minusSeconds(1);
        String account = "service-account-" + DemoUsers.DEPLOY_BOT;
        for (int round = 0; round < 6; round++) {
            String bot = Tokens.clientCredentials(server, "acme", DemoUsers.DEPLOY_BOT, DemoUsers.DEPLOY_BOT_SECRET)
                    .json()
                    .path("access_token")
                    .asText();
            Http.Response created = jit.request(bot, "race-it expiry", "PT2S", null, null);
            assertEquals(201, created.status(), created.body());
            String grantId = created.json().path("grantId").asText();
            Instant endsAt = Instant.parse(admin.grant(account, "race-it-expiry", grantId)
                    .path("endsAt")
                    .asText());
            // revocations land in the last 30 ms before the end, while the precise timer fires
            Duration lead = Duration.ofMillis(30L * round / 5);
            await("the moment before the grant's end")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> !Instant.now().isBefore(endsAt.minus(lead)));
            String reason = "race " + round;
            List<Http.Response> answers = all(java.util.Collections.nCopies(
                    5, (Callable<Http.Response>) () -> jit.revoke(adminToken, grantId, reason)));

            assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 409), statuses(answers));
            JsonNode grant = await("the grant ended")
                    .atMost(Duration.ofSeconds(30))
                    .until(
                            () -> admin.grant(account, "race-it-expiry", grantId),
                            g -> !g.path("status").asText().equals("ACTIVE"));
            long revocations = answers.stream().filter(a -> a.status() == 200).count();
            assertEquals(
                    grant.path("status").asText().equals("REVOKED") ? 1 : 0,
                    revocations,
                    grant + " " + statuses(answers));
            List<JsonNode> ends = jit.auditSince(adminToken, start).stream()
                    .filter(e -> grantId.equals(e.path("grantId").asText()))
                    .filter(e -> Set.of("GRANT_EXPIRED", "GRANT_REVOKED")
                            .contains(e.path("action").asText()))
                    .toList();
            assertEquals(1, ends.size(), "ends audited: " + ends);
            assertFalse(admin.directRealmRoles(admin.serviceAccountId(DemoUsers.DEPLOY_BOT))
                    .contains("race-it-expiry"));
        }
        assertTrue(jit.verify(adminToken).json().path("intact").asBoolean(), "the audit chain forked");
    }

    @Test
    @DisplayName(
            "30 audit writers at once (requests, auto-grants, refusals): one unbroken chain, one entry for each action")
    void concurrentAuditWriters() throws Exception {
        Admin admin = new Admin(server);
        admin.createRole("race-it-audit");
        admin.createRole("race-it-audit-bot");
        String adminToken = Tokens.admin(server);
        String people = jit.createPolicy(
                adminToken,
                "race-it audit",
                Map.of(
                        "role",
                        List.of("race-it-audit"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("10")));
        String machines = jit.createPolicy(
                adminToken,
                "race-it audit bot",
                Map.of(
                        "role",
                        List.of("race-it-audit-bot"),
                        "eligibleServiceAccounts",
                        List.of(DemoUsers.DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxActiveGrants",
                        List.of("20")));
        TestPeople.contractor(server, "race-audit-writer");
        TestPeople.person(server, "race-audit-outsider", null);
        String writer = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "race-audit-writer", true)
                .access();
        String outsider = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "race-audit-outsider", true)
                .access();
        String bot = Tokens.clientCredentials(server, "acme", DemoUsers.DEPLOY_BOT, DemoUsers.DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        long before = jit.verify(adminToken).json().path("entriesChecked").asLong();
        Instant start = Instant.now().minusSeconds(1);

        List<Callable<Http.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            calls.add(() -> jit.request(writer, people, "PT10M", "writer " + n, null));
            calls.add(() -> jit.request(bot, machines, "PT10M", null, null));
            calls.add(() -> jit.request(outsider, people, "PT10M", "outsider " + n, null));
        }
        List<Http.Response> answers = all(calls);

        assertEquals(20, answers.stream().filter(a -> a.status() == 201).count(), statuses(answers));
        assertEquals(10, answers.stream().filter(a -> a.status() == 403).count(), statuses(answers));
        JsonNode verified = jit.verify(adminToken).json();
        assertTrue(verified.path("intact").asBoolean(), "the audit chain forked: " + verified);
        List<JsonNode> entries = jit.auditSince(adminToken, start).stream()
                .filter(e -> e.path("seq").asLong() > before)
                .toList();
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(
                    before + 1 + i, entries.get(i).path("seq").asLong(), "a gap or a repeat in the chain's sequence");
        }
        assertEquals(
                verified.path("entriesChecked").asLong(), before + entries.size(), "entries missing from the export");
        assertEquals(10, count(entries, "REQUEST_CREATED", "race-audit-writer"));
        assertEquals(10, count(entries, "REQUEST_CREATED", "service-account-" + DemoUsers.DEPLOY_BOT, machines));
        assertEquals(10, count(entries, "GRANT_STARTED", "service-account-" + DemoUsers.DEPLOY_BOT, machines));
        assertEquals(10, count(entries, "REQUEST_REFUSED", "race-audit-outsider"));
    }

    private static long count(List<JsonNode> entries, String action, String subject, String... policyId) {
        return entries.stream()
                .filter(e -> e.path("action").asText().equals(action)
                        && e.path("subject").asText().equals(subject))
                .filter(e -> policyId.length == 0
                        || policyId[0].equals(e.path("policyId").asText()))
                .count();
    }

    /** Runs every call at the same moment (as far as threads allow) and collects the answers. */
    private static List<Http.Response> all(List<Callable<Http.Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (Callable<Http.Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String statuses(List<Http.Response> answers) {
        return answers.stream()
                .map(a -> a.status() + (a.status() >= 500 ? ":" + a.body() : ""))
                .toList()
                .toString();
    }
}
