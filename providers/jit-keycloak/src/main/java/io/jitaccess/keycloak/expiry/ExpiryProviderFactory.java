package io.jitaccess.keycloak.expiry;

import io.jitaccess.core.EndedBy;
import io.jitaccess.keycloak.ledger.LedgerConsistency;
import io.jitaccess.keycloak.ledger.PolicyUpgrade;
import io.jitaccess.keycloak.mail.MailDispatcher;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.scheduled.ClusterAwareScheduledTaskRunner;
import org.keycloak.timer.TimerProvider;

/**
 * Expiry of grants ({@code --spi-jit-expiry--default--*}): this node's precise timer, the cluster-wide
 * backstop sweep, the ending of grants that ended while the server was down, and the listener that keeps the
 * ledger true when roles, users or realms change by other hands (and pins the policies of a new or old realm). It
 * also runs the mail dispatcher, which the sweep resumes.
 */
public final class ExpiryProviderFactory implements org.keycloak.provider.ProviderFactory<ExpiryProvider> {

    public static final String PROVIDER_ID = "default";
    public static final String SWEEP_INTERVAL = "sweep-interval";
    public static final String PRECISE = "precise";
    public static final String ENDING_SOON_LEAD = "ending-soon-lead";

    private static final Logger LOG = Logger.getLogger(ExpiryProviderFactory.class);

    private long sweepIntervalMillis;
    private boolean precise;
    private ExpiryMetrics metrics;
    private GrantEnding ending;
    private ExpiryTimer timer;
    private long endingSoonLeadMillis;
    private MailDispatcher mail;

    @Override
    public ExpiryProvider create(KeycloakSession session) {
        return () -> {};
    }

    @Override
    public void init(Config.Scope config) {
        sweepIntervalMillis = Math.max(1, config.getLong(SWEEP_INTERVAL, 30L)) * 1000;
        precise = config.getBoolean(PRECISE, true);
        endingSoonLeadMillis = Math.max(0, config.getLong(ENDING_SOON_LEAD, 600L)) * 1000;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        metrics = new ExpiryMetrics();
        ending = new GrantEnding(factory, metrics);
        timer = precise ? new ExpiryTimer(ending) : null;
        mail = new MailDispatcher(factory);
        mail.listenTo(factory);
        LedgerConsistency consistency = new LedgerConsistency();
        LedgerListener ledger = new LedgerListener(timer, metrics);
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                start(factory);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                PolicyUpgrade.realmCreated(created.getKeycloakSession(), created.getCreatedRealm());
            }
            consistency.onEvent(event);
            ledger.onEvent(event);
        });
    }

    private void start(KeycloakSessionFactory factory) {
        PolicyUpgrade.atStartUp(factory);
        try {
            int ended = ending.endDue(EndedBy.STARTUP);
            int expired = ending.expireLapsedRequests();
            if (ended > 0 || expired > 0) {
                LOG.infof(
                        "JIT start-up: ended %d grant(s) and expired %d request(s) that were due while the server was down",
                        ended, expired);
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "JIT start-up ending failed (%s); the sweep will retry",
                    e.getClass().getName());
        }
        ExpirySweep sweep = new ExpirySweep(ending, metrics, timer, mail, endingSoonLeadMillis);
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            session.getProvider(TimerProvider.class)
                    .schedule(
                            new ClusterAwareScheduledTaskRunner(factory, sweep, sweepIntervalMillis),
                            sweepIntervalMillis,
                            sweep.getTaskName());
            if (timer != null) {
                ClusterProvider cluster = session.getProvider(ClusterProvider.class);
                if (cluster != null) {
                    cluster.registerListener(
                            GrantTimerEvent.TASK_KEY, event -> timer.armAt(((GrantTimerEvent) event).endsAt()));
                }
            }
        });
        if (timer != null) {
            timer.armAt(ending.nextEnd());
        }
        LOG.infof(
                "JIT expiry: precise timer %s, backstop sweep every %d s",
                precise ? "on" : "off", sweepIntervalMillis / 1000);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdown();
        }
        if (mail != null) {
            mail.shutdown();
        }
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property()
                .name(SWEEP_INTERVAL)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(30)
                .helpText("Seconds between two runs of the backstop sweep, which ends grants the precise timers missed"
                        + " and expires lapsed pending requests. It runs once per cluster.")
                .add()
                .property()
                .name(ENDING_SOON_LEAD)
                .type(ProviderConfigProperty.INTEGER_TYPE)
                .defaultValue(600)
                .helpText("Seconds before a grant ends when its holder is mailed that it ends soon (0: no such mail).")
                .add()
                .property()
                .name(PRECISE)
                .type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue(true)
                .helpText("End each grant at its end time with a timer armed for the earliest end. Off: grants end at"
                        + " the next sweep.")
                .add()
                .build();
    }
}
