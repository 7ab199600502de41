package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.EndedBy;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.MfaEvidence;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.core.Target;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.RequestStore;
import io.jitaccess.keycloak.store.StoredText;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleContainerModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;

/**
 * Keeps the ledger true whatever changes roles and group memberships: Keycloak's model events (not admin events,
 * which only see the admin API). A mapping or membership removed by hand revokes its grants; a role granted or a
 * group joined by hand during a grant makes it standing; a deleted user, role, group or realm ends its grants and
 * requests. Runs in the transaction of the change.
 */
public final class LedgerConsistency {

    private static final Logger LOG = Logger.getLogger(LedgerConsistency.class);

    public void onEvent(ProviderEvent event) {
        if (event instanceof RoleModel.RoleRevokedEvent revoked && revoked.getRole() != null) {
            mappingRemoved(
                    revoked.getKeycloakSession(),
                    revoked.getRealm(),
                    revoked.getUser(),
                    Target.Kind.ROLE,
                    revoked.getRole().getId(),
                    "role mapping");
        } else if (event instanceof RoleModel.RoleGrantedEvent granted && granted.getRole() != null) {
            mappingAdded(
                    granted.getKeycloakSession(),
                    granted.getRealm(),
                    granted.getUser(),
                    Target.Kind.ROLE,
                    granted.getRole().getId(),
                    "role granted permanently");
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent left && left.getGroup() != null) {
            mappingRemoved(
                    left.getKeycloakSession(),
                    realmOf(left),
                    left.getUser(),
                    Target.Kind.GROUP,
                    left.getGroup().getId(),
                    "group membership");
        } else if (event instanceof GroupModel.GroupMemberJoinEvent joined && joined.getGroup() != null) {
            mappingAdded(
                    joined.getKeycloakSession(),
                    realmOf(joined),
                    joined.getUser(),
                    Target.Kind.GROUP,
                    joined.getGroup().getId(),
                    "group joined permanently");
        } else if (event instanceof GroupModel.GroupRemovedEvent removed && removed.getGroup() != null) {
            targetRemoved(
                    removed.getKeycloakSession(),
                    realmOf(removed),
                    Target.Kind.GROUP,
                    removed.getGroup().getId(),
                    "group deleted");
        } else if (event instanceof UserModel.UserRemovedEvent removed) {
            userRemoved(removed.getKeycloakSession(), removed.getRealm(), removed.getUser());
        } else if (event instanceof RoleContainerModel.RoleRemovedEvent removed) {
            roleRemoved(removed.getKeycloakSession(), removed.getRole());
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            realmRemoved(removed.getKeycloakSession(), removed.getRealm());
        }
    }

    private void mappingRemoved(
            KeycloakSession session, RealmModel realm, UserModel user, Target.Kind kind, String targetId, String what) {
        if (realm == null || user == null || Grants.isOwnChange(session, user.getId(), kind, targetId)) {
            return;
        }
        Ledger ledger = new Ledger(session, realm);
        if (ledger.grants().activeOf(kind, user.getId(), targetId).isEmpty()) {
            return;
        }
        ledger.audit().lockHead();
        // read again under the lock: an expiry or revocation may have ended them meanwhile
        List<GrantEntity> active = lockedActive(ledger.grants().activeOf(kind, user.getId(), targetId), session);
        if (active.isEmpty()) {
            return;
        }
        Caller by = actor(session, realm);
        for (GrantEntity grant : active) {
            ledger.grants()
                    .end(
                            grant,
                            GrantStatus.REVOKED,
                            EndedBy.REVOKED,
                            Time.currentTimeMillis(),
                            by,
                            what + " removed by " + (by.isSystem() ? "someone outside the JIT API" : by.username()));
        }
        ledger.ending().endSessionsIfPolicySays(active.get(0), user);
    }

    private void mappingAdded(
            KeycloakSession session, RealmModel realm, UserModel user, Target.Kind kind, String targetId, String what) {
        if (realm == null || user == null || Grants.isOwnChange(session, user.getId(), kind, targetId)) {
            return;
        }
        Ledger ledger = new Ledger(session, realm);
        if (ledger.grants().activeOf(kind, user.getId(), targetId).stream().allMatch(GrantEntity::isStanding)) {
            return;
        }
        ledger.audit().lockHead();
        List<GrantEntity> active = lockedActive(ledger.grants().activeOf(kind, user.getId(), targetId), session);
        Caller by = actor(session, realm);
        for (GrantEntity grant : active) {
            grant.setStanding(true);
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.GRANT_MADE_STANDING)
                            .actor(by)
                            .grant(grant)
                            .reason(what + " by "
                                    + (by.isSystem() ? "someone outside the JIT API" : by.username())
                                    + "; the grant's end will not remove it"));
        }
    }

    private void userRemoved(KeycloakSession session, RealmModel realm, UserModel user) {
        List<GrantEntity> grants = new GrantStore(session).activeOfUser(realm.getId(), user.getId());
        List<RequestEntity> pending = new RequestStore(session).pendingOfUser(realm.getId(), user.getId());
        if (grants.isEmpty() && pending.isEmpty()) {
            return;
        }
        Ledger ledger = new Ledger(session, realm);
        ledger.audit().lockHead();
        Caller by = actor(session, realm);
        long now = Time.currentTimeMillis();
        for (GrantEntity grant : lockedActive(grants, session)) {
            // the user and their mappings are going away: only the ledger needs to follow
            markRevoked(ledger, grant, by, now, "user deleted");
        }
        for (RequestEntity request : pending) {
            request.setStatus(
                    RequestStatus.PENDING.moveTo(RequestStatus.CANCELLED).name());
            request.setDecidedAt(now);
            ledger.audit()
                    .append(AuditDraft.of(AuditAction.REQUEST_CANCELLED)
                            .actor(by)
                            .request(request)
                            .reason("user deleted"));
        }
    }

    private void roleRemoved(KeycloakSession session, RoleModel role) {
        if (role != null) {
            targetRemoved(session, realmOf(session, role), Target.Kind.ROLE, role.getId(), "role deleted");
        }
    }

    /** The realm a role belongs to (a client role's through its client), else the session's. */
    private static RealmModel realmOf(KeycloakSession session, RoleModel role) {
        if (role.getContainer() instanceof RealmModel owner) {
            return owner;
        }
        if (role.getContainer() instanceof org.keycloak.models.ClientModel client && client.getRealm() != null) {
            return client.getRealm();
        }
        return session.getContext().getRealm();
    }

    /** A role or group is being deleted: its grants end in the ledger; its mappings go with it. */
    private void targetRemoved(
            KeycloakSession session, RealmModel realm, Target.Kind kind, String targetId, String reason) {
        if (realm == null) {
            return;
        }
        List<GrantEntity> grants = new GrantStore(session)
                .activeOfTarget(kind, targetId).stream()
                        .filter(grant -> grant.getRealmId().equals(realm.getId()))
                        .toList();
        if (grants.isEmpty()) {
            return;
        }
        Ledger ledger = new Ledger(session, realm);
        ledger.audit().lockHead();
        Caller by = actor(session, realm);
        long now = Time.currentTimeMillis();
        for (GrantEntity grant : lockedActive(grants, session)) {
            markRevoked(ledger, grant, by, now, reason);
        }
    }

    private void realmRemoved(KeycloakSession session, RealmModel realm) {
        long now = Time.currentTimeMillis();
        int grants = new GrantStore(session).revokeRealmInLedgerOnly(realm.getId(), now, "realm deleted");
        int requests = new RequestStore(session).cancelRealmInLedgerOnly(realm.getId(), now);
        if (grants > 0 || requests > 0) {
            // the realm's audit trail stays in JIT_AUDIT; its admin events go with the realm
            LOG.infof(
                    "realm %s deleted: %d JIT grant(s) revoked and %d request(s) cancelled",
                    realm.getName(), grants, requests);
        }
    }

    /**
     * The realm of a group event: the session's (Keycloak's admin API sets it), else the realm of the group's active
     * grants (a change made where no realm is set).
     */
    private static RealmModel realmOf(GroupModel.GroupEvent event) {
        if (event.getRealm() != null) {
            return event.getRealm();
        }
        KeycloakSession session = event.getKeycloakSession();
        return new GrantStore(session)
                .activeOfTarget(Target.Kind.GROUP, event.getGroup().getId()).stream()
                        .findFirst()
                        .map(grant -> session.realms().getRealm(grant.getRealmId()))
                        .orElse(null);
    }

    /** The grants, locked and refreshed, that are still ACTIVE. */
    private static List<GrantEntity> lockedActive(List<GrantEntity> grants, KeycloakSession session) {
        GrantStore store = new GrantStore(session);
        List<GrantEntity> active = new java.util.ArrayList<>();
        for (GrantEntity grant : grants) {
            store.lockFresh(grant);
            if (GrantStatus.ACTIVE.name().equals(grant.getStatus())) {
                active.add(grant);
            }
        }
        return active;
    }

    /** Ends a grant in the ledger only: its mapping goes with the user or role being deleted. */
    private static void markRevoked(Ledger ledger, GrantEntity grant, Caller by, long now, String reason) {
        grant.setStatus(GrantStatus.ACTIVE.moveTo(GrantStatus.REVOKED).name());
        grant.setEndedAt(now);
        grant.setEndedBy(EndedBy.REVOKED.value());
        grant.setEndReason(StoredText.fit(reason, 2000));
        ledger.audit()
                .append(AuditDraft.of(AuditAction.GRANT_REVOKED)
                        .actor(by)
                        .grant(grant)
                        .reason("revoked: " + reason));
    }

    /** Who made the change: the user the request authenticated (an admin), or the system. */
    private static Caller actor(KeycloakSession session, RealmModel realm) {
        UserModel user = session.getContext().getUser();
        if (user == null) {
            return Caller.system();
        }
        var connection = session.getContext().getConnection();
        return new Caller(
                new UserSubject(session, realm, user),
                null,
                connection == null ? null : connection.getRemoteAddr(),
                null,
                MfaEvidence.NONE);
    }
}
