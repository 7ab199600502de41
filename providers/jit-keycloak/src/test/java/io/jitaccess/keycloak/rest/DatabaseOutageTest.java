package io.jitaccess.keycloak.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 503 answer itself is asserted over HTTP by FaultIT (a unit test has no JAX-RS runtime). */
@DisplayName("Given a failure while the ledger works")
class DatabaseOutageTest {

    @Test
    @DisplayName(
            "when its cause is a connection failure, a shutdown, a refused socket or the pool's timeout, then it is an outage")
    void outages() {
        assertTrue(DatabaseOutage.causedBy(
                new RuntimeException(new SQLException("This connection has been closed.", "08003"))));
        assertTrue(DatabaseOutage.causedBy(
                new IllegalStateException(new SQLException("terminating connection", "57P01"))));
        assertTrue(DatabaseOutage.causedBy(
                new RuntimeException("Database operation failed", new ConnectException("Connection refused"))));
        assertTrue(DatabaseOutage.causedBy(
                new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))));
    }

    @Test
    @DisplayName(
            "when it is a refused statement or a bug, then it is not an outage: it stays a 500 for the server's log")
    void notOutages() {
        assertFalse(DatabaseOutage.causedBy(new RuntimeException(new SQLException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a bug")));
        assertFalse(DatabaseOutage.causedBy(new NullPointerException()));
    }
}
