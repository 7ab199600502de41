package io.jitaccess.core;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A rule said no. Carries a stable {@link Reason} (what clients match on) and a human message (what people
 * read). Thrown by the domain, turned into an HTTP answer, a login-page message and an audit entry by the
 * Keycloak glue.
 */
public final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Broad kinds of refusal; each maps to one HTTP status. */
    public enum Kind {
        /** 400: the input itself is wrong. */
        BAD_INPUT,
        /** 403: the input is fine, but this caller may not do this now. */
        FORBIDDEN,
        /** 404: no such thing, or not the caller's to see. */
        NOT_FOUND,
        /** 409: the thing is not in a state that allows this. */
        CONFLICT,
        /** 429: the caller has too many of these already. */
        TOO_MANY
    }

    /** Why, as a stable code. */
    public enum Reason {
        INVALID_INPUT(Kind.BAD_INPUT),
        DURATION_INVALID(Kind.BAD_INPUT),
        DURATION_TOO_LONG(Kind.BAD_INPUT),
        JUSTIFICATION_REQUIRED(Kind.BAD_INPUT),
        JUSTIFICATION_INVALID(Kind.BAD_INPUT),
        TICKET_REQUIRED(Kind.BAD_INPUT),
        TICKET_INVALID(Kind.BAD_INPUT),
        COMMENT_REQUIRED(Kind.BAD_INPUT),
        NOT_ELIGIBLE(Kind.FORBIDDEN),
        NOT_APPROVER(Kind.FORBIDDEN),
        SELF_APPROVAL(Kind.FORBIDDEN),
        OUTSIDE_HOURS(Kind.FORBIDDEN),
        NETWORK_NOT_ALLOWED(Kind.FORBIDDEN),
        STALE_MFA(Kind.FORBIDDEN),
        POLICY_UNRESOLVED(Kind.FORBIDDEN),
        TOO_MANY_ACTIVE_GRANTS(Kind.CONFLICT),
        NOT_FOUND(Kind.NOT_FOUND),
        ILLEGAL_TRANSITION(Kind.CONFLICT),
        ALREADY_DECIDED(Kind.CONFLICT),
        TOO_MANY_PENDING(Kind.TOO_MANY);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        /** The code clients see, e.g. {@code stale_mfa}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;
    private final long mfaMaxAgeSeconds;
    private final String detail;

    public Refusal(Reason reason, String message) {
        this(reason, message, -1, null);
    }

    private Refusal(Reason reason, String message, long mfaMaxAgeSeconds, String detail) {
        super(Objects.requireNonNull(message));
        this.reason = Objects.requireNonNull(reason);
        this.mfaMaxAgeSeconds = mfaMaxAgeSeconds;
        this.detail = detail;
    }

    /** The same answer for the caller, with what only the audit trail (admins) may read about why. */
    public Refusal withDetail(String adminDetail) {
        return new Refusal(reason, getMessage(), mfaMaxAgeSeconds, adminDetail);
    }

    /** What admins may read about why, beyond the caller's answer. */
    public java.util.Optional<String> detail() {
        return java.util.Optional.ofNullable(detail);
    }

    /** The audit entry's reason: the code first, then the caller's message, then what only admins read. */
    public String auditReason() {
        return reason.code() + ": " + getMessage() + (detail == null ? "" : " [" + detail + "]");
    }

    /** STALE_MFA: the caller's second factor is missing or older than {@code maxAgeSeconds} (0: not in this login). */
    public static Refusal staleMfa(String message, long maxAgeSeconds) {
        return new Refusal(Reason.STALE_MFA, message, Math.max(0, maxAgeSeconds), null);
    }

    public Reason reason() {
        return reason;
    }

    /** For STALE_MFA: how fresh the second factor must be, in seconds (0: one in this login); empty otherwise. */
    public OptionalLong requiredMfaMaxAge() {
        return mfaMaxAgeSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(mfaMaxAgeSeconds);
    }
}
