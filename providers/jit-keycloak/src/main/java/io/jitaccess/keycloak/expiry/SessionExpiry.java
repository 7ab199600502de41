package io.jitaccess.keycloak.expiry;

import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;

/** The session-bound face of expiry: after commit, a new grant's end reaches this node's timer and the others. */
final class SessionExpiry implements ExpiryProvider {

    private final KeycloakSession session;
    private final ExpiryTimer timer;
    private final ExpiryMetrics metrics;

    private final io.jitaccess.keycloak.mail.MailDispatcher mail;
    private boolean mailKickEnlisted;

    SessionExpiry(KeycloakSession session, ExpiryTimer timer, ExpiryMetrics metrics, io.jitaccess.keycloak.mail.MailDispatcher mail) {
        this.session = session;
        this.timer = timer;
        this.metrics = metrics;
        this.mail = mail;
    }

    @Override
    public void notificationsRecorded() {
        if (mail == null || mailKickEnlisted) {
            return;
        }
        mailKickEnlisted = true;
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                mail.kick();
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void grantStarted(long endsAtMillis) {
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                if (metrics != null) {
                    metrics.started();
                }
                if (timer != null) {
                    timer.armAt(endsAtMillis);
                    if (cluster != null) {
                        cluster.notify(GrantTimerEvent.TASK_KEY, new GrantTimerEvent(endsAtMillis), true, ClusterProvider.DCNotify.ALL_DCS);
                    }
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    @Override
    public void grantRevoked() {
        if (metrics != null) {
            metrics.revoked();
        }
    }

    @Override
    public void close() {
    }
}
