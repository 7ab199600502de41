package io.jitaccess.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/** What the load test left in the ledger, read from the server's PostgreSQL. */
final class SoakAudit {

    private SoakAudit() {}

    /**
     * The bench realm's audit entries by action, and (as "grants ended") the load's grants that expired, read in
     * one statement so that both see the same commits.
     */
    static Map<String, Long> byAction(Target jit) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        String sql = "SELECT a.ACTION, COUNT(*) FROM JIT_AUDIT a JOIN REALM r ON r.ID = a.REALM_ID WHERE r.NAME = '"
                + BenchRealm.NAME + "' GROUP BY a.ACTION UNION ALL SELECT 'grants ended', COUNT(*) FROM JIT_GRANT"
                + " WHERE STATUS = 'EXPIRED' AND ROLE_NAME = '" + BenchRealm.SOAK_ROLE + "'";
        try (Connection db = jit.postgres.dataSource().getConnection();
                Statement statement = db.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }
}
