package io.jitaccess.keycloak.token;

import io.jitaccess.keycloak.ledger.GrantedTargets;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * What the token door keeps true by itself: the cap on every OIDC client (at start-up, on each new realm and client
 * change, and on the sweep, once per cluster) and the {@code jit.granted} marks its mapper relies on. Once every role
 * is marked, {@code marked} runs: from then on the mapper skips the users who hold no marked role.
 */
final class TokenUpkeep {

    private static final Logger LOG = Logger.getLogger(TokenUpkeep.class);

    private TokenUpkeep() {}

    static void register(KeycloakSessionFactory factory, Runnable marked) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                startUp(factory, marked);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                TokenCapCoverage.ensure(created.getKeycloakSession(), created.getCreatedRealm());
            } else if (event instanceof ClientModel.ClientUpdatedEvent updated) {
                TokenCapCoverage.ensure(updated.getKeycloakSession(), updated.getUpdatedClient());
            }
        });
    }

    private static void startUp(KeycloakSessionFactory factory, Runnable marked) {
        try {
            int capped = TokenCapCoverage.ensureAll(factory);
            if (capped > 0) {
                LOG.infof("JIT start-up: put the token cap into %d client(s)", capped);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "JIT start-up could not put the token cap everywhere (%s); the sweep tries again",
                    e.getClass().getName());
        }
        try {
            GrantedTargets.markAll(factory, true);
            marked.run();
        } catch (RuntimeException e) {
            // the exception's kind only: a driver's message may quote connection settings
            LOG.warnf(
                    "JIT start-up could not mark the roles it grants (%s); until this node runs the sweep or restarts,"
                            + " its token mapper reads the ledger for every user",
                    e.getClass().getName());
        }
        // the backstop sweep's interval (--spi-jit-expiry--default--sweep-interval)
        long interval = Math.max(1, Config.scope("jit-expiry", "default").getLong("sweep-interval", 30L)) * 1000;
        TokenCapSweep sweep = new TokenCapSweep(marked);
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(
                        new ClusterAwareScheduledTaskRunner(factory, sweep, interval), interval, sweep.getTaskName()));
    }
}
