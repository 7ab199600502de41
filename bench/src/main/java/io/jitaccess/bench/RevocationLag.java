package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 3: 1,000 roles given to 1,000 signed-in users, each to end at its own time within about 2 minutes: through
 * our grants (one request each, automatically approved, 20–130 s) and through Keycloak's own Workflows
 * (role mapping by the admin API, a workflow per duration bucket revoking it). The moment each mapping is
 * removed comes from Keycloak's role-revoked model event (the probe); each user also refreshes their token a
 * moment (0.2–3 s) before the intended end, and we count tokens that carry the role yet expire after that end.
 * Then both servers idle for 60 s and their CPU use is compared.
 */
final class RevocationLag {

    private static final int USERS = BenchRealm.LAG_USERS;

    /** How a role is given for a while, and when it is meant to end. */
    interface Giver {
        String label();

        /** Gives the user the role for about {@code seconds}; returns the role given. */
        String give(Target target, int index, String userId, String accessToken, int seconds);

        /** The intended end (epoch millis) of each (userId, role) given, once known. */
        Map<String, Long> intendedEnds(Target target, Map<String, String> roleOfUser);
    }

    private final Target plain;
    private final Target jit;
    private final Otp otp;
    private final Report report;
    private final Workflows workflows;

    RevocationLag(Target plain, Target jit, Otp otp, Report report, Workflows workflows) {
        this.plain = plain;
        this.jit = jit;
        this.otp = otp;
        this.report = report;
        this.workflows = workflows;
    }

    void run() {
        report.section("3. Revocation lag: " + USERS + " roles ending at random times over about 2 minutes");
        report.line(
                "method: lag = mapping removed (role-revoked model event) - intended end; a token is refreshed by each"
                        + " user 0.2-3 s before the end and counted when it carries the role and its exp lies after the end");
        workflows.install(plain);
        Outcome ours = measure(jit, new OurGrants());
        Outcome theirs = measure(plain, workflows);
        report.line(
                "%-22s %6s %8s %8s %8s %8s %8s %8s | %s",
                "",
                "ended",
                "min ms",
                "p50 ms",
                "p99 ms",
                "max ms",
                "tokens",
                "late",
                "tokens past end (with the role)");
        for (Outcome o : List.of(ours, theirs)) {
            report.line(
                    "%-22s %6d %8.0f %8.0f %8.0f %8.0f %8d %8d |",
                    o.label,
                    o.lags.count(),
                    o.lags.min(),
                    o.lags.percentile(50),
                    o.lags.percentile(99),
                    o.lags.max(),
                    o.tokensChecked,
                    o.tokensPastEnd);
            if (o.missing > 0) {
                report.line("  %s: %d mapping(s) not removed within the wait", o.label, o.missing);
            }
        }
        double p99 = ours.lags.percentile(99);
        report.verdict(
                "revocation lag p99 " + String.format(java.util.Locale.ROOT, "%.0f ms", p99) + ", target <= 100 ms: "
                        + (p99 <= 100 && ours.missing == 0 ? "met" : "MISSED") + " (Keycloak Workflows: p99 "
                        + String.format(java.util.Locale.ROOT, "%.0f ms", theirs.lags.percentile(99)) + ")");
        report.verdict("tokens minted before the end that outlive it with the role: " + ours.tokensPastEnd + " of "
                + ours.tokensChecked + ", target 0: " + (ours.tokensPastEnd == 0 ? "met" : "MISSED")
                + " (Keycloak Workflows: "
                + theirs.tokensPastEnd + " of " + theirs.tokensChecked + ")");
        idleCpu();
    }

    private record Outcome(String label, Stats lags, int tokensChecked, int tokensPastEnd, int missing) {}

    private Outcome measure(Target target, Giver giver) {
        report.line("%s: signing in %d users", giver.label(), USERS);
        Map<String, String[]> sessions = new ConcurrentHashMap<>();
        Map<String, String> userIds = new ConcurrentHashMap<>();
        Parallel.run(8, USERS, i -> {
            String username = BenchRealm.lagUser(i);
            JsonNode tokens = target.signIn(username, otp);
            sessions.put(username, new String[] {tokens.path("refresh_token").asText()});
            userIds.put(
                    username,
                    Target.claims(tokens.path("access_token").asText())
                            .path("sub")
                            .asText());
        });
        Random random = new Random(42);
        int[] seconds = new int[USERS];
        for (int i = 0; i < USERS; i++) {
            seconds[i] = 20 + random.nextInt(111);
        }
        report.line("%s: giving %d roles", giver.label(), USERS);
        Map<String, String> roleOfUser = new ConcurrentHashMap<>();
        Parallel.run(8, USERS, i -> {
            String username = BenchRealm.lagUser(i);
            String userId = userIds.get(username);
            String[] session = sessions.get(username);
            Web.Response refreshed = target.refresh(session[0]).expect(200, "refresh");
            session[0] = refreshed.json().path("refresh_token").asText();
            roleOfUser.put(
                    userId,
                    giver.give(
                            target,
                            i,
                            userId,
                            refreshed.json().path("access_token").asText(),
                            seconds[i]));
        });
        Map<String, Long> ends = giver.intendedEnds(target, roleOfUser);
        // each user refreshes once shortly before the end of their role
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(8);
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger pastEnd = new AtomicInteger();
        Map<String, String> usernameOf = new HashMap<>();
        userIds.forEach((u, id) -> usernameOf.put(id, u));
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Long> end : ends.entrySet()) {
            long at = end.getValue() - 200 - random.nextInt(2800);
            String userId = end.getKey();
            String role = roleOfUser.get(userId);
            String[] session = sessions.get(usernameOf.get(userId));
            clock.schedule(
                    () -> {
                        Web.Response response = target.refresh(session[0]);
                        if (response.status() != 200 || System.currentTimeMillis() >= end.getValue()) {
                            return; // too late to count: the token would be minted after the end
                        }
                        JsonNode claims = Target.claims(
                                response.json().path("access_token").asText());
                        if (Target.carriesRealmRole(claims, role)) {
                            checked.incrementAndGet();
                            if (claims.path("exp").asLong() * 1000 > end.getValue()) {
                                pastEnd.incrementAndGet();
                            }
                        }
                    },
                    Math.max(0, at - now),
                    TimeUnit.MILLISECONDS);
        }
        long lastEnd = Collections.max(ends.values());
        Map<String, Long> removed = new HashMap<>();
        long deadline = lastEnd + 60_000;
        while (System.currentTimeMillis() < deadline) {
            removed.clear();
            for (Target.ProbeEvent e : target.probeEvents()) {
                if (e.what().equals("revoked")
                        && e.realm().equals(BenchRealm.NAME)
                        && e.role().equals(roleOfUser.get(e.userId()))) {
                    removed.putIfAbsent(e.userId(), e.millis());
                }
            }
            if (removed.keySet().containsAll(ends.keySet())) {
                break;
            }
            LockSupport.parkNanos(1_000_000_000L);
        }
        clock.shutdown();
        try {
            clock.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Double> lags = new ArrayList<>();
        ends.forEach((userId, end) -> {
            Long at = removed.get(userId);
            if (at != null) {
                lags.add((double) (at - end));
            }
        });
        int missing = ends.size() - lags.size();
        report.line(
                "%s: %d of %d mappings removed; last intended end %s",
                giver.label(), lags.size(), ends.size(), Instant.ofEpochMilli(lastEnd));
        return new Outcome(giver.label(), Stats.of(lags, missing, 0), checked.get(), pastEnd.get(), missing);
    }

    private void idleCpu() {
        report.line("");
        report.line("idle CPU over 60 s, nothing ending (both servers idle at once; CPU time of each server's JVM)");
        long plain0 = plain.cpuMillis();
        long jit0 = jit.cpuMillis();
        long t0 = System.nanoTime();
        LockSupport.parkNanos(60_000_000_000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double plainCore = (plain.cpuMillis() - plain0) / 1000.0 / seconds * 100;
        double jitCore = (jit.cpuMillis() - jit0) / 1000.0 / seconds * 100;
        double difference = jitCore - plainCore;
        report.line(
                "  without JIT %.3f %% of a core, with JIT %.3f %% of a core, difference %.3f %%",
                plainCore, jitCore, difference);
        report.verdict("idle CPU difference " + String.format(java.util.Locale.ROOT, "%.3f", difference)
                + " % of a core, target < 0.5 %: " + (difference < 0.5 ? "met" : "MISSED"));
    }

    /** Our way: one request per user through the JIT API, automatically approved; the grant's end is the end. */
    static final class OurGrants implements Giver {
        private final Map<String, String> grantOfUser = new ConcurrentHashMap<>();

        @Override
        public String label() {
            return "JIT Access";
        }

        @Override
        public String give(Target target, int index, String userId, String accessToken, int seconds) {
            Web.Response created = Web.postJson(
                    target.api() + "/requests",
                    accessToken,
                    Map.of("policy", "bench lag", "duration", "PT" + seconds + "S"));
            if (created.status() != 201
                    || !"APPROVED".equals(created.json().path("status").asText())) {
                throw new IllegalStateException("lag grant refused: " + created.status() + " " + created.body());
            }
            grantOfUser.put(userId, created.json().path("grantId").asText());
            return BenchRealm.LAG_ROLE;
        }

        @Override
        public Map<String, Long> intendedEnds(Target target, Map<String, String> roleOfUser) {
            Map<String, Long> ends = new HashMap<>();
            for (int first = 0; ends.size() < grantOfUser.size(); first += 500) {
                JsonNode page = Web.get(
                                target.admin() + "/jit/grants?status=ALL&role=" + BenchRealm.LAG_ROLE + "&first="
                                        + first + "&max=500",
                                target.adminToken())
                        .expect(200, "grants")
                        .json();
                if (page.isEmpty()) {
                    break;
                }
                for (JsonNode grant : page) {
                    String userId = grant.path("user").path("id").asText();
                    if (grant.path("id").asText().equals(grantOfUser.get(userId))) {
                        ends.put(
                                userId,
                                Instant.parse(grant.path("endsAt").asText()).toEpochMilli());
                    }
                }
            }
            if (ends.size() != grantOfUser.size()) {
                throw new IllegalStateException("found " + ends.size() + " of " + grantOfUser.size() + " grants");
            }
            return ends;
        }
    }
}
