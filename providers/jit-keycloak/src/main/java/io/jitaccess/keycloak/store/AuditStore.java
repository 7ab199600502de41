package io.jitaccess.keycloak.store;

import io.jitaccess.core.AuditRecord;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/** The audit entries (JIT_AUDIT) and chain heads (JIT_AUDIT_HEAD) in this session's transaction. */
public final class AuditStore {

    private final EntityManager em;

    public AuditStore(KeycloakSession session) {
        this.em = Jpa.of(session);
    }

    public void add(AuditEntity entry) {
        em.persist(entry);
    }

    public void addHead(AuditHeadEntity head) {
        em.persist(head);
    }

    /** The realm's chain head, if it exists (from this transaction's cache). */
    public AuditHeadEntity head(String realmId) {
        return em.find(AuditHeadEntity.class, realmId);
    }

    /**
     * The realm's chain head, locked; null if it does not exist. Both bounds apply: the lock wait (PostgreSQL's
     * lock_timeout counts each wait, so a queue of short holders could go on) and the statement's whole run.
     */
    public AuditHeadEntity lockedHead(String realmId, Duration wait) {
        int millis = (int) wait.toMillis();
        return em.createNamedQuery("jitAuditHeadOfRealm", AuditHeadEntity.class)
                .setParameter("realmId", realmId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", millis)
                .setHint("jakarta.persistence.query.timeout", millis)
                .getResultStream()
                .findFirst()
                .orElse(null);
    }

    /** The head's values as the database holds them now, not as this transaction's cache does. */
    public Optional<AuditRecord.Head> storedHead(String realmId) {
        return em.createNamedQuery("jitAuditHeadValues", Object[].class)
                .setParameter("realmId", realmId)
                .getResultStream()
                .findFirst()
                .map(row -> new AuditRecord.Head(((Number) row[0]).longValue(), (String) row[1]));
    }

    /** The number of the realm's last entry, or null when it has none. */
    public Long lastSeq(String realmId) {
        return em.createNamedQuery("jitLastAuditSeqOfRealm", Long.class)
                .setParameter("realmId", realmId)
                .getSingleResult();
    }

    /** The entry with this number. */
    public AuditEntity entry(String realmId, long seq) {
        return em.createNamedQuery("jitAuditChain", AuditEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("after", seq - 1)
                .setMaxResults(1)
                .getSingleResult();
    }

    /** The entries after {@code after}, in chain order, at most {@code max}. */
    public List<AuditEntity> chain(String realmId, long after, int max) {
        return em.createNamedQuery("jitAuditChain", AuditEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("after", after)
                .setMaxResults(max)
                .getResultList();
    }

    /** Entries with time in [from, to), in chain order, a page at a time. */
    public List<AuditEntity> page(String realmId, long from, long to, int first, int max) {
        return em.createNamedQuery("jitAuditOfRealm", AuditEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("from", from)
                .setParameter("to", to)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    /** Lets go of entries already read (a long walk of the chain keeps memory flat). */
    public void forget(List<AuditEntity> entries) {
        entries.forEach(em::detach);
    }
}
