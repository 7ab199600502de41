package io.jitaccess.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

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

    private final ServerSettings settings;
    private final Path home;
    private Process process;

    private KeycloakServer(ServerSettings settings) {
        this.settings = settings;
        this.home = settings.workDir.resolve("keycloak");
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** Prepares the server's files and starts it; returns once {@code /health/ready} answers UP. */
    public KeycloakServer start() {
        ServerFiles.prepare(settings, home);
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
                .filter(p -> p.info()
                        .command()
                        .map(c -> c.endsWith("/java") || c.equals("java"))
                        .orElse(false))
                .findFirst()
                .orElse(process.toHandle());
    }

    private List<ProcessHandle> processTree() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.toHandle().descendants().forEach(tree::add);
        tree.add(process.toHandle());
        return tree;
    }

    private void build() {
        try {
            Process build = processBuilder(settings.buildCommand(home)).start();
            if (!build.waitFor(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new IllegalStateException(
                        "kc.sh build did not finish in " + READY_TIMEOUT + "; see " + logFile());
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
        List<String> command = settings.runCommand(home);
        try {
            process = processBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private ProcessBuilder processBuilder(List<String> command) throws IOException {
        Files.createDirectories(settings.workDir);
        Files.writeString(
                logFile(),
                "\n==== " + Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
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
        ReadyProbe.await(
                process,
                URI.create(managementUrl() + "/health/ready"),
                READY_TIMEOUT,
                () -> "last lines of " + logFile() + ":\n" + tail(60));
    }

    /** Describes a server; {@link #build()} gives one that is not started yet. */
    public static final class Builder {
        private final ServerSettings settings = new ServerSettings();

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
