package io.jitaccess.keycloak.expiry;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

import io.jitaccess.keycloak.ledger.Grants;
import io.jitaccess.keycloak.ledger.Ledger;

/**
 * The backstop: every interval, once per cluster (under {@code ClusterAwareScheduledTaskRunner}), ends any
 * grant the precise timers missed, expires lapsed pending requests, and refreshes the gauges.
 */
final class ExpirySweep implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);

    private final GrantEnding ending;
    private final ExpiryMetrics metrics;
    private final ExpiryTimer timer;

    ExpirySweep(GrantEnding ending, ExpiryMetrics metrics, ExpiryTimer timer) {
        this.ending = ending;
        this.metrics = metrics;
        this.timer = timer;
    }

    @Override
    public void run(KeycloakSession session) {
        int ended = ending.endDue(Grants.EndPath.SWEEP);
        int expired = ending.expireLapsedRequests();
        if (ended > 0 || expired > 0) {
            LOG.debugf("JIT sweep ended %d grant(s) and expired %d request(s)", ended, expired);
        }
        var em = Ledger.entityManager(session);
        long active = em.createQuery("select count(g) from JitGrant g where g.status = 'ACTIVE'", Long.class).getSingleResult();
        long pending = em.createQuery("select count(r) from JitRequest r where r.status = 'PENDING'", Long.class).getSingleResult();
        metrics.swept(active, pending);
        if (timer != null) {
            timer.armAt(ending.nextEnd());
        }
    }

    @Override
    public String getTaskName() {
        return "jit-expiry-sweep";
    }
}
