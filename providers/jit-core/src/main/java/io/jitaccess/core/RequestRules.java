package io.jitaccess.core;

import java.time.Instant;

/** The rules a new request must meet under a policy, checked in the order a person would want to hear them. */
public final class RequestRules {

    private final Policy policy;

    public RequestRules(Policy policy) {
        this.policy = policy;
    }

    /**
     * @throws Refusal the first rule the request breaks: NOT_ELIGIBLE, OUTSIDE_HOURS, NETWORK_NOT_ALLOWED,
     *                 STALE_MFA, DURATION_*, JUSTIFICATION_*, TICKET_*, TOO_MANY_PENDING, TOO_MANY_ACTIVE_GRANTS
     */
    public AdmittedRequest admit(Subject requester, RequestDraft draft, RequestContext context) {
        AdmittedRequest admitted = check(requester, draft, context.now(), context.sourceIp(), context.mfa());
        checkLimits(context.pendingRequests(), context.activeGrants());
        return admitted;
    }

    /**
     * Every rule but the per-user limits, which need counts read under the ledger's lock: this part runs the
     * policy's patterns on the requester's text, and needs no lock.
     *
     * @throws Refusal NOT_ELIGIBLE, OUTSIDE_HOURS, NETWORK_NOT_ALLOWED, STALE_MFA, DURATION_*, JUSTIFICATION_*, TICKET_*
     */
    public AdmittedRequest check(Subject requester, RequestDraft draft, Instant now, String sourceIp, MfaEvidence mfa) {
        if (!policy.eligibility().admits(requester)) {
            throw new Refusal(Refusal.Reason.NOT_ELIGIBLE, "You are not eligible for policy '" + policy.name() + "'.");
        }
        policy.hours().check(now);
        policy.networks().check(sourceIp);
        if (requester.serviceAccountClientId().isEmpty()) {
            // machines prove themselves with their client credentials; people with a second factor
            mfa.checkFresh(policy.requesterMfaMaxAgeSeconds(), now, "The requester");
        }
        var duration = policy.duration().resolve(draft.duration());
        String justification = policy.justification().check(draft.justification());
        String ticket = policy.ticket().check(draft.ticket());
        return new AdmittedRequest(
                duration,
                justification,
                ticket,
                now.plus(policy.pendingTtl()),
                policy.approval().autoApprove());
    }

    /** @throws Refusal TOO_MANY_PENDING, TOO_MANY_ACTIVE_GRANTS */
    public void checkLimits(long pendingRequests, long activeGrants) {
        if (pendingRequests >= policy.maxPendingRequests()) {
            throw new Refusal(
                    Refusal.Reason.TOO_MANY_PENDING,
                    "You already have " + pendingRequests
                            + " pending request(s) under this policy; wait for a decision or cancel one.");
        }
        if (activeGrants >= policy.maxActiveGrants()) {
            throw new Refusal(
                    Refusal.Reason.TOO_MANY_ACTIVE_GRANTS,
                    "You already hold " + activeGrants + " active grant(s) under this policy.");
        }
    }

    /**
     * At the last approval the rules are checked again against the policy as it is now: the role asked for is still
     * its target, the duration within its maximum, the requester still there, enabled and eligible. Then (after the
     * glue has checked that the policy's saver may still grant to the requester) {@link #checkActiveAtLastApproval}.
     * Otherwise the decision is refused and the request stays pending (fail closed).
     *
     * @throws Refusal ILLEGAL_TRANSITION, DURATION_TOO_LONG, NOT_ELIGIBLE
     */
    public void checkAtLastApproval(
            boolean sameRole, java.time.Duration asked, Subject requester, boolean requesterEnabled) {
        if (!sameRole) {
            throw new Refusal(
                    Refusal.Reason.ILLEGAL_TRANSITION,
                    "The policy now grants another role than the one requested;" + " the requester must ask again.");
        }
        if (asked.compareTo(policy.duration().maxDuration()) > 0) {
            throw new Refusal(
                    Refusal.Reason.DURATION_TOO_LONG,
                    "The policy's maximum duration is now shorter than the one requested;"
                            + " the requester must ask again.");
        }
        if (requester == null || !requesterEnabled) {
            throw new Refusal(Refusal.Reason.ILLEGAL_TRANSITION, "The requester no longer exists or is disabled.");
        }
        if (!policy.eligibility().admits(requester)) {
            throw new Refusal(Refusal.Reason.NOT_ELIGIBLE, "The requester is no longer eligible for this policy.");
        }
    }

    /**
     * The last of the checks at the last approval: the requester is under the policy's active-grant limit.
     *
     * @throws Refusal TOO_MANY_ACTIVE_GRANTS
     */
    public void checkActiveAtLastApproval(long activeGrants) {
        if (activeGrants >= policy.maxActiveGrants()) {
            throw new Refusal(
                    Refusal.Reason.TOO_MANY_ACTIVE_GRANTS,
                    "The requester already holds the most active grants this"
                            + " policy allows; approve again when one has ended.");
        }
    }
}
