package io.jitaccess.keycloak.rest;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;

/**
 * A failure that means the database cannot be reached (stopped, restarting, the pool out of connections), as
 * opposed to a bug or a refused statement. Callers are told so with a 503 and may try again: the transaction
 * is rolled back, so nothing was changed.
 */
final class DatabaseOutage {

    private static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseOutage() {}

    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.net.SocketException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && outage(sql)) {
                return true;
            }
        }
        return false;
    }

    /** Connection exceptions (SQLSTATE class 08), an administrator's shutdown (57P01–57P03), the pool's wait timing out. */
    private static boolean outage(SQLException sql) {
        String state = sql.getSQLState();
        String message = sql.getMessage();
        return state != null && (state.startsWith("08") || state.startsWith("57P"))
                || message != null && message.contains("Acquisition timeout");
    }

    static Response response() {
        return Response.fromResponse(ApiError.response(
                        503,
                        "database_unavailable",
                        "The database cannot be reached; nothing was changed. Try again in a few seconds."))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
