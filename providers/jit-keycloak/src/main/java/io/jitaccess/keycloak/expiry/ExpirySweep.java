package io.jitaccess.keycloak.expiry;

import io.jitaccess.core.EndedBy;
import io.jitaccess.keycloak.ledger.Notifications;
import io.jitaccess.keycloak.mail.MailDispatcher;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestStore;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.timer.ScheduledTask;

/**
 * The backstop: every interval, once per cluster (under {@code ClusterAwareScheduledTaskRunner}), ends any
 * grant the precise timers missed, expires lapsed pending requests, and refreshes the gauges.
 */
final class ExpirySweep implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);

    private final GrantEnding ending;
    private final ExpiryMetrics metrics;
    private final ExpiryTimer timer;
    private final MailDispatcher mail;
    private final long endingSoonLeadMillis;

    ExpirySweep(
            GrantEnding ending,
            ExpiryMetrics metrics,
            ExpiryTimer timer,
            MailDispatcher mail,
            long endingSoonLeadMillis) {
        this.ending = ending;
        this.metrics = metrics;
        this.timer = timer;
        this.mail = mail;
        this.endingSoonLeadMillis = endingSoonLeadMillis;
    }

    @Override
    public void run(KeycloakSession session) {
        int ended = ending.endDue(EndedBy.SWEEP);
        int expired = ending.expireLapsedRequests();
        if (ended > 0 || expired > 0) {
            LOG.debugf("JIT sweep ended %d grant(s) and expired %d request(s)", ended, expired);
        }
        metrics.swept(new GrantStore(session).countActive(), new RequestStore(session).countPending());
        if (endingSoonLeadMillis > 0) {
            Notifications.recordEndingSoon(session, Time.currentTimeMillis(), endingSoonLeadMillis);
        }
        if (mail != null) {
            mail.kick();
        }
        if (timer != null) {
            timer.armAt(ending.nextEnd());
        }
    }

    @Override
    public String getTaskName() {
        return "jit-expiry-sweep";
    }
}
