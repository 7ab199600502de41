package io.jitaccess.keycloak.ledger;

import java.util.List;

import jakarta.persistence.LockModeType;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.Refusal;
import io.jitaccess.keycloak.store.GrantEntity;

/**
 * An admin's deliberate changes to standing privilege, each audited: a grant made permanent (its end no longer
 * removes the mapping), and a permanent holder's mapping removed once they are eligible instead. The caller has
 * checked the admin's rights as Keycloak decides them.
 */
public final class StandingChanges {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Ledger ledger;

    public StandingChanges(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.ledger = new Ledger(session, realm);
    }

    /** The active grant with this id in this realm, or NOT_FOUND. Takes the audit head's lock first. */
    public GrantEntity activeGrant(String grantId) {
        ledger.audit().lockHead();
        GrantEntity grant = grantId == null ? null : Ledger.entityManager(session).find(GrantEntity.class, grantId, LockModeType.PESSIMISTIC_WRITE);
        if (grant == null || !grant.getRealmId().equals(realm.getId())) {
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
            Ledger.entityManager(session).lock(each, LockModeType.PESSIMISTIC_WRITE);
            if (!each.isStanding()) {
                each.setStanding(true);
                ledger.audit().append(AuditDraft.of(AuditAction.GRANT_MADE_STANDING).actor(admin).grant(each)
                        .reason("made standing by " + admin.username() + ": " + reason + "; the grant's end will not remove the role"));
            }
        }
        return grant;
    }

    /** Removes a permanent holder's direct mapping (they were made eligible under {@code policyId}). */
    public void removeStanding(Caller admin, UserModel user, RoleModel role, String policyId, String reason) {
        user.deleteRoleMapping(role);
        ledger.audit().append(AuditDraft.of(AuditAction.STANDING_MADE_ELIGIBLE).actor(admin).subject(user.getId(), user.getUsername())
                .role(GrantedRoles.clientIdOf(role), role.getName()).policy(policyId).reason(reason));
    }

    public Ledger ledger() {
        return ledger;
    }
}
