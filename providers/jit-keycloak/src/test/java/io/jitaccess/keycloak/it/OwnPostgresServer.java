package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.KeycloakServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A Keycloak server of one test class's own (the demo realm, dev mode) on an embedded PostgreSQL of its own, for
 * tests that kill, stop or restart either, and read or change the database by SQL behind the server's back.
 */
final class OwnPostgresServer implements AutoCloseable {

    final EmbeddedPostgres postgres;
    final KeycloakServer server;

    private OwnPostgresServer(EmbeddedPostgres postgres, KeycloakServer server) {
        this.postgres = postgres;
        this.server = server;
    }

    static OwnPostgresServer start(String name) {
        EmbeddedPostgres postgres = EmbeddedPostgres.start();
        KeycloakServer server = TestServers.withProviders(name)
                .database(postgres)
                .importRealm(TestServers.realmFile())
                .option(TestServers.RUN_OPTIONS)
                .build()
                .start();
        return new OwnPostgresServer(postgres, server);
    }

    /** The first column of the first row {@code query} finds with its one parameter; fails when it finds none. */
    String value(String query, String parameter) throws SQLException {
        try (Connection db = postgres.dataSource().getConnection();
                PreparedStatement statement = db.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next(), "nothing for " + parameter + ": " + query);
                return row.getString(1);
            }
        }
    }

    /** Runs an update with its one parameter; returns the rows it changed. */
    int update(String statement, String parameter) throws SQLException {
        try (Connection db = postgres.dataSource().getConnection();
                PreparedStatement update = db.prepareStatement(statement)) {
            update.setString(1, parameter);
            return update.executeUpdate();
        }
    }

    /** Runs an update with its parameters (strings or numbers); returns the rows it changed. */
    int updateWith(String statement, Object... parameters) throws SQLException {
        try (Connection db = postgres.dataSource().getConnection();
                PreparedStatement update = db.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    /** The first row {@code query} finds with its one parameter, column name (lower case) → value. */
    java.util.Map<String, Object> row(String query, String parameter) throws SQLException {
        try (Connection db = postgres.dataSource().getConnection();
                PreparedStatement statement = db.prepareStatement(query)) {
            statement.setString(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next(), "nothing for " + parameter + ": " + query);
                java.util.Map<String, Object> values = new java.util.HashMap<>();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    values.put(row.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT), row.getObject(i));
                }
                return values;
            }
        }
    }

    /**
     * Locks the rows {@code lockingQuery} selects ({@code ... FOR UPDATE}) in a transaction left open, as a stuck
     * transaction would; closing the connection ends it.
     */
    Connection holdLock(String lockingQuery, String parameter) throws SQLException {
        Connection db = postgres.dataSource().getConnection();
        db.setAutoCommit(false);
        try (PreparedStatement statement = db.prepareStatement(lockingQuery)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                assertTrue(rows.next(), "nothing to lock for " + parameter);
            }
        }
        return db;
    }

    @Override
    public void close() {
        server.stop();
        postgres.close();
    }
}
