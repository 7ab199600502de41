package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.Refusal;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.StoredText;
import java.util.function.BiConsumer;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

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

    /**
     * Makes an active grant's role or membership permanent: every active grant of its user and target becomes
     * standing, so the target stays when they end. {@code mayGive} checks, as Keycloak decides it, that the admin may
     * give that target to that user (it throws if not); the audit head is locked first.
     */
    public GrantEntity makeStanding(
            Caller admin, String grantId, String reason, BiConsumer<UserModel, GrantTarget> mayGive) {
        ledger.audit().lockHead();
        GrantEntity grant = grants.locked(realm.getId(), grantId);
        if (grant == null) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "No grant " + StoredText.fit(grantId, 100) + " in this realm.");
        }
        if (!GrantStatus.ACTIVE.name().equals(grant.getStatus())) {
            throw new Refusal(
                    Refusal.Reason.ILLEGAL_TRANSITION,
                    "The grant is " + grant.getStatus().toLowerCase() + ", not active.");
        }
        UserModel user = session.users().getUserById(realm, grant.getUserId());
        GrantTarget target =
                GrantTarget.find(session, realm, GrantTarget.kindOf(grant.getTargetKind()), grant.getRoleId());
        if (user == null || target == null) {
            throw new Refusal(
                    Refusal.Reason.ILLEGAL_TRANSITION,
                    "The grant's user or "
                            + (grant.getTargetKind() == null
                                    ? "role"
                                    : grant.getTargetKind().toLowerCase()) + " no longer exists.");
        }
        mayGive.accept(user, target);
        for (GrantEntity each : ledger.grants().activeOf(grant.kind(), grant.getUserId(), grant.getRoleId())) {
            grants.lock(each);
            if (!each.isStanding()) {
                each.setStanding(true);
                ledger.audit()
                        .append(AuditDraft.of(AuditAction.GRANT_MADE_STANDING)
                                .actor(admin)
                                .grant(each)
                                .reason("made standing by " + admin.username() + ": " + reason
                                        + "; the grant's end will not remove the "
                                        + target.kind().name().toLowerCase()));
            }
        }
        return grant;
    }

    /**
     * Turns a direct standing holder into an eligible user under the policy: adds them, pinned by id, to its
     * eligible users, and removes the permanent mapping or membership, audited. The audit head is locked before any
     * mapping changes: the same lock order as everywhere else.
     */
    public void makeEligible(Caller admin, UserModel user, GrantTarget target, String policyId, String reason) {
        ledger.audit().lockHead();
        PolicyEdits.addEligibleUser(session, realm, policyId, user);
        target.take(user);
        ledger.audit()
                .append(AuditDraft.of(AuditAction.STANDING_MADE_ELIGIBLE)
                        .actor(admin)
                        .subject(user.getId(), user.getUsername())
                        .target(target.kind().name(), target.clientId(), target.name())
                        .policy(policyId)
                        .reason(reason));
    }
}
