package io.jitaccess.keycloak.it;

import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.KeycloakEndpoint;
import io.jitaccess.harness.KeycloakServer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The servers the ITs share: one per distinct configuration, started on first use and stopped when the
 * test JVM ends (Failsafe runs every IT in one JVM).
 */
public final class TestServers {

    /** Options every test server runs with, as the run command does. */
    static final String[] RUN_OPTIONS = {"--features=declarative-ui", "--metrics-enabled=true"};

    private static final ConcurrentMap<String, KeycloakServer> SERVERS = new ConcurrentHashMap<>();
    /** Databases of shared servers, closed after every server stopped. */
    private static final java.util.List<EmbeddedPostgres> DATABASES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static volatile KeycloakEndpoint container;

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            SERVERS.values().forEach(KeycloakServer::stop);
                            DATABASES.forEach(EmbeddedPostgres::close);
                        },
                        "jit-test-servers-stop"));
    }

    private TestServers() {}

    /**
     * The demo configuration: development mode on H2 with our jars and the demo realm, as the run command
     * starts it; or, with {@code -Pcontainers}, the docker/Dockerfile image on Testcontainers.
     */
    public static KeycloakEndpoint acme() {
        if ("containers".equals(System.getProperty("jit.server"))) {
            synchronized (TestServers.class) {
                if (container == null) {
                    container = ContainerKeycloak.acme();
                }
                return container;
            }
        }
        return shared("acme-h2", () -> withProviders("acme-h2")
                .importRealm(realmFile())
                .option(RUN_OPTIONS)
                .build());
    }

    /** The demo configuration on a PostgreSQL server of its own (closed when the test JVM ends). */
    public static KeycloakEndpoint acmeOnPostgres() {
        return shared("acme-postgres", () -> {
            EmbeddedPostgres postgres = EmbeddedPostgres.start();
            DATABASES.add(postgres);
            return withProviders("acme-postgres")
                    .database(postgres)
                    .importRealm(realmFile())
                    .option(RUN_OPTIONS)
                    .build();
        });
    }

    private static volatile OwnPostgresServer withSql;

    /**
     * The demo configuration on a PostgreSQL of its own whose database the tests may read and change by SQL behind
     * the server's back (never stopped or killed: tests that do that have an {@link OwnPostgresServer} each).
     */
    static synchronized OwnPostgresServer acmeWithSql() {
        if (withSql == null) {
            withSql = OwnPostgresServer.start("sql-postgres");
            SERVERS.put("sql-postgres", withSql.server);
            DATABASES.add(withSql.postgres);
        }
        return withSql;
    }

    /** A server of a configuration of its own, shared by every test that asks for the same name. */
    public static KeycloakServer shared(String name, Supplier<KeycloakServer> create) {
        return SERVERS.computeIfAbsent(name, n -> create.get().start());
    }

    /** A fresh server description with our two jars deployed and a clean database. */
    public static KeycloakServer.Builder withProviders(String name) {
        return KeycloakServer.builder(serversDir().resolve(name))
                .freshData(true)
                .provider(path("jit.provider.jar"))
                .provider(path("jit.themes.jar"));
    }

    public static Path realmFile() {
        return path("jit.realm.dir").resolve("acme-realm.json");
    }

    static Path serversDir() {
        return path("jit.servers.dir");
    }

    static Path path(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set: run the ITs through Maven"
                    + " (./mvnw verify, or -Dit.test=... as docs/development.md shows)");
        }
        return Paths.get(value);
    }
}
