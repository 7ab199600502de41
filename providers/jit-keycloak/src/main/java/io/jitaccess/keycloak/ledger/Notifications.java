package io.jitaccess.keycloak.ledger;

import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.NotificationEntity;
import io.jitaccess.keycloak.store.NotificationStatus;
import io.jitaccess.keycloak.store.NotificationStore;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Notifications owed to people (JIT_NOTIFICATION): recorded in the transaction of the change, mailed after it
 * commits, off the request's path, by the mail dispatcher.
 */
public final class Notifications {

    /** What happened; each kind has its mail template. */
    public enum Kind {
        REQUEST_CREATED,
        REQUEST_APPROVED,
        REQUEST_DENIED,
        GRANT_STARTED,
        GRANT_ENDING_SOON,
        GRANT_ENDED,
        GRANT_REVOKED
    }

    private Notifications() {}

    /** The server's URL as the current HTTP request sees it; none in background work (expiry, sweep). */
    private static String baseUrl(KeycloakSession session) {
        try {
            // the frontend URL, as Keycloak's own mails use it (set a hostname in production so no Host header decides
            // it)
            var uri = session.getContext().getUri(org.keycloak.urls.UrlType.FRONTEND);
            return uri == null ? null : uri.getBaseUri().toString();
        } catch (RuntimeException noRequest) {
            return null;
        }
    }

    /**
     * Records a notification about {@code userId}'s request or grant (for REQUEST_CREATED the approvers are
     * told, the others go to the user).
     */
    public static void record(
            KeycloakSession session,
            String realmId,
            String userId,
            Kind kind,
            String requestId,
            String grantId,
            long now) {
        NotificationEntity notification = new NotificationEntity();
        notification.setId(KeycloakModelUtils.generateId());
        notification.setRealmId(realmId);
        notification.setUserId(userId);
        notification.setKind(kind.name());
        notification.setGrantId(grantId);
        notification.setRequestId(requestId);
        notification.setCreatedAt(now);
        notification.setStatus(NotificationStatus.PENDING.name());
        notification.setBaseUrl(baseUrl(session));
        new NotificationStore(session).add(notification);
        LedgerEvents.publish(session, new LedgerEvents.NotificationsRecorded(session));
    }

    /** Records an "ends soon" notification for each active grant entering the lead time, once per grant, in every realm. */
    public static void recordEndingSoon(KeycloakSession session, long now, long leadMillis) {
        for (GrantEntity grant :
                new GrantStore(session).endingSoonUnnoticed(now, leadMillis, Kind.GRANT_ENDING_SOON.name(), 1000)) {
            record(
                    session,
                    grant.getRealmId(),
                    grant.getUserId(),
                    Kind.GRANT_ENDING_SOON,
                    grant.getRequestId(),
                    grant.getId(),
                    now);
        }
    }
}
