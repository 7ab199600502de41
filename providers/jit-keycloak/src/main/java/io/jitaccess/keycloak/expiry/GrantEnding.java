package io.jitaccess.keycloak.expiry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private final KeycloakSessionFactory factory;
    private final ExpiryMetrics metrics;

    public GrantEnding(KeycloakSessionFactory factory, ExpiryMetrics metrics) {
        this.factory = factory;
        this.metrics = metrics;
    }

    /** Ends the grants due by now; returns how many this call ended. */
    public int endDue(Grants.EndPath path) {
        int ended = 0;
        List<String> failed = new ArrayList<>();
        while (true) {
            long now = Time.currentTimeMillis();
            List<Object[]> due = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(factory, session -> due.addAll(Ledger.entityManager(session)
                    .createQuery("select g.id, g.realmId from JitGrant g where g.status = 'ACTIVE' and g.endsAt <= :now"
                            + " order by g.endsAt", Object[].class)
                    .setParameter("now", now).setMaxResults(PAGE + failed.size()).getResultList()));
            due.removeIf(row -> failed.contains((String) row[0]));
            if (due.isEmpty()) {
                return ended;
            }
            for (List<String> batch : batchesByRealm(due)) {
                String realmId = realmOf(due, batch.get(0));
                try {
                    ended += end(realmId, batch, path);
                } catch (RuntimeException batchFailure) {
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
                return;
            }
            session.getContext().setRealm(realm);
            Ledger ledger = new Ledger(session, realm);
            ledger.audit().lockHead();
            var em = Ledger.entityManager(session);
            long now = Time.currentTimeMillis();
            // locked in one query; one ended elsewhere (another node, a revocation) meanwhile is left out
            List<GrantEntity> due = em.createQuery("select g from JitGrant g where g.id in :ids", GrantEntity.class)
                    .setParameter("ids", grantIds).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
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
            List<Object[]> lapsed = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(factory, session -> lapsed.addAll(Ledger.entityManager(session)
                    .createQuery("select r.id, r.realmId from JitRequest r where r.status = 'PENDING' and r.expiresAt <= :now"
                            + " order by r.expiresAt", Object[].class)
                    .setParameter("now", now).setMaxResults(PAGE).getResultList()));
            if (lapsed.isEmpty()) {
                return expired;
            }
            int before = expired;
            for (List<String> batch : batchesByRealm(lapsed)) {
                String realmId = realmOf(lapsed, batch.get(0));
                int[] count = {0};
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session -> {
                        RealmModel realm = session.realms().getRealm(realmId);
                        if (realm == null) {
                            return;
                        }
                        Ledger ledger = new Ledger(session, realm);
                        ledger.audit().lockHead();
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

    /** The earliest end among active grants, or {@code Long.MAX_VALUE} when there is none. */
    public long nextEnd() {
        long[] next = {Long.MAX_VALUE};
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            Long min = Ledger.entityManager(session)
                    .createQuery("select min(g.endsAt) from JitGrant g where g.status = 'ACTIVE'", Long.class)
                    .getSingleResult();
            if (min != null) {
                next[0] = min;
            }
        });
        return next[0];
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
