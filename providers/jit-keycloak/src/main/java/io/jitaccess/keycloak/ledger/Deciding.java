package io.jitaccess.keycloak.ledger;

import io.jitaccess.core.Approval;
import io.jitaccess.core.PendingRequest;
import io.jitaccess.core.Policy;
import io.jitaccess.core.Quorum;
import io.jitaccess.core.Refusal;
import io.jitaccess.core.RequestRules;
import io.jitaccess.core.RequestStatus;
import io.jitaccess.core.Verdict;
import io.jitaccess.keycloak.audit.AuditAction;
import io.jitaccess.keycloak.audit.AuditDraft;
import io.jitaccess.keycloak.audit.AuditTrail;
import io.jitaccess.keycloak.store.ApprovalEntity;
import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RequestEntity;
import io.jitaccess.keycloak.store.RequestStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The approvers' side of the ledger: what waits for whom, and decisions, each audited in the same transaction
 * as the change (refusals too, then rethrown for the caller to answer).
 */
public final class Deciding {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Ledger ledger;
    private final RequestStore requests;
    private final GrantStore grants;
    private final AuditTrail audit;

    Deciding(KeycloakSession session, RealmModel realm, Ledger ledger) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.requests = new RequestStore(session);
        this.grants = new GrantStore(session);
        this.audit = ledger.audit();
    }

    private static long now() {
        return Ledger.now();
    }

    /**
     * Every pending request the caller may decide now, however many others wait: only the pending requests of the
     * policies they approve are read (with their approvals, in one query per 500 policies), each policy read once.
     */
    public List<RequestEntity> decidableBy(Caller caller) {
        Map<String, Policy> approved = new LinkedHashMap<>();
        for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
            entry.policy()
                    .filter(p -> p.approval().isApprover(caller.subject()))
                    .ifPresent(p -> approved.put(entry.id(), p));
        }
        List<String> ids = new ArrayList<>(approved.keySet());
        List<RequestEntity> decidable = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            requests.openUnderPolicies(realm.getId(), ids.subList(i, Math.min(ids.size(), i + 500)), now()).stream()
                    .filter(request -> new Quorum(approved.get(request.getPolicyId()))
                            .mayDecide(caller.subject(), pending(request)))
                    .forEach(decidable::add);
        }
        decidable.sort(java.util.Comparator.comparingLong(RequestEntity::getCreatedAt));
        return decidable;
    }

    /** How fresh an approver's second factor must be to decide {@code request} (its policy's setting), if the policy exists. */
    public Optional<Long> approverMfaMaxAge(RequestEntity request) {
        return RealmPolicies.readable(realm, request.getPolicyId()).map(Policy::approverMfaMaxAgeSeconds);
    }

    boolean mayDecide(Caller caller, RequestEntity request) {
        Optional<Policy> policy = RealmPolicies.readable(realm, request.getPolicyId());
        return policy.isPresent() && new Quorum(policy.get()).mayDecide(caller.subject(), pending(request));
    }

    public RequestEntity decide(Caller approver, String requestId, Verdict verdict, String comment) {
        audit.lockHead();
        RequestEntity request = requests.locked(realm.getId(), requestId);
        if (request == null) {
            throw ledger.refuseRead(approver, requestId);
        }
        Optional<Policy> current = RealmPolicies.readable(realm, request.getPolicyId());
        boolean requester = request.getRequesterId().equals(approver.userId());
        if (!Quorum.maySee(approver.subject(), pending(request), current.orElse(null))) {
            // not theirs to see: the same answer as for an id that does not exist
            throw ledger.refuseRead(approver, requestId);
        }
        try {
            if (current.isEmpty()) {
                throw requester
                        ? new Refusal(Refusal.Reason.SELF_APPROVAL, "Nobody may approve or deny their own request.")
                        : new Refusal(Refusal.Reason.NOT_APPROVER, "You are not an approver of this request.");
            }
            long now = now();
            Quorum.Outcome outcome = new Quorum(current.get())
                    .decide(
                            pending(request),
                            approver.subject(),
                            verdict,
                            comment,
                            approver.mfa(),
                            Instant.ofEpochMilli(now));
            UserModel requesterUser = session.users().getUserById(realm, request.getRequesterId());
            ResolvedPolicy resolved = outcome.status() == RequestStatus.APPROVED ? grantablePolicy(request) : null;
            if (resolved != null) {
                checkStillGrantable(request, resolved, requesterUser, now);
            }
            ApprovalEntity approval = new ApprovalEntity();
            approval.setId(KeycloakModelUtils.generateId());
            approval.setApproverId(approver.userId());
            approval.setApproverName(approver.username());
            approval.setVerdict(verdict.name());
            approval.setComment(outcome.approval().comment());
            approval.setDecidedAt(now);
            approval.setMfaAcr(approver.mfa().acr());
            approval.setMfaAt(
                    approver.mfa().authenticatedAt().map(Instant::toEpochMilli).orElse(null));
            approval.setSourceIp(approver.sourceIp());
            requests.addApproval(request, approval);

            if (outcome.status() == RequestStatus.PENDING) {
                audit.append(AuditDraft.of(AuditAction.APPROVAL_RECORDED)
                        .actor(approver)
                        .request(request)
                        .reason(approvalsOf(request) + " of " + request.getRequiredApprovals() + " approvals: "
                                + outcome.approval().comment()));
                return request;
            }
            request.setStatus(outcome.status().name());
            request.setDecidedAt(now);
            if (outcome.status() == RequestStatus.DENIED) {
                audit.append(AuditDraft.of(AuditAction.REQUEST_DENIED)
                        .actor(approver)
                        .request(request)
                        .reason(outcome.approval().comment()));
                Notifications.record(
                        session,
                        realm.getId(),
                        request.getRequesterId(),
                        Notifications.Kind.REQUEST_DENIED,
                        request.getId(),
                        null,
                        now);
                return request;
            }
            Notifications.record(
                    session,
                    realm.getId(),
                    request.getRequesterId(),
                    Notifications.Kind.REQUEST_APPROVED,
                    request.getId(),
                    null,
                    now);
            audit.append(AuditDraft.of(AuditAction.REQUEST_APPROVED)
                    .actor(approver)
                    .request(request)
                    .reason(outcome.approval().comment()));
            ledger.grants().start(request, resolved.target(), requesterUser, now, approver);
            return request;
        } catch (Refusal refusal) {
            audit.append(AuditDraft.of(AuditAction.DECISION_REFUSED)
                    .actor(approver)
                    .request(request)
                    .reason(refusal.auditReason() + " (" + verdict.name().toLowerCase() + ")"));
            throw refusal;
        }
    }

    /**
     * At the last approval the rules are checked again against the policy as it is now (jit-core
     * {@code RequestRules}): the role or group asked for is still its target, the duration still within its maximum, the
     * requester still exists, is enabled, eligible and within the active-grant limit. Otherwise the decision is
     * refused and the request stays pending (fail closed).
     */
    private void checkStillGrantable(RequestEntity request, ResolvedPolicy resolved, UserModel requester, long now) {
        Policy policy = resolved.policy();
        GrantTarget target = resolved.target();
        boolean sameRole = target.kind() == GrantTarget.kindOf(request.getTargetKind())
                && (request.getRoleId() != null
                        ? request.getRoleId().equals(target.id())
                        // a request made before requests recorded the role's id
                        : target.name().equals(request.getRoleName())
                                && java.util.Objects.equals(target.clientId(), request.getRoleClientId()));
        RequestRules rules = new RequestRules(policy);
        rules.checkAtLastApproval(
                sameRole,
                java.time.Duration.ofSeconds(request.getDurationSeconds()),
                requester == null ? null : new UserSubject(session, realm, requester),
                requester != null && requester.isEnabled());
        if (!resolved.grantsTo(session, realm, requester)) {
            throw new Refusal(
                            Refusal.Reason.ILLEGAL_TRANSITION,
                            "The request's policy cannot grant anything now; an"
                                    + " administrator has to fix it before the last approval.")
                    .withDetail("its saver, " + resolved.saver().describe() + ", may not "
                            + GrantTarget.giveTo(resolved.target(), "the requester"));
        }
        rules.checkActiveAtLastApproval(
                grants.countRunningUnderPolicy(realm.getId(), requester.getId(), policy.id(), now));
    }

    /** The request's policy at its last approval, if it still grants; approvers learn that it does not, not why. */
    private ResolvedPolicy grantablePolicy(RequestEntity request) {
        RealmPolicies.Entry entry = RealmPolicies.find(realm, request.getPolicyId())
                .orElseThrow(() -> new Refusal(
                        Refusal.Reason.ILLEGAL_TRANSITION,
                        "The request's policy no longer exists; the requester must ask again."));
        try {
            return ResolvedPolicy.resolve(session, realm, entry);
        } catch (Refusal unusable) {
            throw new Refusal(
                            Refusal.Reason.ILLEGAL_TRANSITION,
                            "The request's policy cannot grant anything now; an"
                                    + " administrator has to fix it before the last approval.")
                    .withDetail(unusable.getMessage());
        }
    }

    static PendingRequest pending(RequestEntity request) {
        List<Approval> approvals = request.getApprovals().stream()
                .map(a -> new Approval(
                        a.getApproverId(),
                        a.getApproverName(),
                        Verdict.valueOf(a.getVerdict()),
                        a.getComment(),
                        Instant.ofEpochMilli(a.getDecidedAt())))
                .toList();
        return new PendingRequest(
                request.getId(),
                request.getRequesterId(),
                RequestStatus.valueOf(request.getStatus()),
                Instant.ofEpochMilli(request.getExpiresAt()),
                approvals);
    }

    private static long approvalsOf(RequestEntity request) {
        return request.getApprovals().stream()
                .filter(a -> a.getVerdict().equals(Verdict.APPROVE.name()))
                .count();
    }
}
