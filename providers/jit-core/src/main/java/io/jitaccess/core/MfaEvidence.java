package io.jitaccess.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a token says about how its holder authenticated: the level of authentication reached (from
 * {@code acr}; 2 means a second factor) and when that happened.
 */
public record MfaEvidence(int level, String acr, Optional<Instant> authenticatedAt) {

    /** The level that means "a second factor succeeded". */
    public static final int SECOND_FACTOR_LEVEL = 2;

    public static final MfaEvidence NONE = new MfaEvidence(0, "", Optional.empty());

    public boolean hasSecondFactor() {
        return level >= SECOND_FACTOR_LEVEL;
    }

    /**
     * @param maxAgeSeconds 0: a second factor in the current login is enough; more: it must also be at most
     *                      this old
     */
    public boolean isFresh(long maxAgeSeconds, Instant now) {
        if (!hasSecondFactor()) {
            return false;
        }
        return maxAgeSeconds <= 0
                || authenticatedAt
                        .map(at -> !at.plusSeconds(maxAgeSeconds).isBefore(now))
                        .orElse(false);
    }

    /**
     * @param maxAgeSeconds as for {@link #isFresh(long, Instant)}
     * @throws Refusal STALE_MFA, carrying {@code maxAgeSeconds} so that a client can step up to it
     */
    public void checkFresh(long maxAgeSeconds, Instant now, String who) {
        if (!hasSecondFactor()) {
            throw Refusal.staleMfa(
                    who + " must sign in with a second factor (OTP or security key) first.", maxAgeSeconds);
        }
        if (!isFresh(maxAgeSeconds, now)) {
            throw Refusal.staleMfa(
                    who + " must confirm the second factor again: it must be at most "
                            + Durations.human(Duration.ofSeconds(maxAgeSeconds)) + " old.",
                    maxAgeSeconds);
        }
    }
}
