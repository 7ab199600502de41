package io.jitaccess.keycloak.expiry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.keycloak.ledger.AuditAction;
import io.jitaccess.keycloak.ledger.AuditDraft;
import io.jitaccess.keycloak.ledger.Caller;
import io.jitaccess.keycloak.ledger.Grants;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.ledger.LedgerBusy;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.RequestEntity;

/**
 * Ends every grant whose time is up, in batches: ids are read a page at a time (100,000 endings never load
 * at once), each small batch ends in one transaction, and a batch that fails is retried grant by grant so
 * one bad grant never blocks the others. Each grant is locked and checked ACTIVE first, so on a cluster
 * every grant ends exactly once. Lapsed pending requests become EXPIRED the same way.
 */
public final class GrantEnding {

    private static final Logger LOG = Logger.getLogger(GrantEnding.class);
    private static final int PAGE = 500;
    private static final int BATCH = 100;

    /** How long an ending waits for another transaction of the grant's realm before it leaves that realm for later. */
    private static final Duration LOCK_WAIT = Duration.ofSeconds(1);
    /** How long a realm whose ledger lock stayed held is left aside, so its trouble never delays other realms. */
    private static final long BUSY_MILLIS = 5000;

    private final KeycloakSessionFactory factory;
    private final ExpiryMetrics metrics;
    /** Realms whose ledger lock stayed held, and until when they are left aside (this node's view). */
    private final Map<String, Long> busyUntil = new ConcurrentHashMap<>();

    public GrantEnding(KeycloakSessionFactory factory, ExpiryMetrics metrics) {
        this.factory = factory;
        this.metrics = metrics;
    }

    /**
     * Ends the grants due by now, realm by realm; returns how many this call ended. A realm whose ledger lock stays
     * held longer than {@link #LOCK_WAIT} is left aside for {@link #BUSY_MILLIS} and the other realms go on.
     */
    public int endDue(Grants.EndPath path) {
        int ended = 0;
        List<String> failed = new ArrayList<>();
        while (true) {
            long now = Time.currentTimeMillis();
            Set<String> busy = busyRealms(System.currentTimeMillis());
            List<Object[]> due = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                var query = Ledger.entityManager(session)
                        .createQuery("select g.id, g.realmId from JitGrant g where g.status = 'ACTIVE' and g.endsAt <= :now"
                                + (busy.isEmpty() ? "" : " and g.realmId not in :busy") + " order by g.endsAt", Object[].class)
                        .setParameter("now", now).setMaxResults(PAGE + failed.size());
                if (!busy.isEmpty()) {
                    query.setParameter("busy", busy);
                }
                due.addAll(query.getResultList());
            });
            due.removeIf(row -> failed.contains((String) row[0]));
            if (due.isEmpty()) {
                return ended;
            }
            for (List<String> batch : batchesByRealm(due)) {
                String realmId = realmOf(due, batch.get(0));
                if (busyUntil.containsKey(realmId)) {
                    continue; // found busy in this round: its other batches wait with it
                }
                try {
                    ended += end(realmId, batch, path);
                } catch (RuntimeException batchFailure) {
                    if (LedgerBusy.causedBy(batchFailure)) {
                        busyUntil.put(realmId, System.currentTimeMillis() + BUSY_MILLIS);
                        LOG.warnf("JIT grants of realm id %s wait: another transaction holds its ledger lock; the others go on",
                                realmId);
                        continue;
                    }
                    for (String grantId : batch) {
                        try {
                            ended += end(realmId, List.of(grantId), path);
                        } catch (RuntimeException e) {
                            failed.add(grantId);
                            LOG.warnf("JIT grant %s could not be ended now (%s); it will be retried", grantId, e.getClass().getName());
                        }
                    }
                }
            }
        }
    }

    private int end(String realmId, List<String> grantIds, Grants.EndPath path) {
        int[] ended = {0};
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                // its realm is gone, and its mappings with it: only the ledger is left to end, or this loop would spin
                ended[0] = Ledger.entityManager(session).createQuery("update JitGrant g set g.status = 'REVOKED', g.endedAt = :now,"
                                + " g.endedBy = 'revoked', g.endReason = 'realm deleted' where g.id in :ids and g.status = 'ACTIVE'")
                        .setParameter("now", Time.currentTimeMillis()).setParameter("ids", grantIds).executeUpdate();
                if (ended[0] > 0) {
                    LOG.infof("JIT: %d grant(s) of realm id %s, which no longer exists, marked ended", ended[0], realmId);
                }
                return;
            }
            session.getContext().setRealm(realm);
            Ledger ledger = new Ledger(session, realm);
            ledger.audit().lockHead(LOCK_WAIT);
            var em = Ledger.entityManager(session);
            long now = Time.currentTimeMillis();
            // locked in one query; one ended elsewhere (another node, a revocation) meanwhile is left out
            List<GrantEntity> due = em.createQuery("select g from JitGrant g where g.id in :ids", GrantEntity.class)
                    .setParameter("ids", grantIds).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .setHint("jakarta.persistence.lock.timeout", (int) LOCK_WAIT.toMillis()).getResultList().stream()
                    .filter(g -> GrantStatus.ACTIVE.name().equals(g.getStatus()) && g.getEndsAt() <= now).toList();
            List<Long> ends = due.stream().map(GrantEntity::getEndsAt).toList();
            ledger.grants().endAll(due, GrantStatus.EXPIRED, path, now, Caller.system());
            ends.forEach(end -> metrics.ended(path, now - end));
            ended[0] = due.size();
        });
        return ended[0];
    }

    /** Marks pending requests past their lifetime EXPIRED; returns how many. */
    public int expireLapsedRequests() {
        int expired = 0;
        while (true) {
            long now = Time.currentTimeMillis();
            Set<String> busy = busyRealms(System.currentTimeMillis());
            List<Object[]> lapsed = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                var query = Ledger.entityManager(session)
                        .createQuery("select r.id, r.realmId from JitRequest r where r.status = 'PENDING' and r.expiresAt <= :now"
                                + (busy.isEmpty() ? "" : " and r.realmId not in :busy") + " order by r.expiresAt", Object[].class)
                        .setParameter("now", now).setMaxResults(PAGE);
                if (!busy.isEmpty()) {
                    query.setParameter("busy", busy);
                }
                lapsed.addAll(query.getResultList());
            });
            if (lapsed.isEmpty()) {
                return expired;
            }
            int before = expired;
            for (List<String> batch : batchesByRealm(lapsed)) {
                String realmId = realmOf(lapsed, batch.get(0));
                if (busyUntil.containsKey(realmId)) {
                    continue; // its ledger lock is held elsewhere: its requests lapse a little later, the others now
                }
                int[] count = {0};
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> {
                        RealmModel realm = session.realms().getRealm(realmId);
                        if (realm == null) {
                            // a gone realm's requests would come first in every page, for ever: they end with the realm
                            count[0] = Ledger.entityManager(session).createQuery("update JitRequest r set r.status = 'CANCELLED',"
                                            + " r.decidedAt = :now where r.id in :ids and r.status = 'PENDING'")
                                    .setParameter("now", Time.currentTimeMillis()).setParameter("ids", batch).executeUpdate();
                            return;
                        }
                        Ledger ledger = new Ledger(session, realm);
                        ledger.audit().lockHead(LOCK_WAIT);
                        var em = Ledger.entityManager(session);
                        for (String id : batch) {
                            RequestEntity request = em.find(RequestEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
                            if (request == null || !RequestStatus.PENDING.name().equals(request.getStatus())) {
                                continue;
                            }
                            request.setStatus(RequestStatus.PENDING.moveTo(RequestStatus.EXPIRED).name());
                            request.setDecidedAt(Time.currentTimeMillis());
                            ledger.audit().append(AuditDraft.of(AuditAction.REQUEST_EXPIRED).actor(Caller.system())
                                    .request(request).reason("no decision within the policy's pending-request lifetime"));
                            count[0]++;
                        }
                    });
                } catch (RuntimeException e) {
                    if (LedgerBusy.causedBy(e)) {
                        busyUntil.put(realmId, System.currentTimeMillis() + BUSY_MILLIS);
                    }
                    LOG.warnf("lapsed JIT requests of realm %s could not be expired now (%s); they will be retried", realmId,
                            e.getClass().getName());
                }
                expired += count[0];
            }
            if (expired == before) {
                return expired; // nothing moved: do not spin on requests that keep failing
            }
        }
    }

    /**
     * The earliest end among active grants, or {@code Long.MAX_VALUE} when there is none; for a realm left aside as
     * busy, the moment it is tried again.
     */
    public long nextEnd() {
        long now = System.currentTimeMillis();
        Set<String> busy = busyRealms(now);
        long[] next = {busy.stream().mapToLong(realm -> busyUntil.getOrDefault(realm, now)).min().orElse(Long.MAX_VALUE)};
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            var query = Ledger.entityManager(session).createQuery("select min(g.endsAt) from JitGrant g where g.status = 'ACTIVE'"
                    + (busy.isEmpty() ? "" : " and g.realmId not in :busy"), Long.class);
            if (!busy.isEmpty()) {
                query.setParameter("busy", busy);
            }
            Long min = query.getSingleResult();
            if (min != null) {
                next[0] = Math.min(next[0], min);
            }
        });
        return next[0];
    }

    /** The realms left aside now; those whose time is up are tried again. */
    private Set<String> busyRealms(long now) {
        busyUntil.values().removeIf(until -> until <= now);
        return Set.copyOf(busyUntil.keySet());
    }

    private static List<List<String>> batchesByRealm(List<Object[]> rows) {
        Map<String, List<String>> byRealm = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byRealm.computeIfAbsent((String) row[1], r -> new ArrayList<>()).add((String) row[0]);
        }
        List<List<String>> batches = new ArrayList<>();
        for (List<String> ids : byRealm.values()) {
            for (int i = 0; i < ids.size(); i += BATCH) {
                batches.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
            }
        }
        return batches;
    }

    private static String realmOf(List<Object[]> rows, String id) {
        return rows.stream().filter(row -> row[0].equals(id)).map(row -> (String) row[1]).findFirst().orElseThrow();
    }
}
