package io.jitaccess.keycloak.store;

import jakarta.persistence.EntityManager;
import java.util.List;
import org.keycloak.models.KeycloakSession;

/** The notifications owed (JIT_NOTIFICATION) in this session's transaction. */
public final class NotificationStore {

    private final EntityManager em;

    public NotificationStore(KeycloakSession session) {
        this.em = Jpa.of(session);
    }

    public void add(NotificationEntity notification) {
        em.persist(notification);
    }

    public NotificationEntity find(String id) {
        return em.find(NotificationEntity.class, id);
    }

    /** The ids of notifications not yet sent, oldest first, at most {@code max}. */
    public List<String> toSend(int max) {
        return em.createNamedQuery("jitNotificationsToSend", String.class)
                .setParameter("status", NotificationStatus.PENDING.name())
                .setMaxResults(max)
                .getResultList();
    }

    /** Claims a pending notification for this node's mail thread; whether this call got it. */
    public boolean claim(String id) {
        return em.createNamedQuery("jitClaimNotification")
                        .setParameter("id", id)
                        .setParameter("from", NotificationStatus.PENDING.name())
                        .setParameter("to", NotificationStatus.SENDING.name())
                        .executeUpdate()
                == 1;
    }
}
