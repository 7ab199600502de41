package io.jitaccess.bench;

import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.KeycloakDistribution;
import io.jitaccess.harness.KeycloakServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * The benchmarks of docs/benchmarks.md, in one run: two Keycloak 26.7.3 servers in production mode, each on
 * its own PostgreSQL, one plain and one with our providers, the same realm on both (see {@link BenchRealm}).
 *
 * <pre>./mvnw -q -Pbench [-Dexec.args="--only 1,3 --quick"]</pre>
 */
public final class Bench {

    private Bench() {}

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Path project = Path.of(System.getProperty("jit.project.dir", "."));
        Path work = project.resolve("bench/target");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm"));
        Path output = project.resolve("bench/results/" + stamp + (options.quick ? "-quick" : "") + ".txt");
        try (Report report = new Report(output)) {
            report.line("JIT Access benchmarks, %s", LocalDateTime.now().withNano(0));
            report.line(
                    "command: ./mvnw -q -Pbench%s",
                    args.length == 0 ? "" : " -Dexec.args=\"" + String.join(" ", args) + "\"");
            report.line("machine: %s", Machine.describe());
            report.line(
                    "Keycloak %s, production mode (kc.sh build, start --optimized), each server on its own embedded"
                            + " PostgreSQL; load generator on the same machine",
                    KeycloakDistribution.unpacked().version());
            Otp otp = new Otp();
            List<Target> targets = start(work, options.jfr);
            Target plain = targets.get(0);
            Target jit = targets.get(1);
            try {
                figure(report, options, 1, () -> new TokenCost(
                                plain,
                                jit,
                                otp,
                                report,
                                options.quick ? 8 : 40,
                                options.quick ? 3 : 10,
                                options.quick ? 1 : 3)
                        .run());
                figure(report, options, 2, () -> new LoginCost(
                                plain, jit, otp, report, options.quick ? 3 : 10, options.quick ? 1 : 3)
                        .run());
                figure(report, options, 3, () -> new RevocationLag(plain, jit, otp, report, new Workflows()).run());
                figure(report, options, 5, () -> new ApprovalLatency(jit, otp, report, options.quick ? 8 : 100).run());
                figure(report, options, 4, () -> new SweepScale(
                                jit, report, options.quick ? List.of(1_000, 10_000) : List.of(10_000, 100_000))
                        .run());
                report.summary();
                report.line("");
                report.line("raw output: %s", project.relativize(output));
            } finally {
                plain.close();
                jit.close();
            }
        }
        System.exit(0);
    }

    /** Runs one figure; a figure that fails says so and the others still run. */
    private static void figure(Report report, Options options, int number, Runnable figure) {
        if (!options.runs(number)) {
            return;
        }
        try {
            figure.run();
        } catch (RuntimeException e) {
            report.line("FIGURE %d FAILED: %s", number, e);
            report.verdict("figure " + number + ": FAILED (" + e.getMessage() + ")");
        }
    }

    private static List<Target> start(Path work, boolean jfr) {
        Path acme = Path.of(System.getProperty("jit.project.dir", ".")).resolve("realm-config/acme-realm.json");
        Path probe = jar("jit.probe.jar");
        CompletableFuture<Target> plain = CompletableFuture.supplyAsync(() ->
                target("plain", work, BenchRealm.plain(acme).write(work.resolve("realms/plain")), List.of(probe), jfr));
        CompletableFuture<Target> jit = CompletableFuture.supplyAsync(() -> target(
                "jit",
                work,
                BenchRealm.withJit(acme).write(work.resolve("realms/jit")),
                List.of(jar("jit.provider.jar"), jar("jit.themes.jar"), probe),
                jfr));
        List<Target> targets = List.of(plain.join(), jit.join());
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> imports = new ArrayList<>();
        imports.add(CompletableFuture.runAsync(() -> addPeople(targets.get(0), BenchRealm.plain(acme))));
        imports.add(CompletableFuture.runAsync(() -> addPeople(targets.get(1), BenchRealm.withJit(acme))));
        try {
            imports.forEach(CompletableFuture::join);
        } catch (RuntimeException e) {
            targets.forEach(Target::close); // no servers left running behind a failed set-up
            throw e;
        }
        System.out.printf("bench users added to both servers in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        return targets;
    }

    static void addPeople(Target target, BenchRealm realm) {
        addPeople(target, realm.peopleInChunks(200));
    }

    static void addPeople(Target target, List<com.fasterxml.jackson.databind.node.ArrayNode> chunks) {
        Parallel.run(2, chunks.size(), i -> Web.postJson(
                        target.admin() + "/partialImport",
                        target.adminToken(),
                        java.util.Map.of("ifResourceExists", "FAIL", "users", chunks.get(i)))
                .expect(200, "partial import"));
    }

    static Target target(String name, Path work, Path realm, List<Path> jars, boolean jfr) {
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        Path recording = work.resolve("servers/" + name + ".jfr");
        KeycloakServer.Builder builder = KeycloakServer.builder(work.resolve("servers/" + name))
                .database(postgres)
                .buildOptions(List.of("--db=postgres", "--health-enabled=true", "--features=" + Workflows.FEATURES))
                .option(Workflows.RUN_OPTIONS)
                .importRealm(realm);
        jars.forEach(builder::provider);
        if (jfr) {
            // a profile of the whole run, written when the server stops: jfr view hot-methods <file>
            builder.environment(
                    "JAVA_OPTS_APPEND",
                    "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + recording);
        }
        long t0 = System.nanoTime();
        KeycloakServer server = builder.build().start();
        System.out.printf(
                "%s server up at %s in %.0f s (log %s)%n",
                name, server.baseUrl(), (System.nanoTime() - t0) / 1e9, server.logFile());
        return new Target(name, server, postgres);
    }

    static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(
                    "system property " + property + " does not name a jar: run ./mvnw -q -Pbench");
        }
        return Path.of(value);
    }

    /**
     * What to run: {@code --only 1,3} runs figures 1 and 3; {@code --quick} shortens every phase (a smoke run);
     * {@code --jfr} has each server record a Java Flight Recorder profile into {@code bench/target/servers/<name>.jfr}.
     */
    record Options(Set<Integer> only, boolean quick, boolean jfr) {
        static Options parse(String[] args) {
            Set<Integer> only = Set.of(1, 2, 3, 4, 5);
            boolean quick = false;
            boolean jfr = false;
            List<String> list = new ArrayList<>(Arrays.asList(args));
            for (int i = 0; i < list.size(); i++) {
                switch (list.get(i)) {
                    case "--only" ->
                        only = Arrays.stream(list.get(++i).split(","))
                                .map(String::strip)
                                .map(Integer::parseInt)
                                .collect(Collectors.toSet());
                    case "--quick" -> quick = true;
                    case "--jfr" -> jfr = true;
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + list.get(i) + " (use --only 1,2,3,4,5, --quick, --jfr)");
                }
            }
            return new Options(only, quick, jfr);
        }

        boolean runs(int figure) {
            return only.contains(figure);
        }
    }
}
