package io.jitaccess.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 2: a whole browser-flow login as HTTP form posts (authorization request, password, one-time code, the
 * redirect back and the code exchange) by users eligible for nothing, with and without our elevation step in
 * the flow. Every login is a new browser; a user signs in at most once per OTP step per server.
 */
final class LoginCost {

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
        requireElevationStep(jit, true);
        requireElevationStep(plain, false);
        AtomicInteger[] next = {new AtomicInteger(), new AtomicInteger()};
        Target[] targets = {plain, jit};
        for (int s = 0; s < 2; s++) {
            int server = s;
            Load.run(TokenCost.CONNECTIONS, Math.min(10, roundSeconds), w -> login(targets[server], next[server]));
        }
        List<List<Stats>> results = List.of(new ArrayList<>(), new ArrayList<>());
        for (int round = 0; round < rounds; round++) {
            int[] order = round % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0};
            for (int s : order) {
                results.get(s).add(Load.run(TokenCost.CONNECTIONS, roundSeconds, w -> login(targets[s], next[s])));
            }
        }
        report.line("method: %d rounds of %.0f s per server, alternating, after a 10 s warm-up each; %d users per server,"
                + " none eligible; a whole login per sample", rounds, roundSeconds, BenchRealm.LOGIN_USERS);
        report.tableHeader();
        report.comparison("login (password + OTP)", Stats.merge(results.get(0)), Stats.merge(results.get(1)), 0.97);
        if (poolWaits.get() > 0) {
            report.line("  note: %d logins waited for a user with a fresh OTP step", poolWaits.get());
        }
    }

    private Load.Action login(Target target, AtomicInteger next) {
        return () -> {
            String username = freshUser(target, next);
            target.signIn(username, otp);
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

    /** The realm's browser flow has our elevation step exactly when the server runs with our providers. */
    private static void requireElevationStep(Target target, boolean expected) {
        String flow = Web.get(target.admin() + "/authentication/flows/jit%20browser/executions", target.adminToken())
                .expect(200, "flow executions").body();
        if (flow.contains("\"jit-elevation\"") != expected) {
            throw new IllegalStateException(target.name + ": the browser flow " + (expected ? "lacks" : "has") + " the JIT step: " + flow);
        }
    }
}
