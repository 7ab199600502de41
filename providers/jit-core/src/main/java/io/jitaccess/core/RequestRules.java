package io.jitaccess.core;

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
        if (!policy.eligibility().admits(requester)) {
            throw new Refusal(Refusal.Reason.NOT_ELIGIBLE, "You are not eligible for policy '" + policy.name() + "'.");
        }
        policy.hours().check(context.now());
        policy.networks().check(context.sourceIp());
        if (requester.serviceAccountClientId().isEmpty()) {
            // machines prove themselves with their client credentials; people with a second factor
            context.mfa().checkFresh(policy.requesterMfaMaxAgeSeconds(), context.now(), "The requester");
        }
        var duration = policy.duration().resolve(draft.duration());
        String justification = policy.justification().check(draft.justification());
        String ticket = policy.ticket().check(draft.ticket());
        if (context.pendingRequests() >= policy.maxPendingRequests()) {
            throw new Refusal(Refusal.Reason.TOO_MANY_PENDING, "You already have " + context.pendingRequests()
                    + " pending request(s) under this policy; wait for a decision or cancel one.");
        }
        if (context.activeGrants() >= policy.maxActiveGrants()) {
            throw new Refusal(Refusal.Reason.TOO_MANY_ACTIVE_GRANTS, "You already hold " + context.activeGrants()
                    + " active grant(s) under this policy.");
        }
        return new AdmittedRequest(duration, justification, ticket, context.now().plus(policy.pendingTtl()),
                policy.approval().autoApprove());
    }
}
