package io.jitaccess.keycloak.expiry;

import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderEvent;

import io.jitaccess.keycloak.ledger.LedgerEvents;

/**
 * How expiry follows the ledger: once the transaction that started a grant commits, its end reaches this node's timer
 * and, through the cluster, every other node's; starts and revocations are counted.
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
            afterCommit(started.getKeycloakSession(), started.endsAtMillis());
        } else if (event instanceof LedgerEvents.GrantRevoked) {
            metrics.revoked();
        }
    }

    private void afterCommit(KeycloakSession session, long endsAtMillis) {
        ClusterProvider cluster = session.getProvider(ClusterProvider.class);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                metrics.started();
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
}
