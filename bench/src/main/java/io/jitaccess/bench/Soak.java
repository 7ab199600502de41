package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakDistribution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load test ({@code ./mvnw -q -Pload}, docs/security.md): {@code --users} people (50) on one server with our
 * providers, each in a loop for {@code --minutes} (5): ask for a role, approve someone else's pending request,
 * refresh the token, list the grants. At the end it checks that no answer was unexpected, that the audit trail
 * has exactly one entry for each action, and that the old generation after a full GC stayed flat.
 */
public final class Soak {

    /** What the answers may be: any other status is an unexpected error. */
    private static final Map<String, List<Integer>> EXPECTED = Map.of(
            "request",
            List.of(201, 429), // 429: the user's pending limit, which the load reaches on purpose
            "approve",
            List.of(200, 409), // 409: another approver decided it first
            "approvals",
            List.of(200),
            "refresh",
            List.of(200),
            "grants",
            List.of(200));

    private final Target jit;
    private final Report report;
    private final int users;
    private final double minutes;
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
    private final List<String> firstUnexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    private Soak(Target jit, Report report, int users, double minutes) {
        this.jit = jit;
        this.report = report;
        this.users = users;
        this.minutes = minutes;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        int users = options.number("--users", 50);
        double minutes = Double.parseDouble(options.text("--minutes", "5"));
        Path project = Path.of(System.getProperty("jit.project.dir", "."));
        Path work = project.resolve("bench/target/load");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path output = project.resolve("bench/results/" + stamp + "-load.txt");
        Path acme = project.resolve("realm-config/acme-realm.json");
        try (Report report = new Report(output)) {
            report.line("JIT Access load test, %s", LocalDateTime.now().withNano(0));
            report.line(
                    "command: ./mvnw -q -Pload%s",
                    args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\"");
            report.line("machine: %s", Machine.describe());
            report.line(
                    "Keycloak %s, production mode, embedded PostgreSQL; load generator on the same machine",
                    KeycloakDistribution.unpacked().version());
            BenchRealm realm = BenchRealm.withJit(acme);
            try (Target jit = Bench.target(
                    "load",
                    work,
                    realm.write(work.resolve("realm")),
                    List.of(Bench.jar("jit.provider.jar"), Bench.jar("jit.themes.jar"), Bench.jar("jit.probe.jar")),
                    false)) {
                Bench.addPeople(
                        jit,
                        realm.peopleInChunks(50, name -> name.startsWith("au-") || name.equals(BenchRealm.APPROVER)));
                new Soak(jit, report, Math.min(users, BenchRealm.APPROVAL_USERS), minutes).run();
            }
            report.line("");
            report.line("raw output: %s", project.relativize(output));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        report.section(String.format(
                Locale.ROOT,
                "Load: %d users for %.1f min (request, approve another's, refresh, list grants)",
                users,
                minutes));
        Otp otp = new Otp();
        List<Double> oldGen = new ArrayList<>();
        long end = System.nanoTime() + (long) (minutes * 60e9);
        ExecutorService pool = Executors.newFixedThreadPool(users);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < users; w++) {
            String username = BenchRealm.approvalUser(w);
            workers.add(pool.submit(() -> {
                person(username, otp, end);
                return null;
            }));
        }
        long sampleEvery = (long) (minutes * 60e9 / 5);
        for (long next = System.nanoTime() + sampleEvery; next < end; next += sampleEvery) {
            TimeUnit.NANOSECONDS.sleep(
                    Math.max(0, next - System.nanoTime())); // a load generator's pacing, not a test wait
            oldGen.add(jit.oldGenAfterFullGcMib());
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
        oldGen.add(jit.oldGenAfterFullGcMib());

        long errors = unexpected.values().stream().mapToLong(AtomicLong::get).sum();
        report.line("answers: %s", new TreeMap<>(answers));
        report.line(
                "unexpected answers: %d %s",
                errors, errors == 0 ? "" : new TreeMap<>(unexpected) + " first: " + firstUnexpected);
        report.verdict("load: unexpected errors " + errors + " (target 0): " + (errors == 0 ? "met" : "MISSED"));

        Map<String, Long> audited = SoakAudit.byAction(jit);
        Map<String, Long> expected = new TreeMap<>();
        expected.put("REQUEST_CREATED", count("request 201"));
        expected.put("REQUEST_REFUSED", count("request 429"));
        expected.put("REQUEST_APPROVED", count("approve 200"));
        expected.put("GRANT_STARTED", count("approve 200"));
        expected.put("DECISION_REFUSED", count("approve 409"));
        expected.put("GRANT_EXPIRED", audited.getOrDefault("grants ended", 0L));
        report.line(
                "audit entries by action (ledger / actions the load made or, for GRANT_EXPIRED, grants that ended):");
        boolean equal = true;
        java.util.SortedSet<String> actions = new java.util.TreeSet<>(audited.keySet());
        actions.addAll(expected.keySet());
        actions.remove("grants ended");
        for (String action : actions) {
            long inAudit = audited.getOrDefault(action, 0L);
            Long made = expected.get(action);
            report.line("  %-18s %7d / %s", action, inAudit, made == null ? "(not counted by the load)" : made);
            equal &= made == null || made == inAudit;
        }
        report.verdict("load: audit entries equal to actions: " + (equal ? "met" : "MISSED"));

        report.line(
                "old generation after full GC (MiB), every %.0f s: %s",
                minutes * 60 / 5,
                oldGen.stream().map(m -> String.format(Locale.ROOT, "%.1f", m)).toList());
        double first = oldGen.get(0);
        double last = oldGen.get(oldGen.size() - 1);
        double growth = last - first;
        boolean flat = growth <= Math.max(16, first * 0.10);
        report.line("  growth from the first sample to the last: %+.1f MiB (flat: at most 10 %% or 16 MiB)", growth);
        report.verdict(String.format(
                Locale.ROOT,
                "load: old generation %.1f -> %.1f MiB: %s",
                first,
                last,
                flat ? "flat, met" : "GROWING, MISSED"));
        report.summary();
    }

    /** One person's loop: ask, approve another's, refresh, list grants. */
    private void person(String username, Otp otp, long end) {
        Session session = new Session(jit.signIn(username, otp));
        while (System.nanoTime() < end) {
            String token = session.access();
            answer(
                    "request",
                    token,
                    () -> Web.postJson(
                            jit.api() + "/requests",
                            token,
                            Map.of(
                                    "policy",
                                    BenchRealm.SOAK_POLICY,
                                    "duration",
                                    "PT2M",
                                    "justification",
                                    "load from " + username)));
            String now = session.access();
            Web.Response waiting = answer("approvals", now, () -> Web.get(jit.api() + "/approvals", now));
            if (waiting.status() == 200 && waiting.json().size() > 0) {
                JsonNode pick = waiting.json()
                        .get(ThreadLocalRandom.current().nextInt(waiting.json().size()));
                String then = session.access();
                answer(
                        "approve",
                        then,
                        () -> Web.postJson(
                                jit.api() + "/requests/" + pick.path("id").asText() + "/approve",
                                then,
                                Map.of("comment", "load")));
            }
            session.refresh();
            String fresh = session.access();
            answer("grants", fresh, () -> Web.get(jit.api() + "/grants", fresh));
        }
    }

    /**
     * A person's tokens as an app keeps them. The access token ends with the earliest grant it carries (the
     * {@code jit-grants} mapper caps its {@code exp}), so the app refreshes once it has expired.
     */
    private final class Session {
        private String access;
        private String refresh;

        Session(JsonNode tokens) {
            take(tokens);
        }

        String access() {
            if (expired(access, 500)) {
                refresh();
            }
            return access;
        }

        void refresh() {
            String current = refresh;
            Web.Response refreshed = answer("refresh", null, () -> jit.refresh(current));
            if (refreshed.status() == 200) {
                take(refreshed.json());
            }
        }

        private void take(JsonNode tokens) {
            access = tokens.path("access_token").asText();
            refresh = tokens.path("refresh_token").asText();
        }
    }

    /** Whether the token's {@code exp} is at most {@code marginMillis} away (or past). */
    private static boolean expired(String token, long marginMillis) {
        return Target.claims(token).path("exp").asLong() * 1000 <= System.currentTimeMillis() + marginMillis;
    }

    /**
     * Sends one call and counts its answer. A 401 to a token whose {@code exp} passed while the call was under way
     * is what the token cap promises (a grant it carried ended): it is counted apart, not as an error.
     */
    private Web.Response answer(String action, String token, java.util.function.Supplier<Web.Response> call) {
        Web.Response response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            unexpected
                    .computeIfAbsent(action + " " + e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
            record(action + ": " + e);
            return new Web.Response(-1, e.toString(), null);
        }
        if (response.status() == 401 && token != null && expired(token, 0)) {
            answers.computeIfAbsent(action + " 401 (token ended with a grant)", k -> new AtomicLong())
                    .incrementAndGet();
            return response;
        }
        answers.computeIfAbsent(action + " " + response.status(), k -> new AtomicLong())
                .incrementAndGet();
        if (!EXPECTED.get(action).contains(response.status())) {
            unexpected
                    .computeIfAbsent(action + " " + response.status(), k -> new AtomicLong())
                    .incrementAndGet();
            record(action + " " + response.status() + " " + WebLogin.snippet(response.body()));
        }
        return response;
    }

    private void record(String what) {
        if (firstUnexpected.size() < 5) {
            firstUnexpected.add(what);
        }
    }

    private long count(String key) {
        AtomicLong value = answers.get(key);
        return value == null ? 0 : value.get();
    }
}
