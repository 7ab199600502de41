package io.jitaccess.keycloak.ledger;

import java.util.List;
import java.util.function.Consumer;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceException;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.jitaccess.core.AuditChain;
import io.jitaccess.core.AuditRecord;
import io.jitaccess.keycloak.store.AuditEntity;
import io.jitaccess.keycloak.store.AuditHeadEntity;

/**
 * The realm's append-only, hash-chained audit trail (JIT_AUDIT). An entry is written in the same transaction
 * as the change it records; the chain head row is locked, so concurrent writers append one after another.
 * After commit each entry is also emitted as a Keycloak admin event.
 */
public final class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    /** The length of the name columns (actor, subject, role, client). */
    private static final int NAME = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public AuditTrail(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
    }

    /**
     * Locks the chain head of this realm until the transaction ends. Taking it first also serialises the
     * checks that count a user's requests and grants, so per-user limits hold under concurrency.
     */
    public AuditHeadEntity lockHead() {
        AuditHeadEntity head = em.find(AuditHeadEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            createHead();
            head = em.find(AuditHeadEntity.class, realm.getId(), LockModeType.PESSIMISTIC_WRITE);
        }
        return head;
    }

    public AuditEntity append(AuditDraft draft) {
        AuditHeadEntity head = lockHead();
        AuditRecord record = new AuditRecord(head.getLastSeq() + 1, realm.getId(), Time.currentTimeMillis(),
                draft.action.name(), StoredText.id(draft.actorId), StoredText.fit(draft.actorName, NAME),
                StoredText.id(draft.subjectId), StoredText.fit(draft.subjectName, NAME), StoredText.fit(draft.role, NAME),
                StoredText.fit(draft.clientId, NAME), StoredText.id(draft.policyId), StoredText.id(draft.requestId),
                StoredText.id(draft.grantId), StoredText.fit(draft.justification, 2000), StoredText.fit(draft.ticket, 200),
                StoredText.fit(draft.reason, 2000), StoredText.fit(draft.sourceIp, 64), StoredText.fit(draft.userAgent, 512),
                head.getLastHash(), null).sealed();
        AuditEntity entity = toEntity(record);
        em.persist(entity);
        head.setLastSeq(record.seq());
        head.setLastHash(record.hash());
        AuditEvents.emitAfterCommit(session, record);
        return entity;
    }

    /** Entries with time in [from, to), in chain order, a page at a time. */
    public List<AuditEntity> page(long from, long to, int first, int max) {
        return em.createNamedQuery("jitAuditOfRealm", AuditEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("from", from).setParameter("to", to)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    /** Walks the whole chain in batches and checks every link. */
    public AuditChain.Verification verify() {
        AuditChain chain = new AuditChain();
        // read the head first and check up to it: entries appended meanwhile belong to the next verification
        AuditHeadEntity head = em.find(AuditHeadEntity.class, realm.getId());
        long last = head == null ? 0 : head.getLastSeq();
        if (head == null) {
            long rows = em.createNamedQuery("jitCountAuditOfRealm", Long.class).setParameter("realmId", realm.getId()).getSingleResult();
            return rows == 0 ? new AuditChain.Verification(true, 0, null, null)
                    : new AuditChain.Verification(false, 0, 1L, "the chain head is missing");
        }
        long after = 0;
        while (after < last) {
            List<AuditEntity> batch = em.createNamedQuery("jitAuditChain", AuditEntity.class)
                    .setParameter("realmId", realm.getId()).setParameter("after", after)
                    .setMaxResults((int) Math.min(1000, last - after)).getResultList();
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntity entity : batch) {
                if (!chain.accept(toRecord(entity))) {
                    return chain.result();
                }
                after = entity.getSeq();
            }
            batch.forEach(em::detach);
        }
        AuditChain.Verification result = chain.result();
        if (head != null && last != result.entriesChecked()) {
            return new AuditChain.Verification(false, result.entriesChecked(), head.getLastSeq(),
                    "entries after " + result.entriesChecked() + " are missing (the chain head is at " + last + ")");
        }
        return result;
    }

    public static AuditRecord toRecord(AuditEntity e) {
        return new AuditRecord(e.getSeq(), e.getRealmId(), e.getTime(), e.getAction(), e.getActorId(), e.getActorName(),
                e.getSubjectId(), e.getSubjectName(), e.getRole(), e.getClientId(), e.getPolicyId(), e.getRequestId(),
                e.getGrantId(), e.getJustification(), e.getTicket(), e.getReason(), e.getSourceIp(), e.getUserAgent(),
                e.getPreviousHash(), e.getHash());
    }

    private static AuditEntity toEntity(AuditRecord r) {
        AuditEntity e = new AuditEntity();
        e.setId(KeycloakModelUtils.generateId());
        e.setRealmId(r.realmId());
        e.setSeq(r.seq());
        e.setTime(r.time());
        e.setAction(r.action());
        e.setActorId(r.actorId());
        e.setActorName(r.actorName());
        e.setSubjectId(r.subjectId());
        e.setSubjectName(r.subjectName());
        e.setRole(r.role());
        e.setClientId(r.clientId());
        e.setPolicyId(r.policyId());
        e.setRequestId(r.requestId());
        e.setGrantId(r.grantId());
        e.setJustification(r.justification());
        e.setTicket(r.ticket());
        e.setReason(r.reason());
        e.setSourceIp(r.sourceIp());
        e.setUserAgent(r.userAgent());
        e.setPreviousHash(r.previousHash());
        e.setHash(r.hash());
        return e;
    }

    /** The first writer of a realm creates its head in a transaction of its own; a concurrent twin is harmless. */
    private void createHead() {
        String realmId = realm.getId();
        Consumer<KeycloakSession> create = s -> {
            EntityManager other = Ledger.entityManager(s);
            if (other.find(AuditHeadEntity.class, realmId) == null) {
                AuditHeadEntity head = new AuditHeadEntity();
                head.setRealmId(realmId);
                head.setLastSeq(0);
                head.setLastHash(AuditRecord.GENESIS);
                other.persist(head);
            }
        };
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), create::accept);
        } catch (PersistenceException | org.keycloak.models.ModelException e) {
            LOG.debugf("audit head of realm %s created concurrently (%s)", realmId, e.getClass().getName());
        }
    }

}
