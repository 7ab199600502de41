package io.jitaccess.keycloak.store;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;

/**
 * A failure that means a realm's ledger lock (its audit chain head) stayed held longer than we wait: another
 * transaction of that realm is slow or stuck. Nothing was changed; the caller may try again.
 */
public final class LedgerBusy {

    private LedgerBusy() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LockTimeoutException
                    || t instanceof PessimisticLockException
                    || t.getClass().getName().equals("org.hibernate.PessimisticLockException")) {
                return true;
            }
            // PostgreSQL lock_not_available, H2 lock timeout
            if (t instanceof SQLException sql
                    && ("55P03".equals(sql.getSQLState()) || "HYT00".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
