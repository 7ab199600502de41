package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.jitaccess.harness.KeycloakEndpoint;

/** Many callers at once: one decision per request, per-user limits hold, and the audit chain stays one chain. */
@DisplayName("Concurrent approvers and requesters")
class RaceIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");

    @Test
    @DisplayName("20 approvers deciding one request at once: exactly one decision and one grant")
    void twentyApprovers() throws Exception {
        String admin = Tokens.admin(server);
        Http.Response group = Http.postJson(server.baseUrl() + "/admin/realms/acme/groups", admin, Map.of("name", "race-approvers"));
        assertTrue(group.status() == 201 || group.status() == 409, group.body());
        new Admin(server).createRole("race-it-role");
        String policy = jit.createPolicy(admin, "race-it", Map.of("role", List.of("race-it-role"), "eligibleGroups", List.of("/contractors"),
                "approverGroups", List.of("/race-approvers"), "maxDuration", List.of("PT1H")));
        List<String> approverTokens = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String name = "race-approver-" + i;
            TestPeople.person(server, name, "/race-approvers");
            approverTokens.add(UserTokens.accountConsole(server, new FormLogin(server, "acme"), name, true).access());
        }
        TestPeople.contractor(server, "race-requester");
        UserTokens requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "race-requester", true);
        String id = jit.request(requester.access(), policy, "PT10M", "race", null).json().path("id").asText();

        List<Http.Response> answers = all(approverTokens.stream().map(token -> (Callable<Http.Response>) () -> jit.approve(token, id, "yes")).toList());

        assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), "decisions: " + statuses(answers));
        assertTrue(answers.stream().allMatch(a -> a.status() == 200 || a.status() == 409), statuses(answers));
        assertEquals(1, jit.adminGrants(Tokens.admin(server), "?status=ALL&user=race-requester").json().size());
        assertTrue(jit.verify(Tokens.admin(server)).json().path("intact").asBoolean());
    }

    @Test
    @DisplayName("one user firing 50 requests at once: exactly the policy's pending limit is accepted")
    void fiftyRequests() throws Exception {
        new Admin(server).createRole("race-it-burst");
        String policy = jit.createPolicy(Tokens.admin(server), "race-it burst", Map.of("role", List.of("race-it-burst"),
                "eligibleGroups", List.of("/contractors"), "approverGroups", List.of("/approvers"), "maxDuration", List.of("PT1H"),
                "maxPendingRequests", List.of("3")));
        TestPeople.contractor(server, "race-burst");
        String token = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "race-burst", true).access();

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
        return answers.stream().map(a -> a.status() + (a.status() >= 500 ? ":" + a.body() : "")).toList().toString();
    }
}
