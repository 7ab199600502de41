package io.jitaccess.keycloak.expiry;

import io.jitaccess.core.EndedBy;
import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.LedgerBusy;
import io.jitaccess.keycloak.store.RealmRow;
import io.jitaccess.keycloak.store.RequestStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

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
    public int endDue(EndedBy path) {
        int ended = 0;
        List<String> failed = new ArrayList<>();
        while (true) {
            long now = Time.currentTimeMillis();
            Set<String> busy = busyRealms(System.currentTimeMillis());
            List<RealmRow> due = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(
                    factory, session -> due.addAll(new GrantStore(session).due(now, busy, PAGE + failed.size())));
            due.removeIf(row -> failed.contains(row.id()));
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
                        LOG.warnf(
                                "JIT grants of realm id %s wait: another transaction holds its ledger lock; the others go on",
                                realmId);
                        continue;
                    }
                    for (String grantId : batch) {
                        try {
                            ended += end(realmId, List.of(grantId), path);
                        } catch (RuntimeException e) {
                            failed.add(grantId);
                            LOG.warnf(
                                    "JIT grant %s could not be ended now (%s); it will be retried",
                                    grantId, e.getClass().getName());
                        }
                    }
                }
            }
        }
    }

    private int end(String realmId, List<String> grantIds, EndedBy path) {
        int[] ended = {0};
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm == null) {
                // its realm is gone, and its mappings with it: only the ledger is left to end, or this loop would spin
                ended[0] =
                        new GrantStore(session).revokeInLedgerOnly(grantIds, Time.currentTimeMillis(), "realm deleted");
                if (ended[0] > 0) {
                    LOG.infof(
                            "JIT: %d grant(s) of realm id %s, which no longer exists, marked ended", ended[0], realmId);
                }
                return;
            }
            session.getContext().setRealm(realm);
            List<Long> lags = new Ledger(session, realm).ending().expireDue(grantIds, LOCK_WAIT, path);
            lags.forEach(lag -> metrics.ended(path, lag));
            ended[0] = lags.size();
        });
        return ended[0];
    }

    /** Marks pending requests past their lifetime EXPIRED; returns how many. */
    public int expireLapsedRequests() {
        int expired = 0;
        while (true) {
            long now = Time.currentTimeMillis();
            Set<String> busy = busyRealms(System.currentTimeMillis());
            List<RealmRow> lapsed = new ArrayList<>();
            KeycloakModelUtils.runJobInTransaction(
                    factory, session -> lapsed.addAll(new RequestStore(session).lapsed(now, busy, PAGE)));
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
                            count[0] = new RequestStore(session).cancelInLedgerOnly(batch, Time.currentTimeMillis());
                            return;
                        }
                        count[0] = new Ledger(session, realm).ending().expireLapsed(batch, LOCK_WAIT);
                    });
                } catch (RuntimeException e) {
                    if (LedgerBusy.causedBy(e)) {
                        busyUntil.put(realmId, System.currentTimeMillis() + BUSY_MILLIS);
                    }
                    LOG.warnf(
                            "lapsed JIT requests of realm %s could not be expired now (%s); they will be retried",
                            realmId, e.getClass().getName());
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
        long[] next = {
            busy.stream()
                    .mapToLong(realm -> busyUntil.getOrDefault(realm, now))
                    .min()
                    .orElse(Long.MAX_VALUE)
        };
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            Long min = new GrantStore(session).firstEnd(busy);
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

    private static List<List<String>> batchesByRealm(List<RealmRow> rows) {
        Map<String, List<String>> byRealm = new LinkedHashMap<>();
        for (RealmRow row : rows) {
            byRealm.computeIfAbsent(row.realmId(), r -> new ArrayList<>()).add(row.id());
        }
        List<List<String>> batches = new ArrayList<>();
        for (List<String> ids : byRealm.values()) {
            for (int i = 0; i < ids.size(); i += BATCH) {
                batches.add(ids.subList(i, Math.min(ids.size(), i + BATCH)));
            }
        }
        return batches;
    }

    private static String realmOf(List<RealmRow> rows, String id) {
        return rows.stream()
                .filter(row -> row.id().equals(id))
                .map(RealmRow::realmId)
                .findFirst()
                .orElseThrow();
    }
}
