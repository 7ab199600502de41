package io.jitaccess.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real Keycloak server process, started from its own copy of the unpacked distribution.
 *
 * <p>Either development mode ({@code kc.sh start-dev}, which builds itself when providers change) or
 * production mode ({@code kc.sh build <build options>} then {@code kc.sh start --optimized}), on H2 or
 * PostgreSQL, on free ports unless told otherwise. It can be stopped, killed with SIGKILL and started
 * again on the same data.
 */
public final class KeycloakServer implements KeycloakEndpoint, AutoCloseable {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin";

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Settings settings;
    private final Path home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private KeycloakServer(Settings settings) {
        this.settings = settings;
        this.home = settings.workDir.resolve("keycloak");
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** Prepares the server's files and starts it; returns once {@code /health/ready} answers UP. */
    public KeycloakServer start() {
        prepare();
        if (!settings.buildOptions.isEmpty()) {
            build();
        }
        launch();
        awaitReady();
        return this;
    }

    /** Starts the server again on the files (and database) it already has. */
    public KeycloakServer restart() {
        if (isRunning()) {
            stop();
        }
        launch();
        awaitReady();
        return this;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Graceful stop (SIGTERM), as Ctrl-C would; forceful after a minute. */
    public void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                kill();
            }
            for (ProcessHandle handle : tree) {
                handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        } catch (Exception e) {
            kill();
        }
        process = null;
    }

    /** SIGKILL of the whole process tree: no shutdown hook, no transaction finishes. */
    public void kill() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = processTree();
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Keycloak process " + handle.pid() + " survived SIGKILL", e);
            }
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String baseUrl() {
        return "http://localhost:" + settings.httpPort;
    }

    @Override
    public String managementUrl() {
        return "http://localhost:" + settings.managementPort;
    }

    public int httpPort() {
        return settings.httpPort;
    }

    public Path home() {
        return home;
    }

    public Path logFile() {
        return settings.workDir.resolve("server.log");
    }

    /** Everything the server printed since its work directory was created. */
    @Override
    public String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's JVM (kc.sh may run it as a child), for measuring its CPU time and heap. */
    public ProcessHandle jvm() {
        return processTree().stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false))
                .findFirst().orElse(process.toHandle());
    }

    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    private void prepare() {
        try {
            copyDistributionOnce();
            Path providers = home.resolve("providers");
            try (Stream<Path> old = Files.list(providers)) {
                for (Path jar : (Iterable<Path>) old.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                    Files.delete(jar);
                }
            }
            for (Path jar : settings.providers) {
                Files.copy(jar, providers.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            Path imports = home.resolve("data/import");
            deleteTree(imports);
            if (settings.freshData) {
                deleteTree(home.resolve("data"));
            }
            if (!settings.realmImports.isEmpty()) {
                Files.createDirectories(imports);
                for (Path realm : settings.realmImports) {
                    Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Keycloak in " + home, e);
        }
    }

    private void copyDistributionOnce() throws IOException {
        Path marker = home.resolve(".jit-copied-from");
        Path source = settings.distribution.home();
        if (Files.exists(marker) && Files.readString(marker).equals(source.toString())) {
            return;
        }
        deleteTree(home);
        Files.createDirectories(home);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path to = home.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        Files.writeString(marker, source.toString());
    }

    private void build() {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(settings.buildOptions);
        try {
            Process build = processBuilder(command).start();
            if (!build.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build did not finish in " + READY_TIMEOUT + "; see " + logFile());
            }
            if (build.exitValue() != 0) {
                throw new IllegalStateException("kc.sh build " + settings.buildOptions + " failed with exit code "
                        + build.exitValue() + ":\n" + tail(40));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/kc.sh").toString());
        if (settings.buildOptions.isEmpty()) {
            command.add("start-dev");
        } else {
            command.add("start");
            command.add("--optimized");
            command.add("--hostname-strict=false");
            command.add("--http-enabled=true");
        }
        command.add("--http-port=" + settings.httpPort);
        command.add("--http-management-port=" + settings.managementPort);
        // metrics and health stay on this machine, as the HTTP port does in development mode (Keycloak binds the
        // management interface to every address unless told otherwise)
        command.add("--http-management-host=127.0.0.1");
        command.add("--health-enabled=true");
        if (!settings.realmImports.isEmpty()) {
            command.add("--import-realm");
        }
        command.addAll(settings.database.keycloakOptions());
        command.addAll(settings.options);
        try {
            process = processBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private ProcessBuilder processBuilder(List<String> command) throws IOException {
        Files.createDirectories(settings.workDir);
        Files.writeString(logFile(), "\n==== " + Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_OPTS_APPEND", "");
        env.putAll(settings.environment);
        return builder;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        URI ready = URI.create(managementUrl() + "/health/ready");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue()
                        + " before it was ready; last lines of " + logFile() + ":\n" + tail(60));
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT + "; last lines of "
                + logFile() + ":\n" + tail(60));
    }

    private static void pause(Duration duration) {
        // Polling interval of the readiness probe, bounded by READY_TIMEOUT.
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static final class Settings {
        KeycloakDistribution distribution;
        Path workDir;
        int httpPort;
        int managementPort;
        Database database = Database.embeddedH2();
        boolean freshData;
        final List<Path> providers = new ArrayList<>();
        final List<Path> realmImports = new ArrayList<>();
        final List<String> options = new ArrayList<>();
        final List<String> buildOptions = new ArrayList<>();
        final Map<String, String> environment = new LinkedHashMap<>();
    }

    /** Describes a server; {@link #build()} gives one that is not started yet. */
    public static final class Builder {
        private final Settings settings = new Settings();

        private Builder(Path workDir) {
            settings.workDir = workDir.toAbsolutePath();
        }

        public Builder distribution(KeycloakDistribution distribution) {
            settings.distribution = distribution;
            return this;
        }

        public Builder httpPort(int port) {
            settings.httpPort = port;
            return this;
        }

        public Builder managementPort(int port) {
            settings.managementPort = port;
            return this;
        }

        public Builder database(Database database) {
            settings.database = Objects.requireNonNull(database);
            return this;
        }

        /** Start from an empty database directory (H2) each time the server is started by {@link #start()}. */
        public Builder freshData(boolean fresh) {
            settings.freshData = fresh;
            return this;
        }

        public Builder provider(Path jar) {
            settings.providers.add(jar);
            return this;
        }

        public Builder importRealm(Path realmJson) {
            settings.realmImports.add(realmJson);
            return this;
        }

        /** Run options, e.g. {@code --features=declarative-ui}. */
        public Builder option(String... options) {
            settings.options.addAll(List.of(options));
            return this;
        }

        /** Production mode: {@code kc.sh build} with these options, then {@code start --optimized}. */
        public Builder buildOptions(List<String> options) {
            settings.buildOptions.addAll(options);
            return this;
        }

        public Builder environment(String name, String value) {
            settings.environment.put(name, value);
            return this;
        }

        public KeycloakServer build() {
            if (settings.distribution == null) {
                settings.distribution = KeycloakDistribution.unpacked();
            }
            if (settings.httpPort == 0) {
                settings.httpPort = FreePorts.find();
            }
            if (settings.managementPort == 0) {
                settings.managementPort = FreePorts.find();
            }
            return new KeycloakServer(settings);
        }
    }
}
