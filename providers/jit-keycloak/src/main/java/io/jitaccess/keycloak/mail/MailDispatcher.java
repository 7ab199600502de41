package io.jitaccess.keycloak.mail;

import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.LedgerEvents;
import io.jitaccess.keycloak.store.NotificationEntity;
import io.jitaccess.keycloak.store.NotificationStatus;
import io.jitaccess.keycloak.store.NotificationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Mails recorded notifications on a thread of its own, after the change committed: a request never waits
 * for, or fails because of, the mail server. Each notification is claimed before it is sent (so on a
 * cluster it goes out once); a failure is logged and audited, and the notification marked FAILED.
 */
public final class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final String KICK_ENLISTED = MailDispatcher.class.getName() + ".kickEnlisted";

    private final KeycloakSessionFactory factory;
    private final ExecutorService executor;
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean running = new AtomicBoolean();

    public MailDispatcher(KeycloakSessionFactory factory) {
        this.factory = factory;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "jit-mail");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Follows the ledger: when a transaction that recorded notifications commits, they are sent. */
    public void listenTo(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof LedgerEvents.NotificationsRecorded recorded) {
                kickAfterCommit(recorded.getKeycloakSession());
            }
        });
    }

    private void kickAfterCommit(KeycloakSession session) {
        if (session.getAttribute(KICK_ENLISTED) != null) {
            return;
        }
        session.setAttribute(KICK_ENLISTED, Boolean.TRUE);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                kick();
            }

            @Override
            protected void rollbackImpl() {}
        });
    }

    /** Sends whatever is pending, soon, on the mail thread. */
    public void kick() {
        again.set(true);
        if (running.compareAndSet(false, true) && !executor.isShutdown()) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                List<String> ids = new ArrayList<>();
                KeycloakModelUtils.runJobInTransaction(
                        factory, session -> ids.addAll(new NotificationStore(session).toSend(200)));
                for (String id : ids) {
                    if (claim(id)) {
                        send(id);
                    }
                }
                if (ids.size() == 200) {
                    again.set(true);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "JIT mail dispatch stopped (%s); the next sweep resumes it",
                    e.getClass().getName());
        } finally {
            running.set(false);
            if (again.get()) {
                kick();
            }
        }
    }

    private boolean claim(String id) {
        boolean[] claimed = {false};
        KeycloakModelUtils.runJobInTransaction(
                factory, session -> claimed[0] = new NotificationStore(session).claim(id));
        return claimed[0];
    }

    private void send(String id) {
        String[] failure = {null};
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                NotificationEntity notification = new NotificationStore(session).find(id);
                RealmModel realm = session.realms().getRealm(notification.getRealmId());
                if (realm == null) {
                    notification.setStatus(NotificationStatus.DROPPED.name());
                    return;
                }
                session.getContext().setRealm(realm);
                var smtp = realm.getSmtpConfig();
                if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
                    // the realm sends no mail: nothing to fail
                    notification.setStatus(NotificationStatus.SKIPPED.name());
                    return;
                }
                int sent = new NotificationMail(session, realm, notification).send();
                notification.setStatus(NotificationStatus.SENT.name());
                notification.setSentAt(Time.currentTimeMillis());
                LOG.debugf("JIT notification %s (%s) mailed to %d recipient(s)", id, notification.getKind(), sent);
            });
        } catch (RuntimeException e) {
            failure[0] = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (failure[0] != null) {
            markFailed(id, failure[0]);
        }
    }

    private void markFailed(String id, String error) {
        LOG.warnf("JIT notification %s could not be mailed: %s", id, error);
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                NotificationEntity notification = new NotificationStore(session).find(id);
                notification.setStatus(NotificationStatus.FAILED.name());
                notification.setLastError(error.length() > 1000 ? error.substring(0, 1000) : error);
                RealmModel realm = session.realms().getRealm(notification.getRealmId());
                if (realm != null) {
                    new Ledger(session, realm)
                            .audit()
                            .append(AuditDraft.of(AuditAction.NOTIFICATION_FAILED)
                                    .actor(Caller.system())
                                    .subject(notification.getUserId(), null)
                                    .requestId(notification.getRequestId())
                                    .reason(notification.getKind() + " mail not sent: " + error));
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf(
                    "JIT notification %s: the failure could not be recorded either (%s)",
                    id, e.getClass().getName());
        }
    }

    public void shutdown() {
        executor.shutdownNow();
    }
}
