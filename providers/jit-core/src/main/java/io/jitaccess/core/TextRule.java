package io.jitaccess.core;

import com.google.re2j.Pattern;
import java.util.Optional;

/**
 * A free-text field (a request's justification and ticket, an approver's comment, a reason for ending a grant):
 * required or not, a pattern, a hint, a length cap. Markup is text like any other and kept verbatim; control
 * characters and broken UTF-16 (which PostgreSQL cannot store, and no person types) are refused.
 */
public record TextRule(
        String field,
        boolean required,
        Optional<Pattern> pattern,
        String hint,
        int maxLength,
        Refusal.Reason missing,
        Refusal.Reason invalid) {

    public static TextRule justification(boolean required, Optional<Pattern> pattern, String hint) {
        return new TextRule(
                "justification",
                required,
                pattern,
                hint,
                2000,
                Refusal.Reason.JUSTIFICATION_REQUIRED,
                Refusal.Reason.JUSTIFICATION_INVALID);
    }

    public static TextRule ticket(boolean required, Optional<Pattern> pattern, String hint) {
        return new TextRule(
                "ticket", required, pattern, hint, 200, Refusal.Reason.TICKET_REQUIRED, Refusal.Reason.TICKET_INVALID);
    }

    /** An approver's comment: optional here (a denial's need for one is the quorum's rule), at most 2000 characters. */
    public static TextRule comment() {
        return new TextRule(
                "comment",
                false,
                Optional.empty(),
                "",
                2000,
                Refusal.Reason.INVALID_INPUT,
                Refusal.Reason.INVALID_INPUT);
    }

    /** A reason for ending a grant early, at most 2000 characters; {@code required} for admins. */
    public static TextRule reason(boolean required) {
        return new TextRule(
                "reason",
                required,
                Optional.empty(),
                "give it in the field 'reason'",
                2000,
                Refusal.Reason.INVALID_INPUT,
                Refusal.Reason.INVALID_INPUT);
    }

    /** The value to store (stripped; empty when none given), or a refusal. Markup is kept verbatim. */
    public String check(String value) {
        String text = value == null ? "" : value.strip();
        if (text.isEmpty()) {
            if (required) {
                throw new Refusal(missing, "A " + field + " is required" + hintSuffix());
            }
            return "";
        }
        if (text.length() > maxLength) {
            throw new Refusal(invalid, "The " + field + " is longer than " + maxLength + " characters.");
        }
        if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new Refusal(invalid, "The " + field + " contains control characters.");
        }
        if (!wellFormed(text)) {
            throw new Refusal(invalid, "The " + field + " contains broken characters (an unpaired UTF-16 surrogate).");
        }
        if (pattern.isPresent() && !pattern.get().matcher(text).matches()) {
            throw new Refusal(invalid, "The " + field + " does not have the expected form" + hintSuffix());
        }
        return text;
    }

    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private String hintSuffix() {
        return hint == null || hint.isBlank() ? "." : ": " + hint;
    }
}
