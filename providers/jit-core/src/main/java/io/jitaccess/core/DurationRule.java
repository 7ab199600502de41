package io.jitaccess.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** How long a grant may last: the default offered and the maximum allowed. */
public record DurationRule(Duration defaultDuration, Duration maxDuration) {

    public DurationRule {
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("the maximum duration must be positive");
        }
        if (defaultDuration.isNegative() || defaultDuration.isZero() || defaultDuration.compareTo(maxDuration) > 0) {
            throw new IllegalArgumentException("the default duration must be positive and at most the maximum");
        }
    }

    /**
     * The duration a request asks for: ISO-8601 text such as {@code PT30M}, or the default when blank.
     *
     * @throws Refusal DURATION_INVALID when unreadable or not positive, DURATION_TOO_LONG above the maximum
     */
    public Duration resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultDuration;
        }
        Duration duration;
        try {
            duration = Duration.parse(requested.strip());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new Refusal(
                    Refusal.Reason.DURATION_INVALID,
                    "The duration must be an ISO-8601 duration such as PT30M or PT2H.");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new Refusal(Refusal.Reason.DURATION_INVALID, "The duration must be longer than zero.");
        }
        if (duration.compareTo(maxDuration) > 0) {
            throw new Refusal(
                    Refusal.Reason.DURATION_TOO_LONG,
                    "The duration " + Durations.human(duration) + " is longer than this policy allows ("
                            + Durations.human(maxDuration) + ").");
        }
        return duration;
    }
}
