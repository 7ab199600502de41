package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.EndedBy;
import io.jitaccess.core.GrantRules;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.Target;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.audit.AuditTrail;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.StoredText;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Starts and ends grants as real role mappings and group memberships. A role the user held before, or a group they
 * were a direct member of (standing), is never removed, and of overlapping grants of one target only the last to end
 * removes it.
 */
public final class Grants {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final GrantStore store;
    private final AuditTrail audit;

    Grants(KeycloakSession session, RealmModel realm, AuditTrail audit) {
        this.session = session;
        this.realm = realm;
        this.store = new GrantStore(session);
        this.audit = audit;
    }

    /**
     * Creates the grant and the role mapping or group membership, in the caller's transaction; the clock starts now.
     */
    public GrantEntity start(RequestEntity request, GrantTarget target, UserModel user, long now, Caller by) {
        boolean heldBefore = target.heldBy(user);
        boolean standing = GrantRules.standingAtStart(
                activeOf(target.kind(), user.getId(), target.id()).stream()
                        .map(GrantEntity::toActiveGrant)
                        .toList(),
                heldBefore);
        GrantedTargets.markBeforeGrant(session, realm, target);
        if (!heldBefore) {
            ownChange(() -> target.give(user), user.getId(), target);
        }
        GrantEntity grant = new GrantEntity();
        grant.setId(KeycloakModelUtils.generateId());
        grant.setRealmId(realm.getId());
        grant.setRequestId(request.getId());
        grant.setPolicyId(request.getPolicyId());
        grant.setUserId(user.getId());
        grant.setUserName(user.getUsername());
        grant.setTargetKind(target.kind().name());
        grant.setRoleId(target.id());
        grant.setRoleClientId(request.getRoleClientId());
        grant.setRoleName(request.getRoleName());
        grant.setStartsAt(now);
        grant.setEndsAt(now + request.getDurationSeconds() * 1000);
        grant.setStanding(standing);
        grant.setStatus(GrantStatus.ACTIVE.name());
        store.add(grant);
        request.setGrantId(grant.getId());
        LedgerEvents.publish(
                session,
                new LedgerEvents.GrantStarted(
                        session, grant.getEndsAt(), target.kind().name().toLowerCase(java.util.Locale.ROOT)));
        Notifications.record(
                session,
                grant.getRealmId(),
                grant.getUserId(),
                Notifications.Kind.GRANT_STARTED,
                request.getId(),
                grant.getId(),
                now);
        audit.append(AuditDraft.of(AuditAction.GRANT_STARTED)
                .actor(by)
                .grant(grant)
                .texts(request.getJustification(), request.getTicket())
                .reason(standing ? standingReason(grant) : null));
        return grant;
    }

    /**
     * Ends an active grant: marks it, removes the mapping unless it is standing or another active grant of
     * the same role remains, and writes the audit entry.
     */
    public void end(GrantEntity grant, GrantStatus to, EndedBy path, long now, Caller by, String reason) {
        List<GrantRules.ActiveGrant> ofUserAndRole =
                activeOf(grant.kind(), grant.getUserId(), grant.getRoleId()).stream()
                        .map(GrantEntity::toActiveGrant)
                        .toList();
        mark(grant, to, path, now, by, reason);
        if (GrantRules.endRemovesMapping(grant.toActiveGrant(), ofUserAndRole)) {
            removeMapping(grant);
        }
        record(grant, to, path, now, by, reason);
    }

    /**
     * Ends many active grants of this realm at once, as {@link #end} ends one (the expiry path): one query
     * finds the (user, role) pairs that keep another active grant, then each mapping is removed, and the
     * grants' notifications and audit entries are written last, in one flush.
     */
    public void endAll(List<GrantEntity> grants, GrantStatus to, EndedBy path, long now, Caller by) {
        if (grants.isEmpty()) {
            return;
        }
        Set<String> ending = grants.stream().map(GrantEntity::getId).collect(Collectors.toSet());
        Set<String> kept = store.userTargetsKeptBesides(
                realm.getId(), grants.stream().map(GrantEntity::getUserId).collect(Collectors.toSet()), ending);
        Set<String> stripped = new HashSet<>();
        for (GrantEntity grant : grants) {
            mark(grant, to, path, now, by, null);
            String pair = GrantStore.pair(grant.getUserId(), grant.kind(), grant.getRoleId());
            if (GrantRules.endRemovesMapping(grant.toActiveGrant(), kept.contains(pair)) && stripped.add(pair)) {
                removeMapping(grant);
            }
        }
        for (GrantEntity grant : grants) {
            record(grant, to, path, now, by, null);
        }
    }

    private static void mark(GrantEntity grant, GrantStatus to, EndedBy path, long now, Caller by, String reason) {
        grant.setStatus(GrantStatus.valueOf(grant.getStatus()).moveTo(to).name());
        grant.setEndedAt(now);
        grant.setEndedBy(path.value());
        grant.setEndReason(StoredText.fit(reason, 2000));
        grant.setEndedByUser(by == null || by.isSystem() ? null : by.username());
    }

    /** Removes the grant's role mapping or membership (the last active grant of that user and target has ended). */
    private void removeMapping(GrantEntity grant) {
        UserModel user = session.users().getUserById(realm, grant.getUserId());
        GrantTarget target =
                GrantTarget.find(session, realm, GrantTarget.kindOf(grant.getTargetKind()), grant.getRoleId());
        if (user != null && target != null && target.heldBy(user)) {
            ownChange(() -> target.take(user), user.getId(), target);
        }
    }

    /** The grant's notification and audit entry. */
    private void record(GrantEntity grant, GrantStatus to, EndedBy path, long now, Caller by, String reason) {
        AuditAction action = to == GrantStatus.REVOKED ? AuditAction.GRANT_REVOKED : AuditAction.GRANT_EXPIRED;
        if (to == GrantStatus.REVOKED) {
            LedgerEvents.publish(session, new LedgerEvents.GrantRevoked(session));
        }
        Notifications.record(
                session,
                grant.getRealmId(),
                grant.getUserId(),
                to == GrantStatus.REVOKED ? Notifications.Kind.GRANT_REVOKED : Notifications.Kind.GRANT_ENDED,
                grant.getRequestId(),
                grant.getId(),
                now);
        audit.append(AuditDraft.of(action)
                .actor(by)
                .grant(grant)
                .reason(reason == null ? path.value() : path.value() + ": " + reason));
    }

    private static final String OWN_CHANGE = Grants.class.getName() + ".ownChange";

    private static String standingReason(GrantEntity grant) {
        return GrantTarget.kindOf(grant.getTargetKind()) == Target.Kind.GROUP
                ? "the user was already a member of the group: they stay after the grant ends"
                : "the user already held the role: it stays after the grant ends";
    }

    /** Runs a role-mapping or membership change of ours, marked so the consistency listener does not take it for a hand edit. */
    private void ownChange(Runnable change, String userId, GrantTarget target) {
        Object previous = session.getAttribute(OWN_CHANGE);
        session.setAttribute(OWN_CHANGE, GrantStore.pair(userId, target.kind(), target.id()));
        try {
            change.run();
        } finally {
            if (previous == null) {
                session.removeAttribute(OWN_CHANGE);
            } else {
                session.setAttribute(OWN_CHANGE, previous);
            }
        }
    }

    /** Whether the role or membership change now under way in {@code session} is one of ours. */
    static boolean isOwnChange(KeycloakSession session, String userId, Target.Kind kind, String targetId) {
        return GrantStore.pair(userId, kind, targetId).equals(session.getAttribute(OWN_CHANGE));
    }

    /** The user's active grants of one target (its kind and id: a role and a group may share an id). */
    public List<GrantEntity> activeOf(Target.Kind kind, String userId, String targetId) {
        return store.activeOfUserTarget(realm.getId(), userId, kind, targetId);
    }
}
