package io.jitaccess.core;

import java.util.Optional;
import java.util.regex.Pattern;

/** A free-text field of a request (justification, ticket): required or not, a pattern, a hint, a length cap. */
public record TextRule(String field, boolean required, Optional<Pattern> pattern, String hint, int maxLength,
        Refusal.Reason missing, Refusal.Reason invalid) {

    public static TextRule justification(boolean required, Optional<Pattern> pattern, String hint) {
        return new TextRule("justification", required, pattern, hint, 2000,
                Refusal.Reason.JUSTIFICATION_REQUIRED, Refusal.Reason.JUSTIFICATION_INVALID);
    }

    public static TextRule ticket(boolean required, Optional<Pattern> pattern, String hint) {
        return new TextRule("ticket", required, pattern, hint, 200,
                Refusal.Reason.TICKET_REQUIRED, Refusal.Reason.TICKET_INVALID);
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
        if (pattern.isPresent() && !pattern.get().matcher(text).matches()) {
            throw new Refusal(invalid, "The " + field + " does not have the expected form" + hintSuffix());
        }
        return text;
    }

    private String hintSuffix() {
        return hint == null || hint.isBlank() ? "." : ": " + hint;
    }
}
