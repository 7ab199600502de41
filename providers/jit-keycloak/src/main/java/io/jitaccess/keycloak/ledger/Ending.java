package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.EndedBy;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.RequestStore;
import java.time.Duration;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The ending of grants and requests: grants at their time (the timers), before it (by their holder, by an
 * administrator, all at once), pending requests at the end of their lifetime. Each is audited in the same
 * transaction; after an early end the holder's sessions end after commit, unless the grant's policy says otherwise.
 */
public final class Ending {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Ledger ledger;
    private final GrantStore grants;
    private final RequestStore requests;

    Ending(KeycloakSession session, RealmModel realm, Ledger ledger) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.grants = new GrantStore(session);
        this.requests = new RequestStore(session);
    }

    private static long now() {
        return Ledger.now();
    }

    public GrantEntity endOwnGrant(Caller caller, String grantId, String reason) {
        ledger.audit().lockHead();
        GrantEntity grant = grants.locked(realm.getId(), grantId);
        if (grant == null || !grant.getUserId().equals(caller.userId())) {
            throw ledger.refuseRead(caller, grantId);
        }
        return revoke(caller, grant, reason == null || reason.isBlank() ? "ended early by the user" : reason);
    }

    public GrantEntity revoke(Caller by, String grantId, String reason) {
        ledger.audit().lockHead();
        GrantEntity grant = grants.locked(realm.getId(), grantId);
        if (grant == null) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "No grant " + grantId + " in this realm.");
        }
        return revoke(by, grant, reason);
    }

    private GrantEntity revoke(Caller by, GrantEntity grant, String reason) {
        try {
            ledger.grants().end(grant, GrantStatus.REVOKED, EndedBy.REVOKED, now(), by, reason);
        } catch (Refusal refusal) {
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.DECISION_REFUSED)
                            .actor(by)
                            .grant(grant)
                            .reason(refusal.auditReason() + " (revocation)"));
            throw refusal;
        }
        UserModel user = session.users().getUserById(realm, grant.getUserId());
        if (user != null) {
            endSessionsIfPolicySays(grant, user);
        }
        return grant;
    }

    /**
     * After an early revocation, ends the user's sessions (with backchannel logout to clients) and offline
     * sessions, unless the grant's policy turned that off: no refresh token keeps the role alive.
     */
    void endSessionsIfPolicySays(GrantEntity grant, UserModel user) {
        boolean endSessions = RealmPolicies.readable(realm, grant.getPolicyId())
                .map(Policy::endSessionsOnRevoke)
                .orElse(true);
        if (!endSessions) {
            return;
        }
        SessionEnding.afterCommit(session, realm, user);
    }

    /** Revokes every active grant of the realm (before uninstalling or migrating). Returns how many ended. */
    public int endAll(Caller by, String reason) {
        ledger.audit().lockHead();
        List<GrantEntity> active = grants.activeOfRealm(realm.getId());
        for (GrantEntity grant : active) {
            grants.lock(grant);
            ledger.grants().end(grant, GrantStatus.REVOKED, EndedBy.REVOKED, now(), by, reason);
            UserModel user = session.users().getUserById(realm, grant.getUserId());
            if (user != null) {
                endSessionsIfPolicySays(grant, user);
            }
        }
        ledger.audit()
                .append(AuditDraft.of(AuditAction.ALL_GRANTS_ENDED)
                        .actor(by)
                        .reason(active.size() + " grant(s) ended: " + reason));
        return active.size();
    }

    /**
     * Ends those of the realm's {@code grantIds} that are still active and due, waiting at most {@code wait} for the
     * realm's ledger lock: they are locked in one query, so one ended meanwhile (by another node, a revocation) is
     * left out. Returns, for each grant it ended, how late it ended (milliseconds).
     */
    public List<Long> expireDue(List<String> grantIds, Duration wait, EndedBy path) {
        ledger.audit().lockHead(wait);
        long now = now();
        List<GrantEntity> due = grants.lockedById(grantIds, wait).stream()
                .filter(g -> g.getRealmId().equals(realm.getId())
                        && GrantStatus.ACTIVE.name().equals(g.getStatus())
                        && g.getEndsAt() <= now)
                .toList();
        List<Long> lags = due.stream().map(g -> now - g.getEndsAt()).toList();
        ledger.grants().endAll(due, GrantStatus.EXPIRED, path, now, Caller.system());
        return lags;
    }

    /** Marks those of the realm's {@code requestIds} that are still pending EXPIRED; returns how many. */
    public int expireLapsed(List<String> requestIds, Duration wait) {
        ledger.audit().lockHead(wait);
        int expired = 0;
        for (String id : requestIds) {
            RequestEntity request = requests.locked(realm.getId(), id);
            if (request == null || !RequestStatus.PENDING.name().equals(request.getStatus())) {
                continue;
            }
            request.setStatus(
                    RequestStatus.PENDING.moveTo(RequestStatus.EXPIRED).name());
            request.setDecidedAt(now());
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.REQUEST_EXPIRED)
                            .actor(Caller.system())
                            .request(request)
                            .reason("no decision within the policy's pending-request lifetime"));
            expired++;
        }
        return expired;
    }
}
