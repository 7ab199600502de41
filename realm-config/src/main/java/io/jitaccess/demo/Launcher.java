package io.jitaccess.demo;

import io.jitaccess.harness.Database;
import io.jitaccess.harness.FreePorts;
import io.jitaccess.harness.KeycloakDistribution;
import io.jitaccess.harness.KeycloakServer;
import io.jitaccess.harness.Totp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: Keycloak 26.7.3 in development mode with our providers, the demo realm and the demo
 * app, until Ctrl-C. Every failure ends in one line on standard error and a non-zero exit.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        try {
            run(LaunchOptions.parse(args));
        } catch (IllegalArgumentException e) {
            System.err.println("jit run: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            exit(2);
        } catch (LaunchFailure e) {
            System.err.println("jit run: " + e.getMessage());
            exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(LaunchOptions options) throws InterruptedException {
        Path project = Paths.get(System.getProperty("jit.project.dir", "."))
                .toAbsolutePath()
                .normalize();
        Path realm = project.resolve("realm-config/acme-realm.json");
        List<Path> jars = List.of(jar("jit.provider.jar"), jar("jit.themes.jar"));
        for (int port : new int[] {options.httpPort, options.managementPort, options.appPort}) {
            if (FreePorts.inUse(port)) {
                throw new LaunchFailure("port " + port + " is already in use: stop what uses it, or pick other ports"
                        + " with -Dexec.args=\"--port 8180 --app-port 8181\"");
            }
        }
        List<DemoUser> users;
        try {
            users = DemoUser.readFrom(realm);
        } catch (Exception e) {
            throw new LaunchFailure("cannot read the demo realm " + realm + ": " + e.getMessage());
        }

        KeycloakDistribution distribution;
        try {
            distribution = KeycloakDistribution.unpacked();
        } catch (IllegalStateException e) {
            throw new LaunchFailure(e.getMessage());
        }
        Database database = options.db.equals("postgres")
                ? Database.postgres(options.dbUrl, options.dbUsername, options.dbPassword)
                : Database.embeddedH2();
        KeycloakServer.Builder builder = KeycloakServer.builder(project.resolve(".keycloak/run"))
                .distribution(distribution)
                .httpPort(options.httpPort)
                .managementPort(options.managementPort)
                .database(database)
                .freshData(options.fresh)
                .importRealm(realm)
                .option("--features=declarative-ui", "--metrics-enabled=true");
        jars.forEach(builder::provider);
        KeycloakServer server = builder.build();

        System.out.println("Starting Keycloak " + distribution.version() + " with JIT Access on " + database
                + " (the first start builds the server: about a minute) ...");
        try {
            server.start();
        } catch (RuntimeException e) {
            server.kill();
            throw new LaunchFailure(
                    "Keycloak did not start (" + firstLine(e.getMessage()) + "); its log: " + server.logFile());
        }
        String keycloak = server.baseUrl();
        DemoApp app = DemoApp.start(options.appPort, keycloak, "acme", users);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping the demo app and Keycloak ...");
                            app.stop();
                            server.stop();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "jit-run-shutdown"));

        printBanner(keycloak, options, users, server);
        stopped.await();
    }

    private static void printBanner(
            String keycloak, LaunchOptions options, List<DemoUser> users, KeycloakServer server) {
        StringBuilder out = new StringBuilder();
        out.append("\n  JIT Access for Keycloak is running.\n\n");
        out.append("  Admin console     ")
                .append(keycloak)
                .append("/admin/master/console/#/acme")
                .append("   (user admin, password ")
                .append(KeycloakServer.ADMIN_PASSWORD)
                .append(")\n");
        out.append("  Account console   ").append(keycloak).append("/realms/acme/account\n");
        out.append("  Demo app          http://localhost:")
                .append(options.appPort)
                .append("/   (client ops-console)\n");
        out.append("  Current OTP codes http://localhost:")
                .append(options.appPort)
                .append("/otp   (demo only)\n");
        out.append("  Metrics           http://localhost:")
                .append(options.managementPort)
                .append("/metrics\n");
        out.append("  Server log        ").append(server.logFile()).append("\n\n");
        out.append("  Demo users of realm acme (password, then an OTP code from the secret below):\n");
        for (DemoUser user : users) {
            out.append(String.format("    %-6s password %-10s %s%n", user.username(), user.password(), user.story()));
            user.otpSecret()
                    .ifPresent(secret -> out.append(String.format(
                            "           OTP %s%n", new Totp(secret).otpauthUri("acme", user.username()))));
        }
        out.append("\n  Press Ctrl-C to stop.\n");
        System.out.println(out);
    }

    private static Path jar(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.isRegularFile(Paths.get(value))) {
            throw new LaunchFailure(
                    "the provider jars are not built (" + property + "=" + value + "); run ./mvnw -q -Prun");
        }
        return Paths.get(value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no reason given";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void exit(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** A failure the user can act on, told in one line. */
    static final class LaunchFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LaunchFailure(String message) {
            super(message);
        }
    }
}
