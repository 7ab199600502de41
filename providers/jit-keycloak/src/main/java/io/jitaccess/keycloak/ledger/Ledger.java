package io.jitaccess.keycloak.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;

import io.jitaccess.core.AdmittedRequest;
import io.jitaccess.core.Approval;
import io.jitaccess.core.GrantStatus;
import io.jitaccess.core.PendingRequest;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Quorum;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestContext;
import io.jitaccess.core.RequestDraft;
import io.jitaccess.core.RequestRules;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.core.Verdict;
import io.jitaccess.keycloak.store.ApprovalEntity;
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

    private static long now() {
        return Time.currentTimeMillis();
    }

    // ---- requesters

    /** The usable policies the caller may ask under (a policy naming missing things is left out). */
    public List<ResolvedPolicy> eligiblePolicies(Caller caller) {
        List<ResolvedPolicy> eligible = new ArrayList<>();
        for (Policy policy : RealmPolicies.usable(realm)) {
            if (!policy.eligibility().admits(caller.subject())) {
                continue; // most policies are not for this caller: resolve only the ones that are
            }
            try {
                eligible.add(ResolvedPolicy.resolve(session, realm, policy));
            } catch (Refusal unresolved) {
                // fail closed: a broken policy offers nothing
            }
        }
        return eligible;
    }

    public RequestEntity createRequest(Caller caller, String policyId, RequestDraft draft) {
        audit.lockHead();
        try {
            ResolvedPolicy resolved = policy(policyId);
            Policy policy = resolved.policy();
            long now = now();
            Instant at = Instant.ofEpochMilli(now);
            long pending = em.createNamedQuery("jitCountPendingRequestsOfUser", Long.class)
                    .setParameter("realmId", realm.getId()).setParameter("userId", caller.userId())
                    .setParameter("policyId", policy.id()).setParameter("now", now).getSingleResult();
            long active = em.createNamedQuery("jitCountActiveGrantsOfUserUnderPolicy", Long.class)
                    .setParameter("realmId", realm.getId()).setParameter("userId", caller.userId())
                    .setParameter("policyId", policy.id()).setParameter("now", now).getSingleResult();
            AdmittedRequest admitted = new RequestRules(policy).admit(caller.subject(), draft,
                    new RequestContext(at, caller.sourceIp(), caller.mfa(), pending, active));

            RequestEntity request = new RequestEntity();
            request.setId(KeycloakModelUtils.generateId());
            request.setRealmId(realm.getId());
            request.setPolicyId(policy.id());
            request.setPolicyName(policy.name());
            request.setRequesterId(caller.userId());
            request.setRequesterName(caller.username());
            request.setRequesterClientId(caller.subject().serviceAccountClientId().orElse(null));
            request.setRoleClientId(policy.role().clientId().orElse(null));
            request.setRoleName(policy.role().name());
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
                    .policy(policyId).texts(draft.justification(), draft.ticket()).reason(refusal.reason().code() + ": " + refusal.getMessage()));
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
                    .reason(refusal.reason().code() + ": " + refusal.getMessage()));
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
                    || mayDecide(caller, request)) {
                return request;
            }
        }
        throw refuseRead(caller, requestId);
    }

    /** Pending requests the caller may decide now. */
    public List<RequestEntity> decidableBy(Caller caller) {
        return em.createNamedQuery("jitPendingRequestsOfRealm", RequestEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("now", now())
                .setMaxResults(500).getResultList().stream()
                .filter(request -> mayDecide(caller, request))
                .toList();
    }

    /** How fresh an approver's second factor must be to decide {@code request} (its policy's setting), if the policy exists. */
    public Optional<Long> approverMfaMaxAge(RequestEntity request) {
        return RealmPolicies.find(realm, request.getPolicyId()).flatMap(RealmPolicies.Entry::policy)
                .map(Policy::approverMfaMaxAgeSeconds);
    }

    private boolean mayDecide(Caller caller, RequestEntity request) {
        Optional<Policy> policy = RealmPolicies.find(realm, request.getPolicyId()).flatMap(RealmPolicies.Entry::policy);
        return policy.isPresent() && new Quorum(policy.get()).mayDecide(caller.subject(), pending(request));
    }

    // ---- approvers

    public RequestEntity decide(Caller approver, String requestId, Verdict verdict, String comment) {
        audit.lockHead();
        RequestEntity request = lockedRequest(requestId);
        if (request == null) {
            throw refuseRead(approver, requestId);
        }
        try {
            Optional<Policy> current = RealmPolicies.find(realm, request.getPolicyId()).flatMap(RealmPolicies.Entry::policy);
            boolean requester = request.getRequesterId().equals(approver.userId());
            if (!requester && (current.isEmpty() || !current.get().approval().isApprover(approver.subject()))) {
                // say nothing about the request or its policy to someone who may not decide it
                throw new Refusal(Refusal.Reason.NOT_APPROVER, "You are not an approver of this request.");
            }
            ResolvedPolicy resolved = policy(request.getPolicyId());
            long now = now();
            Quorum.Outcome outcome = new Quorum(resolved.policy()).decide(pending(request), approver.subject(), verdict,
                    comment, approver.mfa(), Instant.ofEpochMilli(now));
            UserModel requesterUser = session.users().getUserById(realm, request.getRequesterId());
            if (outcome.status() == RequestStatus.APPROVED) {
                checkStillGrantable(request, resolved, requesterUser, now);
            }
            ApprovalEntity approval = new ApprovalEntity();
            approval.setId(KeycloakModelUtils.generateId());
            approval.setRequest(request);
            approval.setApproverId(approver.userId());
            approval.setApproverName(approver.username());
            approval.setVerdict(verdict.name());
            approval.setComment(outcome.approval().comment());
            approval.setDecidedAt(now);
            approval.setMfaAcr(approver.mfa().acr());
            approval.setMfaAt(approver.mfa().authenticatedAt().map(Instant::toEpochMilli).orElse(null));
            approval.setSourceIp(approver.sourceIp());
            em.persist(approval);
            request.getApprovals().add(approval);

            if (outcome.status() == RequestStatus.PENDING) {
                audit.append(AuditDraft.of(AuditAction.APPROVAL_RECORDED).actor(approver).request(request)
                        .reason(approvalsOf(request) + " of " + request.getRequiredApprovals() + " approvals: " + outcome.approval().comment()));
                return request;
            }
            request.setStatus(outcome.status().name());
            request.setDecidedAt(now);
            if (outcome.status() == RequestStatus.DENIED) {
                audit.append(AuditDraft.of(AuditAction.REQUEST_DENIED).actor(approver).request(request).reason(outcome.approval().comment()));
                Notifications.record(session, realm.getId(), request.getRequesterId(), Notifications.Kind.REQUEST_DENIED,
                        request.getId(), null, now);
                return request;
            }
            Notifications.record(session, realm.getId(), request.getRequesterId(), Notifications.Kind.REQUEST_APPROVED,
                    request.getId(), null, now);
            audit.append(AuditDraft.of(AuditAction.REQUEST_APPROVED).actor(approver).request(request).reason(outcome.approval().comment()));
            grants.start(request, resolved.targetRole(), requesterUser, now, approver);
            return request;
        } catch (Refusal refusal) {
            audit.append(AuditDraft.of(AuditAction.DECISION_REFUSED).actor(approver).request(request)
                    .reason(verdict.name().toLowerCase() + " refused: " + refusal.reason().code() + ": " + refusal.getMessage()));
            throw refusal;
        }
    }

    /**
     * At the last approval the rules are checked again against the policy as it is now: the role asked for is
     * still its target, the duration still within its maximum, the requester still exists, is enabled,
     * eligible and within the active-grant limit. Otherwise the decision is refused and the request stays
     * pending (fail closed).
     */
    private void checkStillGrantable(RequestEntity request, ResolvedPolicy resolved, UserModel requester, long now) {
        Policy policy = resolved.policy();
        boolean sameRole = policy.role().name().equals(request.getRoleName())
                && policy.role().clientId().orElse("").equals(request.getRoleClientId() == null ? "" : request.getRoleClientId());
        if (!sameRole) {
            throw new Refusal(Refusal.Reason.POLICY_UNRESOLVED, "The policy now grants another role than the one requested;"
                    + " the requester must ask again.");
        }
        if (request.getDurationSeconds() > policy.duration().maxDuration().getSeconds()) {
            throw new Refusal(Refusal.Reason.DURATION_TOO_LONG, "The policy's maximum duration is now shorter than the one requested;"
                    + " the requester must ask again.");
        }
        if (requester == null || !requester.isEnabled()) {
            throw new Refusal(Refusal.Reason.ILLEGAL_TRANSITION, "The requester no longer exists or is disabled.");
        }
        if (!policy.eligibility().admits(new UserSubject(session, realm, requester))) {
            throw new Refusal(Refusal.Reason.NOT_ELIGIBLE, "The requester is no longer eligible for this policy.");
        }
        long active = em.createNamedQuery("jitCountActiveGrantsOfUserUnderPolicy", Long.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", requester.getId())
                .setParameter("policyId", policy.id()).setParameter("now", now).getSingleResult();
        if (active >= policy.maxActiveGrants()) {
            throw new Refusal(Refusal.Reason.TOO_MANY_ACTIVE_GRANTS, "The requester already holds the most active grants this"
                    + " policy allows; approve again when one has ended.");
        }
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
                    .reason("revocation refused: " + refusal.reason().code() + ": " + refusal.getMessage()));
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
        boolean endSessions = RealmPolicies.find(realm, grant.getPolicyId()).flatMap(RealmPolicies.Entry::policy)
                .map(Policy::endSessionsOnRevoke).orElse(true);
        if (!endSessions) {
            return;
        }
        var context = session.getContext();
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(userSession ->
                AuthenticationManager.backchannelLogout(session, realm, userSession, context.getUri(), context.getConnection(),
                        context.getRequestHeaders(), true));
        session.sessions().getOfflineUserSessionsStream(realm, user).toList()
                .forEach(offline -> session.sessions().removeOfflineUserSession(realm, offline));
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

    private ResolvedPolicy policy(String policyId) {
        RealmPolicies.Entry entry = RealmPolicies.find(realm, policyId).orElseThrow(() ->
                new Refusal(Refusal.Reason.NOT_FOUND, "No policy '" + policyId + "' in this realm."));
        if (entry.problem().isPresent()) {
            throw new Refusal(Refusal.Reason.POLICY_UNRESOLVED, entry.problem().get().getMessage());
        }
        return ResolvedPolicy.resolve(session, realm, entry.policy().get());
    }

    private RequestEntity lockedRequest(String requestId) {
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

    private Refusal refuseRead(Caller caller, String id) {
        audit.append(AuditDraft.of(AuditAction.ACCESS_REFUSED).actor(caller).subject(caller.userId(), caller.username())
                .requestId(StoredText.id(id)).reason("not found or not the caller's: " + StoredText.fit(id, 100)));
        return new Refusal(Refusal.Reason.NOT_FOUND, "No such request or grant, or it is not yours.");
    }

    static PendingRequest pending(RequestEntity request) {
        List<Approval> approvals = request.getApprovals().stream().map(a -> new Approval(a.getApproverId(),
                a.getApproverName(), Verdict.valueOf(a.getVerdict()), a.getComment(), Instant.ofEpochMilli(a.getDecidedAt())))
                .toList();
        return new PendingRequest(request.getId(), request.getRequesterId(), RequestStatus.valueOf(request.getStatus()),
                Instant.ofEpochMilli(request.getExpiresAt()), approvals);
    }

    private static long approvalsOf(RequestEntity request) {
        return request.getApprovals().stream().filter(a -> a.getVerdict().equals(Verdict.APPROVE.name())).count();
    }
}
