package io.jitaccess.keycloak.ledger;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.Refusal;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;

/**
 * An admin's deliberate changes to standing privilege, each audited: a grant made permanent (its end no longer
 * removes the mapping), and a permanent holder's mapping removed once they are eligible instead. The caller has
 * checked the admin's rights as Keycloak decides them.
 */
public final class StandingChanges {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Ledger ledger;
    private final GrantStore grants;

    public StandingChanges(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.ledger = new Ledger(session, realm);
        this.grants = new GrantStore(session);
    }

    /** The active grant with this id in this realm, or NOT_FOUND. Takes the audit head's lock first. */
    public GrantEntity activeGrant(String grantId) {
        ledger.audit().lockHead();
        GrantEntity grant = grants.locked(realm.getId(), grantId);
        if (grant == null) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "No grant " + StoredText.fit(grantId, 100) + " in this realm.");
        }
        if (!GrantStatus.ACTIVE.name().equals(grant.getStatus())) {
            throw new Refusal(Refusal.Reason.ILLEGAL_TRANSITION, "The grant is " + grant.getStatus().toLowerCase() + ", not active.");
        }
        return grant;
    }

    /** Every active grant of the grant's user and role becomes standing: the role stays when they end. */
    public GrantEntity makeStanding(Caller admin, GrantEntity grant, String reason) {
        List<GrantEntity> active = ledger.grants().activeOf(grant.getUserId(), grant.getRoleId());
        for (GrantEntity each : active) {
            grants.lock(each);
            if (!each.isStanding()) {
                each.setStanding(true);
                ledger.audit().append(AuditDraft.of(AuditAction.GRANT_MADE_STANDING).actor(admin).grant(each)
                        .reason("made standing by " + admin.username() + ": " + reason + "; the grant's end will not remove the role"));
            }
        }
        return grant;
    }

    /**
     * Turns a direct standing holder into an eligible user under the policy: adds them, pinned by id, to its
     * eligible users, and removes the permanent mapping, audited. The audit head is locked before any role mapping
     * changes: the same lock order as everywhere else.
     */
    public void makeEligible(Caller admin, UserModel user, RoleModel role, String policyId, String reason) {
        ledger.audit().lockHead();
        PolicyEdits.addEligibleUser(session, realm, policyId, user);
        user.deleteRoleMapping(role);
        ledger.audit().append(AuditDraft.of(AuditAction.STANDING_MADE_ELIGIBLE).actor(admin).subject(user.getId(), user.getUsername())
                .role(GrantedRoles.clientIdOf(role), role.getName()).policy(policyId).reason(reason));
    }
}
