package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Figure 4: 10,000 and then 100,000 grants, seeded by SQL into PostgreSQL (users, their role mappings, approved
 * requests and active grants), all ending at the same instant. The backstop sweep finds them (it runs every 30 s
 * and arms the precise timer for the earliest end), and the grants end in batches. Mail is off the path: the
 * realm has no SMTP server, so notifications are only recorded. Old-generation heap is read after a full GC
 * before the end and after the last grant ended.
 */
final class SweepScale {

    private static final long LEAD_MILLIS = 45_000;

    private final Target jit;
    private final Report report;
    private final List<Integer> sizes;

    SweepScale(Target jit, Report report, List<Integer> sizes) {
        this.jit = jit;
        this.report = report;
        this.sizes = sizes;
    }

    private record Outcome(
            int size, double seconds, double spreadSeconds, double heapBefore, double heapAfter, long mappingsLeft) {}

    void run() {
        report.section("4. Sweep scale: grants ending at once on PostgreSQL");
        report.line(
                "method: seed N users + mappings + requests + active grants by SQL, all ending %d s later; time from"
                        + " that end until no grant is active (polled every 250 ms); old gen after full GC before and after",
                LEAD_MILLIS / 1000);
        String realmId = Web.get(jit.admin(), jit.adminToken())
                .expect(200, "realm")
                .json()
                .path("id")
                .asText();
        String roleId = Web.get(jit.admin() + "/roles/" + BenchRealm.SWEEP_ROLE, jit.adminToken())
                .expect(200, "role")
                .json()
                .path("id")
                .asText();
        String policyId = null;
        for (JsonNode policy : Web.get(jit.admin() + "/jit/policies", jit.adminToken())
                .expect(200, "policies")
                .json()) {
            if (policy.path("name").asText().equals("bench sweep")) {
                policyId = policy.path("id").asText();
            }
        }
        if (policyId == null) {
            throw new IllegalStateException("no policy 'bench sweep'");
        }
        report.line(
                "%8s %12s %12s %10s %14s %14s",
                "grants", "end-all s", "first-last s", "grants/s", "old gen before", "old gen after");
        Outcome small = null;
        Outcome large = null;
        for (int size : sizes) {
            Outcome o = measure(size, realmId, roleId, policyId);
            report.line(
                    "%8d %12.1f %12.1f %10.0f %11.0f MiB %11.0f MiB",
                    o.size, o.seconds, o.spreadSeconds, o.size / o.seconds, o.heapBefore, o.heapAfter);
            if (o.mappingsLeft > 0) {
                report.line("  %d role mappings were left behind", o.mappingsLeft);
            }
            if (size == 10_000) {
                small = o;
            } else if (size == 100_000) {
                large = o;
            }
        }
        if (large != null) {
            report.verdict("100,000 grants ended in " + String.format(java.util.Locale.ROOT, "%.1f", large.seconds)
                    + " s, target <= 60 s: " + (large.seconds <= 60 ? "met" : "MISSED"));
        }
        if (small != null && large != null) {
            double ratio = large.seconds / small.seconds;
            report.verdict("t(100k)/t(10k) = " + String.format(java.util.Locale.ROOT, "%.2f", ratio)
                    + ", target <= 12: " + (ratio <= 12 ? "met" : "MISSED"));
        }
    }

    private Outcome measure(int size, String realmId, String roleId, String policyId) {
        String tag = "sw" + size + "-";
        long end;
        try (Connection db = jit.postgres.dataSource().getConnection()) {
            db.setAutoCommit(false);
            end = System.currentTimeMillis() + LEAD_MILLIS;
            seed(db, tag, size, realmId, roleId, policyId, end);
            db.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("seeding " + size + " grants failed", e);
        }
        double before = jit.oldGenAfterFullGcMib();
        if (System.currentTimeMillis() > end - 1000) {
            throw new IllegalStateException("seeding took longer than the lead time");
        }
        long firstEnded = 0;
        long allEnded = 0;
        while (allEnded == 0 && System.currentTimeMillis() < end + 600_000) {
            long active = count("select count(*) from jit_grant where status = 'ACTIVE' and id like ?", tag + "%");
            long now = System.currentTimeMillis();
            if (firstEnded == 0 && active < size) {
                firstEnded = now;
            }
            if (active == 0) {
                allEnded = now;
            }
            LockSupport.parkNanos(250_000_000L);
        }
        if (allEnded == 0) {
            throw new IllegalStateException(size + " grants did not all end within 10 minutes");
        }
        double after = jit.oldGenAfterFullGcMib();
        long left = count(
                "select count(*) from user_role_mapping m where m.role_id = ? and m.user_id like '" + tag + "%'",
                roleId);
        return new Outcome(size, (allEnded - end) / 1000.0, (allEnded - firstEnded) / 1000.0, before, after, left);
    }

    private static void seed(
            Connection db, String tag, int size, String realmId, String roleId, String policyId, long end)
            throws SQLException {
        long now = System.currentTimeMillis();
        exec(
                db,
                "insert into user_entity (id, email_constraint, email_verified, enabled, realm_id, username, created_timestamp, not_before)"
                        + " select ? || g, ? || g, false, true, ?, ? || g, ?, 0 from generate_series(1, ?) g",
                tag,
                tag,
                realmId,
                tag,
                now,
                size);
        exec(
                db,
                "insert into user_role_mapping (role_id, user_id) select ?, ? || g from generate_series(1, ?) g",
                roleId,
                tag,
                size);
        exec(
                db,
                "insert into jit_request (id, realm_id, policy_id, policy_name, requester_id, requester_name, role_name,"
                        + " duration_seconds, mfa_level, status, required_approvals, created_at, expires_at, decided_at, grant_id)"
                        + " select ? || 'r' || g, ?, ?, 'bench sweep', ? || g, ? || g, ?, ?, 0, 'APPROVED', 1, ?, ?, ?, ? || 'g' || g"
                        + " from generate_series(1, ?) g",
                tag,
                realmId,
                policyId,
                tag,
                tag,
                BenchRealm.SWEEP_ROLE,
                (end - now) / 1000,
                now,
                now + 3_600_000L,
                now,
                tag,
                size);
        exec(
                db,
                "insert into jit_grant (id, realm_id, request_id, policy_id, user_id, user_name, role_id, role_name, starts_at,"
                        + " ends_at, standing, status) select ? || 'g' || g, ?, ? || 'r' || g, ?, ? || g, ? || g, ?, ?, ?, ?, false, 'ACTIVE'"
                        + " from generate_series(1, ?) g",
                tag,
                realmId,
                tag,
                policyId,
                tag,
                tag,
                roleId,
                BenchRealm.SWEEP_ROLE,
                now,
                end,
                size);
    }

    private static void exec(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private long count(String sql, String arg) {
        try (Connection db = jit.postgres.dataSource().getConnection();
                PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, arg);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
