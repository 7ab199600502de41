package io.jitaccess.core;

import java.time.Instant;

/**
 * Facts about the moment of a request: the time, where it came from, the requester's MFA, and how many
 * pending requests and active grants of this policy the requester already has.
 */
public record RequestContext(Instant now, String sourceIp, MfaEvidence mfa, long pendingRequests, long activeGrants) {}
