package io.jitaccess.keycloak.ledger;

import jakarta.persistence.EntityManager;

import org.keycloak.models.utils.KeycloakModelUtils;

import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.NotificationEntity;

/** Notifications owed to people (JIT_NOTIFICATION), recorded with the change; mail delivers them. */
public final class Notifications {

    /** What happened, from the recipient's point of view. */
    public enum Kind {
        GRANT_ENDED, GRANT_REVOKED
    }

    private Notifications() {
    }

    static void record(EntityManager em, GrantEntity grant, Kind kind, long now) {
        NotificationEntity notification = new NotificationEntity();
        notification.setId(KeycloakModelUtils.generateId());
        notification.setRealmId(grant.getRealmId());
        notification.setUserId(grant.getUserId());
        notification.setKind(kind.name());
        notification.setGrantId(grant.getId());
        notification.setRequestId(grant.getRequestId());
        notification.setCreatedAt(now);
        notification.setStatus("PENDING");
        em.persist(notification);
    }
}
