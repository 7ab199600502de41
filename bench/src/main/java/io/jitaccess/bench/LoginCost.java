package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 2: a whole browser-flow login as HTTP form posts (authorization request, password, one-time code, the
 * redirect back and the code exchange) by users eligible for nothing, with and without our elevation step in
 * the flow. Both run on the server with our providers, in the same realm, with the same users, theme and
 * database: "without" is the app's twin client whose browser flow is a copy of the realm's without our step, so
 * the ratio measures the step and nothing else (two servers differ by more than the step costs). Every login
 * is a new browser; a user signs in at most once per OTP step; the plain server's rate is printed for reference.
 */
final class LoginCost {

    static final String FLOW_WITHOUT_STEP = "jit browser without jit step";

    private final Target plain;
    private final Target jit;
    private final Otp otp;
    private final Report report;
    private final double roundSeconds;
    private final int rounds;
    private final AtomicLong poolWaits = new AtomicLong();

    LoginCost(Target plain, Target jit, Otp otp, Report report, double roundSeconds, int rounds) {
        this.plain = plain;
        this.jit = jit;
        this.otp = otp;
        this.report = report;
        this.roundSeconds = roundSeconds;
        this.rounds = rounds;
    }

    void run() {
        report.section("2. Login cost: password + OTP browser-flow login, " + TokenCost.CONNECTIONS + " connections");
        requireElevationStep(jit, "jit%20browser", true);
        requireElevationStep(plain, "jit%20browser", false);
        bindFlowWithoutStep();
        requireElevationStep(jit, Web.segment(FLOW_WITHOUT_STEP), false);
        AtomicInteger next = new AtomicInteger();
        String[] clients = {BenchRealm.APP_WITHOUT_STEP, BenchRealm.APP};
        for (String client : clients) {
            Load.run(TokenCost.CONNECTIONS, Math.min(10, roundSeconds), w -> login(jit, client, next));
        }
        List<List<Stats>> results = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            int[] order = round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0};
            for (int c : order) {
                results.get(c).add(Load.run(TokenCost.CONNECTIONS, roundSeconds, w -> login(jit, clients[c], next)));
            }
        }
        AtomicInteger nextOnPlain = new AtomicInteger();
        Stats reference = Load.run(TokenCost.CONNECTIONS, roundSeconds, w -> login(plain, BenchRealm.APP, nextOnPlain));
        report.line(
                "method: one server (ours), one realm, one user pool; %d rounds of %.0f s per flow, alternating, after a"
                        + " 10 s warm-up each; without = a client bound to a copy of the browser flow without our step; %d users,"
                        + " none eligible; a whole login per sample",
                rounds, roundSeconds, BenchRealm.LOGIN_USERS);
        report.tableHeader();
        report.comparison("login (password + OTP)", Stats.merge(results.get(0)), Stats.merge(results.get(1)), 0.97);
        report.line(
                "  reference: the plain server (no providers), one round: %.1f logins/s, p50 %.2f ms, p99 %.2f ms",
                reference.throughput(), reference.percentile(50), reference.percentile(99));
        if (poolWaits.get() > 0) {
            report.line("  note: %d logins waited for a user with a fresh OTP step", poolWaits.get());
        }
    }

    /** Copies the realm's browser flow without our step and binds the app's twin to the copy. */
    private void bindFlowWithoutStep() {
        String admin = jit.admin();
        Web.postJson(
                        admin + "/authentication/flows/jit%20browser/copy",
                        jit.adminToken(),
                        Map.of("newName", FLOW_WITHOUT_STEP))
                .expect(201, "copy of the browser flow");
        for (JsonNode execution : Web.get(
                        admin + "/authentication/flows/" + Web.segment(FLOW_WITHOUT_STEP) + "/executions",
                        jit.adminToken())
                .expect(200, "executions")
                .json()) {
            if ("jit-elevation".equals(execution.path("providerId").asText())) {
                Web.delete(
                                admin + "/authentication/executions/"
                                        + execution.path("id").asText(),
                                jit.adminToken())
                        .expect(204, "removal of our step from the copy");
            }
        }
        String flowId = null;
        for (JsonNode flow : Web.get(admin + "/authentication/flows", jit.adminToken())
                .expect(200, "flows")
                .json()) {
            if (flow.path("alias").asText().equals(FLOW_WITHOUT_STEP)) {
                flowId = flow.path("id").asText();
            }
        }
        JsonNode client = Web.get(admin + "/clients?clientId=" + BenchRealm.APP_WITHOUT_STEP, jit.adminToken())
                .expect(200, "client")
                .json()
                .get(0);
        ObjectNode update = client.deepCopy();
        update.putObject("authenticationFlowBindingOverrides").put("browser", flowId);
        Web.putJson(admin + "/clients/" + client.path("id").asText(), jit.adminToken(), update)
                .expect(204, "flow binding");
    }

    private Load.Action login(Target target, String client, AtomicInteger next) {
        return () -> {
            String username = freshUser(target, next);
            target.signIn(client, username, otp);
        };
    }

    private String freshUser(Target target, AtomicInteger next) {
        for (int tries = 0; ; tries++) {
            String username = BenchRealm.loginUser(Math.floorMod(next.getAndIncrement(), BenchRealm.LOGIN_USERS));
            if (otp.fresh(target.name, username)) {
                return username;
            }
            if (tries > BenchRealm.LOGIN_USERS) {
                poolWaits.incrementAndGet();
                LockSupport.parkNanos(100_000_000L);
                tries = 0;
            }
        }
    }

    /** The flow has our elevation step exactly when expected. */
    private static void requireElevationStep(Target target, String flowAlias, boolean expected) {
        String flow = Web.get(
                        target.admin() + "/authentication/flows/" + flowAlias + "/executions", target.adminToken())
                .expect(200, "flow executions")
                .body();
        if (flow.contains("\"jit-elevation\"") != expected) {
            throw new IllegalStateException(
                    target.name + ": flow " + flowAlias + (expected ? " lacks" : " has") + " the JIT step: " + flow);
        }
    }
}
