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
    private final io.jitaccess.keycloak.mail.MailDispatcher mail;
    private final long endingSoonLeadMillis;

    ExpirySweep(GrantEnding ending, ExpiryMetrics metrics, ExpiryTimer timer, io.jitaccess.keycloak.mail.MailDispatcher mail,
            long endingSoonLeadMillis) {
        this.ending = ending;
        this.metrics = metrics;
        this.timer = timer;
        this.mail = mail;
        this.endingSoonLeadMillis = endingSoonLeadMillis;
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
        if (endingSoonLeadMillis > 0) {
            recordEndingSoon(session);
        }
        if (mail != null) {
            mail.kick();
        }
        if (timer != null) {
            timer.armAt(ending.nextEnd());
        }
    }

    /** Records an "ends soon" notification for each active grant entering the lead time, once per grant. */
    private void recordEndingSoon(KeycloakSession session) {
        long now = org.keycloak.common.util.Time.currentTimeMillis();
        var em = Ledger.entityManager(session);
        java.util.List<io.jitaccess.keycloak.store.GrantEntity> soon = em.createQuery(
                "select g from JitGrant g where g.status = 'ACTIVE' and g.endsAt > :now and g.endsAt <= :soon"
                        + " and g.endsAt - g.startsAt > :lead and not exists (select n from JitNotification n"
                        + " where n.grantId = g.id and n.kind = 'GRANT_ENDING_SOON')", io.jitaccess.keycloak.store.GrantEntity.class)
                .setParameter("now", now).setParameter("soon", now + endingSoonLeadMillis).setParameter("lead", endingSoonLeadMillis)
                .setMaxResults(1000).getResultList();
        for (io.jitaccess.keycloak.store.GrantEntity grant : soon) {
            io.jitaccess.keycloak.ledger.Notifications.record(session, grant.getRealmId(), grant.getUserId(),
                    io.jitaccess.keycloak.ledger.Notifications.Kind.GRANT_ENDING_SOON, grant.getRequestId(), grant.getId(), now);
        }
    }

    @Override
    public String getTaskName() {
        return "jit-expiry-sweep";
    }
}
