package io.jitaccess.keycloak.audit;

/** What an audit entry records. docs/events.md lists each with its meaning. */
public enum AuditAction {
    REQUEST_CREATED,
    REQUEST_REFUSED,
    REQUEST_CANCELLED,
    APPROVAL_RECORDED,
    REQUEST_APPROVED,
    REQUEST_DENIED,
    REQUEST_EXPIRED,
    DECISION_REFUSED,
    GRANT_STARTED,
    GRANT_EXPIRED,
    GRANT_REVOKED,
    GRANT_MADE_STANDING,
    ACCESS_REFUSED,
    ALL_GRANTS_ENDED,
    NOTIFICATION_FAILED,
    STANDING_MADE_ELIGIBLE,
    /** The realm's chain head went missing or fell behind; it was rebuilt from the last entry (see AuditChain). */
    AUDIT_HEAD_REBUILT,
    /** The token cap was found missing from a client or client scope that puts roles into tokens, and was added again. */
    TOKEN_CAP_RESTORED;

    /** The name used in events and exports, e.g. {@code jit_request_created}. */
    public String eventName() {
        return "jit_" + name().toLowerCase(java.util.Locale.ROOT);
    }
}
