package io.jitaccess.core;

import java.time.Instant;
import java.util.List;

/** What a decision needs to know about a request: whose it is, its state, when it lapses, who decided so far. */
public record PendingRequest(
        String id, String requesterId, RequestStatus status, Instant expiresAt, List<Approval> approvals) {

    public PendingRequest {
        approvals = List.copyOf(approvals);
    }
}
