package io.jitaccess.core;

/** The life of a grant: ACTIVE, then EXPIRED at its end or REVOKED before it. */
public enum GrantStatus {
    ACTIVE,
    EXPIRED,
    REVOKED;

    public boolean canMoveTo(GrantStatus next) {
        return this == ACTIVE && (next == EXPIRED || next == REVOKED);
    }

    /** @throws Refusal ILLEGAL_TRANSITION */
    public GrantStatus moveTo(GrantStatus next) {
        if (!canMoveTo(next)) {
            throw new Refusal(
                    Refusal.Reason.ILLEGAL_TRANSITION,
                    "The grant is " + name().toLowerCase() + " and cannot become "
                            + next.name().toLowerCase() + ".");
        }
        return next;
    }
}
