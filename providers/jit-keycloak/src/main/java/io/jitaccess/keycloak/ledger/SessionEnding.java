package io.jitaccess.keycloak.ledger;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Ends a user's sessions (Keycloak logout with backchannel logout to the realm's clients, and offline sessions)
 * once the transaction that revoked their grant has committed: the clients' HTTP endpoints are called with no
 * lock held, and never for a revocation that did not happen.
 */
final class SessionEnding {

    private static final Logger LOG = Logger.getLogger(SessionEnding.class);
    private static final String PENDING = SessionEnding.class.getName() + ".pending";

    private SessionEnding() {}

    /** Ends the user's sessions after this transaction commits (once per user, however many grants ended). */
    @SuppressWarnings("unchecked")
    static void afterCommit(KeycloakSession session, RealmModel realm, UserModel user) {
        Set<String> users = (Set<String>) session.getAttribute(PENDING);
        if (users == null) {
            Set<String> pending = new LinkedHashSet<>();
            session.setAttribute(PENDING, pending);
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            String realmId = realm.getId();
            var context = session.getContext();
            var uri = context.getUri();
            ClientConnection connection = context.getConnection();
            HttpHeaders headers = headersOf(session);
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    end(factory, realmId, Set.copyOf(pending), uri, connection, headers);
                }

                @Override
                protected void rollbackImpl() {
                    pending.clear();
                }
            });
            users = pending;
        }
        users.add(user.getId());
    }

    private static void end(
            KeycloakSessionFactory factory,
            String realmId,
            Set<String> userIds,
            org.keycloak.models.KeycloakUriInfo uri,
            ClientConnection connection,
            HttpHeaders headers) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                for (String userId : userIds) {
                    UserModel user = session.users().getUserById(realm, userId);
                    if (user == null) {
                        continue;
                    }
                    session.sessions()
                            .getUserSessionsStream(realm, user)
                            .toList()
                            .forEach(userSession -> AuthenticationManager.backchannelLogout(
                                    session, realm, userSession, uri, connection, headers, true));
                    session.sessions()
                            .getOfflineUserSessionsStream(realm, user)
                            .toList()
                            .forEach(offline -> session.sessions().removeOfflineUserSession(realm, offline));
                }
            });
        } catch (RuntimeException e) {
            // the revocation stands; the grant's role is gone from every new token, and old tokens end by their exp
            LOG.warnf(
                    "JIT could not end the sessions of %d user(s) after a revocation (%s)",
                    userIds.size(), e.getClass().getName());
        }
    }

    private static HttpHeaders headersOf(KeycloakSession session) {
        try {
            return session.getContext().getRequestHeaders();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }
}
