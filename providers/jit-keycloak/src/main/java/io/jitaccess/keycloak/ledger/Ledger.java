package io.jitaccess.keycloak.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import io.jitaccess.core.AdmittedRequest;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestDraft;
import io.jitaccess.core.RequestRules;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.keycloak.store.GrantEntity;
import io.jitaccess.keycloak.store.RequestEntity;

/**
 * The JIT ledger of one realm: requests, decisions and grants, every change audited in the same
 * transaction. Refusals are audited too and then rethrown for the caller to answer.
 */
public final class Ledger {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final AuditTrail audit;
    private final Grants grants;

    public Ledger(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = entityManager(session);
        this.audit = new AuditTrail(session, realm, em);
        this.grants = new Grants(session, realm, em, audit);
    }

    public static EntityManager entityManager(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public AuditTrail audit() {
        return audit;
    }

    public Grants grants() {
        return grants;
    }

    static long now() {
        return Time.currentTimeMillis();
    }

    // ---- requesters

    /** The usable policies the caller may ask under (a policy that grants nothing is left out, saying nothing). */
    public List<ResolvedPolicy> eligiblePolicies(Caller caller) {
        List<ResolvedPolicy> eligible = new ArrayList<>();
        for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
            if (entry.policy().isEmpty() || !entry.policy().get().eligibility().admits(caller.subject())) {
                continue; // most policies are not for this caller: resolve only the ones that are
            }
            try {
                ResolvedPolicy resolved = ResolvedPolicy.resolve(session, realm, entry);
                if (resolved.grantsTo(session, realm, caller.subject().user())) {
                    eligible.add(resolved);
                }
            } catch (Refusal unusable) {
                // fail closed: a policy that grants nothing offers nothing
            }
        }
        return eligible;
    }

    /**
     * Checks the request against its policy before the realm's audit head is locked (the policy's patterns run on the
     * caller's text then, with nobody waiting), then, under the lock, the per-user limits, and stores it.
     */
    public RequestEntity createRequest(Caller caller, String policyId, RequestDraft draft) {
        try {
            ResolvedPolicy resolved = requestablePolicy(policyId, caller);
            Policy policy = resolved.policy();
            RequestRules rules = new RequestRules(policy);
            AdmittedRequest admitted = rules.check(caller.subject(), draft, Instant.ofEpochMilli(now()), caller.sourceIp(), caller.mfa());
            audit.lockHead();
            long now = now();
            long pending = em.createNamedQuery("jitCountPendingRequestsOfUser", Long.class)
                    .setParameter("realmId", realm.getId()).setParameter("userId", caller.userId())
                    .setParameter("policyId", policy.id()).setParameter("now", now).getSingleResult();
            long active = em.createNamedQuery("jitCountActiveGrantsOfUserUnderPolicy", Long.class)
                    .setParameter("realmId", realm.getId()).setParameter("userId", caller.userId())
                    .setParameter("policyId", policy.id()).setParameter("now", now).getSingleResult();
            rules.checkLimits(pending, active);

            RequestEntity request = new RequestEntity();
            request.setId(KeycloakModelUtils.generateId());
            request.setRealmId(realm.getId());
            request.setPolicyId(policy.id());
            request.setPolicyName(policy.name());
            request.setRequesterId(caller.userId());
            request.setRequesterName(caller.username());
            request.setRequesterClientId(caller.subject().serviceAccountClientId().orElse(null));
            request.setRoleClientId(GrantedRoles.clientIdOf(resolved.targetRole()));
            request.setRoleName(resolved.targetRole().getName());
            request.setRoleId(resolved.targetRole().getId());
            request.setDurationSeconds(admitted.duration().getSeconds());
            request.setJustification(admitted.justification());
            request.setTicket(admitted.ticket());
            request.setSourceIp(caller.sourceIp());
            request.setUserAgent(StoredText.fit(caller.userAgent(), 512));
            request.setMfaAcr(caller.mfa().acr());
            request.setMfaLevel(caller.mfa().level());
            request.setMfaAt(caller.mfa().authenticatedAt().map(Instant::toEpochMilli).orElse(null));
            request.setStatus(RequestStatus.PENDING.name());
            request.setRequiredApprovals(policy.approval().required());
            request.setCreatedAt(now);
            request.setExpiresAt(admitted.expiresAt().toEpochMilli());
            em.persist(request);
            audit.append(AuditDraft.of(AuditAction.REQUEST_CREATED).actor(caller).request(request));

            if (!admitted.autoApproved()) {
                Notifications.record(session, realm.getId(), caller.userId(), Notifications.Kind.REQUEST_CREATED,
                        request.getId(), null, now);
            }
            if (admitted.autoApproved()) {
                request.setStatus(RequestStatus.PENDING.moveTo(RequestStatus.APPROVED).name());
                request.setDecidedAt(now);
                audit.append(AuditDraft.of(AuditAction.REQUEST_APPROVED).actor(Caller.system()).actorName("auto-approval")
                        .request(request).reason("policy '" + policy.name() + "' approves automatically"));
                grants.start(request, resolved.targetRole(), caller.subject().user(), now, Caller.system());
            }
            return request;
        } catch (Refusal refusal) {
            audit.append(AuditDraft.of(AuditAction.REQUEST_REFUSED).actor(caller).subject(caller.userId(), caller.username())
                    .policy(policyId).texts(draft.justification(), draft.ticket()).reason(refusal.auditReason()));
            throw refusal;
        }
    }

    public RequestEntity cancel(Caller caller, String requestId) {
        audit.lockHead();
        RequestEntity request = lockedRequest(requestId);
        if (request == null || !request.getRequesterId().equals(caller.userId())) {
            throw refuseRead(caller, requestId);
        }
        try {
            request.setStatus(RequestStatus.valueOf(request.getStatus()).moveTo(RequestStatus.CANCELLED).name());
        } catch (Refusal refusal) {
            audit.append(AuditDraft.of(AuditAction.DECISION_REFUSED).actor(caller).request(request)
                    .reason(refusal.auditReason()));
            throw refusal;
        }
        request.setDecidedAt(now());
        audit.append(AuditDraft.of(AuditAction.REQUEST_CANCELLED).actor(caller).request(request));
        return request;
    }

    public List<RequestEntity> requestsOf(Caller caller) {
        return em.createNamedQuery("jitRequestsOfUser", RequestEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", caller.userId())
                .setMaxResults(200).getResultList();
    }

    /** A request the caller may see: their own, or one they may decide or have decided. Others do not exist. */
    public RequestEntity visibleRequest(Caller caller, String requestId) {
        RequestEntity request = requestId == null ? null : em.find(RequestEntity.class, requestId);
        if (request != null && request.getRealmId().equals(realm.getId())) {
            if (request.getRequesterId().equals(caller.userId())
                    || request.getApprovals().stream().anyMatch(a -> a.getApproverId().equals(caller.userId()))
                    || new Decisions(session, realm, this).mayDecide(caller, request)) {
                return request;
            }
        }
        throw refuseRead(caller, requestId);
    }

    // ---- grants

    public List<GrantEntity> activeGrantsOf(String userId) {
        return em.createNamedQuery("jitActiveGrantsOfUser", GrantEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList();
    }

    public GrantEntity endOwnGrant(Caller caller, String grantId, String reason) {
        audit.lockHead();
        GrantEntity grant = lockedGrant(grantId);
        if (grant == null || !grant.getUserId().equals(caller.userId())) {
            throw refuseRead(caller, grantId);
        }
        return revoke(caller, grant, reason == null || reason.isBlank() ? "ended early by the user" : reason);
    }

    public GrantEntity revoke(Caller by, String grantId, String reason) {
        audit.lockHead();
        GrantEntity grant = lockedGrant(grantId);
        if (grant == null) {
            throw new Refusal(Refusal.Reason.NOT_FOUND, "No grant " + grantId + " in this realm.");
        }
        return revoke(by, grant, reason);
    }

    private GrantEntity revoke(Caller by, GrantEntity grant, String reason) {
        try {
            grants.end(grant, GrantStatus.REVOKED, Grants.EndPath.REVOKED, now(), by, reason);
        } catch (Refusal refusal) {
            audit.append(AuditDraft.of(AuditAction.DECISION_REFUSED).actor(by).grant(grant)
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
        boolean endSessions = RealmPolicies.readable(realm, grant.getPolicyId()).map(Policy::endSessionsOnRevoke).orElse(true);
        if (!endSessions) {
            return;
        }
        SessionEnding.afterCommit(session, realm, user);
    }

    /** Revokes every active grant of the realm (before uninstalling or migrating). Returns how many ended. */
    public int endAll(Caller by, String reason) {
        audit.lockHead();
        List<GrantEntity> active = em.createNamedQuery("jitActiveGrantsOfRealm", GrantEntity.class)
                .setParameter("realmId", realm.getId()).getResultList();
        for (GrantEntity grant : active) {
            em.lock(grant, LockModeType.PESSIMISTIC_WRITE);
            grants.end(grant, GrantStatus.REVOKED, Grants.EndPath.REVOKED, now(), by, reason);
            UserModel user = session.users().getUserById(realm, grant.getUserId());
            if (user != null) {
                endSessionsIfPolicySays(grant, user);
            }
        }
        audit.append(AuditDraft.of(AuditAction.ALL_GRANTS_ENDED).actor(by).reason(active.size() + " grant(s) ended: " + reason));
        return active.size();
    }

    // ---- helpers

    /**
     * The policy a requester names, if it grants: one that grants nothing answers as a policy the caller is not
     * eligible for (only admins learn why, in the audit entry and their view).
     */
    private ResolvedPolicy requestablePolicy(String policyId, Caller caller) {
        RealmPolicies.Entry entry = RealmPolicies.find(realm, policyId).orElseThrow(() ->
                new Refusal(Refusal.Reason.NOT_FOUND, "No policy '" + StoredText.fit(policyId, 100) + "' in this realm."));
        Refusal notForYou = new Refusal(Refusal.Reason.NOT_ELIGIBLE, "You are not eligible for policy '" + entry.name() + "'.");
        ResolvedPolicy resolved;
        try {
            resolved = ResolvedPolicy.resolve(session, realm, entry);
        } catch (Refusal unusable) {
            throw notForYou.withDetail(unusable.getMessage());
        }
        if (!resolved.grantsTo(session, realm, caller.subject().user())) {
            throw notForYou.withDetail("its saver, " + resolved.saver().describe() + ", may not map roles to this user");
        }
        return resolved;
    }

    RequestEntity lockedRequest(String requestId) {
        if (requestId == null) {
            return null;
        }
        RequestEntity request = em.find(RequestEntity.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        return request != null && request.getRealmId().equals(realm.getId()) ? request : null;
    }

    private GrantEntity lockedGrant(String grantId) {
        if (grantId == null) {
            return null;
        }
        GrantEntity grant = em.find(GrantEntity.class, grantId, LockModeType.PESSIMISTIC_WRITE);
        return grant != null && grant.getRealmId().equals(realm.getId()) ? grant : null;
    }

    Refusal refuseRead(Caller caller, String id) {
        Refusal refusal = new Refusal(Refusal.Reason.NOT_FOUND, "No such request or grant, or it is not yours.")
                .withDetail("not found or not the caller's: " + StoredText.fit(id, 100));
        audit.append(AuditDraft.of(AuditAction.ACCESS_REFUSED).actor(caller).subject(caller.userId(), caller.username())
                .requestId(StoredText.id(id)).reason(refusal.auditReason()));
        return refusal;
    }


}
