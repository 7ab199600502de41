package io.jitaccess.keycloak.audit;

import io.jitaccess.core.AuditChain;
import io.jitaccess.core.AuditRecord;
import io.jitaccess.keycloak.store.AuditEntity;
import io.jitaccess.keycloak.store.AuditHeadEntity;
import io.jitaccess.keycloak.store.AuditStore;
import io.jitaccess.keycloak.store.StoredText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The realm's append-only, hash-chained audit trail (JIT_AUDIT). An entry is written in the same transaction
 * as the change it records; the chain head row is locked, so concurrent writers append one after another.
 * After commit each entry is also emitted as a Keycloak admin event.
 */
public final class AuditTrail {

    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    /** How long a request waits for another transaction of its realm before it answers that the ledger is busy. */
    private static final Duration REQUEST_LOCK_WAIT = Duration.ofSeconds(10);
    /** The length of the name columns (actor, subject, role, client). */
    private static final int NAME = 255;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuditStore store;
    /** Whether this transaction has compared the head with the last entry. */
    private boolean checked;
    /** Why the head was rebuilt, until the entry that records it is written. */
    private String rebuilt;

    public AuditTrail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.store = new AuditStore(session);
    }

    /**
     * Locks the chain head of this realm until the transaction ends. Taking it first also serialises the
     * checks that count a user's requests and grants, so per-user limits hold under concurrency.
     */
    public AuditHeadEntity lockHead() {
        return lockHead(REQUEST_LOCK_WAIT);
    }

    /**
     * As {@link #lockHead()}, waiting at most {@code wait} for a transaction that holds it; then the lock timeout
     * fails this transaction ({@link LedgerBusy}), so nothing waits on one slow or stuck transaction for ever.
     */
    public AuditHeadEntity lockHead(Duration wait) {
        AuditHeadEntity head = store.lockedHead(realm.getId(), wait);
        if (head == null) {
            if (createHead()) {
                rebuilt = "the chain head was missing";
            }
            head = store.lockedHead(realm.getId(), wait);
            if (head == null) {
                throw new PersistenceException(
                        "the audit chain head of realm " + realm.getName() + " could not be created");
            }
        }
        if (!checked) {
            checked = true;
            Long last = store.lastSeq(realm.getId());
            if (last != null && last > head.getLastSeq()) {
                // a head restored or rolled back behind the entries: continue after the last entry, or every write
                // fails
                AuditEntity entry = store.entry(realm.getId(), last);
                head.setLastSeq(entry.getSeq());
                head.setLastHash(entry.getHash());
                rebuilt = "the chain head was behind the entries (at " + head.getLastSeq() + ")";
            }
        }
        if (rebuilt != null) {
            String why = rebuilt;
            rebuilt = null;
            Counter.builder("jit_audit_head_rebuilt")
                    .description("Times a realm's audit chain head was found missing or behind"
                            + " its entries and rebuilt from the last entry")
                    .register(Metrics.globalRegistry)
                    .increment();
            LOG.warnf(
                    "JIT audit of realm %s: %s; it was rebuilt from entry %d, and the chain records it",
                    realm.getName(), why, head.getLastSeq());
            append(AuditDraft.of(AuditAction.AUDIT_HEAD_REBUILT)
                    .actor(null)
                    .reason(why + "; rebuilt from entry " + head.getLastSeq() + " (" + head.getLastHash() + ")"));
        }
        return head;
    }

    public AuditEntity append(AuditDraft draft) {
        AuditHeadEntity head = lockHead();
        AuditRecord record = new AuditRecord(
                        head.getLastSeq() + 1,
                        realm.getId(),
                        Time.currentTimeMillis(),
                        draft.action.name(),
                        StoredText.id(draft.actorId),
                        StoredText.fit(draft.actorName, NAME),
                        StoredText.id(draft.subjectId),
                        StoredText.fit(draft.subjectName, NAME),
                        StoredText.fit(draft.role, NAME),
                        StoredText.fit(draft.clientId, NAME),
                        StoredText.fit(draft.group, NAME),
                        StoredText.id(draft.policyId),
                        StoredText.id(draft.requestId),
                        StoredText.id(draft.grantId),
                        StoredText.fit(draft.justification, 2000),
                        StoredText.fit(draft.ticket, 200),
                        StoredText.fit(draft.reason, 2000),
                        StoredText.fit(draft.sourceIp, 64),
                        StoredText.fit(draft.userAgent, 512),
                        head.getLastHash(),
                        null)
                .sealed();
        AuditEntity entity = toEntity(record);
        store.add(entity);
        head.setLastSeq(record.seq());
        head.setLastHash(record.hash());
        AuditEvents.emitAfterCommit(session, record);
        return entity;
    }

    /** Entries with time in [from, to), in chain order, a page at a time. */
    public List<AuditEntity> page(long from, long to, int first, int max) {
        return store.page(realm.getId(), from, to, first, max);
    }

    /**
     * Walks the whole chain in batches and checks every link, then that the head names the last entry (by number
     * and hash). The head is read first: entries appended meanwhile belong to the next verification.
     */
    public AuditChain.Verification verify() {
        AuditChain chain = new AuditChain();
        // the head and the last entry as of one moment: an append committing between two reads is not a broken chain
        Optional<AuditRecord.Head> stored = Optional.empty();
        Long lastSeq = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            stored = store.storedHead(realm.getId());
            lastSeq = store.lastSeq(realm.getId());
            if (stored.equals(store.storedHead(realm.getId()))) {
                break;
            }
        }
        AuditRecord.Head head = stored.orElse(new AuditRecord.Head(0, AuditRecord.GENESIS));
        long last = Math.max(head.seq(), lastSeq == null ? 0 : lastSeq);
        long after = 0;
        while (after < last) {
            List<AuditEntity> batch = store.chain(realm.getId(), after, (int) Math.min(1000, last - after));
            if (batch.isEmpty()) {
                break;
            }
            for (AuditEntity entity : batch) {
                if (!chain.accept(toRecord(entity))) {
                    return chain.result();
                }
                after = entity.getSeq();
            }
            store.forget(batch);
        }
        if (stored.isEmpty() && last > 0) {
            return new AuditChain.Verification(false, chain.result().entriesChecked(), 1L, "the chain head is missing");
        }
        return chain.against(head.seq(), head.hash());
    }

    /** The head as it is now (seq 0 and the genesis hash for a realm with no entry yet), for outside monitors. */
    public AuditRecord.Head head() {
        return store.storedHead(realm.getId()).orElse(new AuditRecord.Head(0, AuditRecord.GENESIS));
    }

    public static AuditRecord toRecord(AuditEntity e) {
        return new AuditRecord(
                e.getSeq(),
                e.getRealmId(),
                e.getTime(),
                e.getAction(),
                e.getActorId(),
                e.getActorName(),
                e.getSubjectId(),
                e.getSubjectName(),
                e.getRole(),
                e.getClientId(),
                e.getGroup(),
                e.getPolicyId(),
                e.getRequestId(),
                e.getGrantId(),
                e.getJustification(),
                e.getTicket(),
                e.getReason(),
                e.getSourceIp(),
                e.getUserAgent(),
                e.getPreviousHash(),
                e.getHash());
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
        e.setGroup(r.group());
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

    /**
     * The first writer of a realm creates its head in a transaction of its own; a concurrent twin is harmless. A head
     * that went missing while entries exist is rebuilt from the last entry, so the chain goes on after it (and every
     * write, endings included, does not fail on the next sequence number). Returns whether it was rebuilt.
     */
    private boolean createHead() {
        String realmId = realm.getId();
        boolean[] rebuiltHere = {false};
        Consumer<KeycloakSession> create = s -> {
            AuditStore other = new AuditStore(s);
            if (other.head(realmId) == null) {
                AuditHeadEntity head = new AuditHeadEntity();
                head.setRealmId(realmId);
                head.setLastSeq(0);
                head.setLastHash(AuditRecord.GENESIS);
                Long last = other.lastSeq(realmId);
                if (last != null) {
                    AuditEntity entry = other.entry(realmId, last);
                    head.setLastSeq(entry.getSeq());
                    head.setLastHash(entry.getHash());
                    rebuiltHere[0] = true;
                }
                other.addHead(head);
            }
        };
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), create::accept);
            return rebuiltHere[0];
        } catch (PersistenceException | org.keycloak.models.ModelException e) {
            LOG.debugf(
                    "audit head of realm %s created concurrently (%s)",
                    realmId, e.getClass().getName());
            return false;
        }
    }
}
