package io.jitaccess.core;

import java.time.Instant;

/**
 * Decides requests: M distinct approvers must approve, one denial ends the request, the requester never
 * counts, nobody decides twice, and every approver proves a fresh second factor.
 */
public final class Quorum {

    /** The recorded decision and the request's state after it. */
    public record Outcome(Approval approval, RequestStatus status) {}

    private final Policy policy;

    public Quorum(Policy policy) {
        this.policy = policy;
    }

    /**
     * Whether {@code approver} may decide {@code request} at all (shown in "waiting for me").
     */
    public boolean mayDecide(Subject approver, PendingRequest request) {
        return request.status() == RequestStatus.PENDING
                && !approver.id().equals(request.requesterId())
                && policy.approval().isApprover(approver)
                && request.approvals().stream().noneMatch(a -> a.approverId().equals(approver.id()));
    }

    /**
     * Whether {@code caller} may see the request at all: its requester, an approver of the policy now, or someone who
     * decided it. Anyone else is answered as for a request that does not exist.
     */
    public static boolean maySee(Subject caller, PendingRequest request, Policy policyNow) {
        return caller.id().equals(request.requesterId())
                || (policyNow != null && policyNow.approval().isApprover(caller))
                || request.approvals().stream().anyMatch(a -> a.approverId().equals(caller.id()));
    }

    /**
     * @throws Refusal SELF_APPROVAL, NOT_APPROVER, ILLEGAL_TRANSITION (not pending, or lapsed),
     *                 ALREADY_DECIDED, COMMENT_REQUIRED (a denial needs a reason), STALE_MFA
     */
    public Outcome decide(
            PendingRequest request, Subject approver, Verdict verdict, String comment, MfaEvidence mfa, Instant now) {
        if (approver.id().equals(request.requesterId())) {
            throw new Refusal(Refusal.Reason.SELF_APPROVAL, "Nobody may approve or deny their own request.");
        }
        if (!policy.approval().isApprover(approver)) {
            throw new Refusal(
                    Refusal.Reason.NOT_APPROVER, "You are not an approver of policy '" + policy.name() + "'.");
        }
        if (request.status() != RequestStatus.PENDING) {
            throw new Refusal(
                    Refusal.Reason.ILLEGAL_TRANSITION,
                    "The request is already " + request.status().name().toLowerCase() + ".");
        }
        if (!now.isBefore(request.expiresAt())) {
            throw new Refusal(Refusal.Reason.ILLEGAL_TRANSITION, "The request lapsed before a decision.");
        }
        if (request.approvals().stream().anyMatch(a -> a.approverId().equals(approver.id()))) {
            throw new Refusal(Refusal.Reason.ALREADY_DECIDED, "You have already decided this request.");
        }
        String text = TextRule.comment().check(comment);
        if (verdict == Verdict.DENY && text.isEmpty()) {
            throw new Refusal(Refusal.Reason.COMMENT_REQUIRED, "Say why you deny the request.");
        }
        mfa.checkFresh(policy.approverMfaMaxAgeSeconds(), now, "An approver");
        Approval approval = new Approval(approver.id(), approver.username(), verdict, text, now);
        if (verdict == Verdict.DENY) {
            return new Outcome(approval, RequestStatus.PENDING.moveTo(RequestStatus.DENIED));
        }
        long approvals = request.approvals().stream()
                        .filter(a -> a.verdict() == Verdict.APPROVE)
                        .count()
                + 1;
        RequestStatus next = approvals >= policy.approval().required() ? RequestStatus.APPROVED : RequestStatus.PENDING;
        return new Outcome(approval, next);
    }
}
