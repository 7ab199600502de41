package io.jitaccess.core;

import java.time.Duration;

/**
 * One just-in-time access policy: what it grants (a role or a group membership, pinned to its id), who may ask, who approves, and the
 * rules a request must meet. Read from the realm by {@link PolicyReader}.
 */
public record Policy(
        String id,
        String name,
        Target target,
        String description,
        Eligibility eligibility,
        ApprovalRule approval,
        DurationRule duration,
        long requesterMfaMaxAgeSeconds,
        long approverMfaMaxAgeSeconds,
        TextRule justification,
        TextRule ticket,
        AllowedHours hours,
        AllowedNetworks networks,
        int maxActiveGrants,
        int maxPendingRequests,
        Duration pendingTtl,
        boolean endSessionsOnRevoke) {}
