package io.jitaccess.keycloak.expiry;

import io.jitaccess.keycloak.ledger.LedgerEvents;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderEvent;

/**
 * How expiry follows the ledger: once the transaction that started a grant commits, its end reaches this node's timer
 * and, through the cluster, every other node's; starts and revocations are counted once they have committed.
 */
final class LedgerListener {

    private final ExpiryTimer timer;
    private final ExpiryMetrics metrics;

    LedgerListener(ExpiryTimer timer, ExpiryMetrics metrics) {
        this.timer = timer;
        this.metrics = metrics;
    }

    void onEvent(ProviderEvent event) {
        if (event instanceof LedgerEvents.GrantStarted started) {
            KeycloakSession session = started.getKeycloakSession();
            ClusterProvider cluster = session.getProvider(ClusterProvider.class);
            afterCommit(session, () -> {
                metrics.started(started.target());
                if (timer != null) {
                    timer.armAt(started.endsAtMillis());
                    if (cluster != null) {
                        cluster.notify(
                                GrantTimerEvent.TASK_KEY,
                                new GrantTimerEvent(started.endsAtMillis()),
                                true,
                                ClusterProvider.DCNotify.ALL_DCS);
                    }
                }
            });
        } else if (event instanceof LedgerEvents.GrantRevoked revoked) {
            afterCommit(revoked.getKeycloakSession(), metrics::revoked);
        }
    }

    private static void afterCommit(KeycloakSession session, Runnable action) {
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                action.run();
            }

            @Override
            protected void rollbackImpl() {}
        });
    }
}
