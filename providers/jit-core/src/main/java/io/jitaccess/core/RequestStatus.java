package io.jitaccess.core;

import java.util.Set;

/** The life of an access request: PENDING, then exactly one of APPROVED, DENIED, CANCELLED or EXPIRED. */
public enum RequestStatus {
    PENDING,
    APPROVED,
    DENIED,
    CANCELLED,
    EXPIRED;

    public boolean isFinal() {
        return this != PENDING;
    }

    public boolean canMoveTo(RequestStatus next) {
        return this == PENDING && Set.of(APPROVED, DENIED, CANCELLED, EXPIRED).contains(next);
    }

    /** @throws Refusal ILLEGAL_TRANSITION */
    public RequestStatus moveTo(RequestStatus next) {
        if (!canMoveTo(next)) {
            throw new Refusal(
                    Refusal.Reason.ILLEGAL_TRANSITION,
                    "The request is " + name().toLowerCase() + " and cannot become "
                            + next.name().toLowerCase() + ".");
        }
        return next;
    }
}
