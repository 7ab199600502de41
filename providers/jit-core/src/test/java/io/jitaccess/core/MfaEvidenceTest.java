package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given what a token says about its holder's second factor")
class MfaEvidenceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T10:00:00Z");

    private static MfaEvidence secondFactor(Instant at) {
        return new MfaEvidence(2, "2", Optional.of(at));
    }

    private static Refusal.Reason refusalOf(MfaEvidence mfa, long maxAge) {
        return assertThrows(Refusal.class, () -> mfa.checkFresh(maxAge, NOW, "The requester"))
                .reason();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1})
    @DisplayName("when the level is below 2, then it is refused with STALE_MFA whatever the freshness setting")
    void levelBelowTwoRefused(int level) {
        MfaEvidence mfa = new MfaEvidence(level, Integer.toString(level), Optional.of(NOW));

        assertFalse(mfa.hasSecondFactor());
        assertEquals(Refusal.Reason.STALE_MFA, refusalOf(mfa, 0));
        assertEquals(Refusal.Reason.STALE_MFA, refusalOf(mfa, 300));
        Refusal refusal = assertThrows(Refusal.class, () -> mfa.checkFresh(0, NOW, "An approver"));
        assertEquals(
                "An approver must sign in with a second factor (OTP or security key) first.", refusal.getMessage());
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.reason().kind());
    }

    @Test
    @DisplayName("when there is no evidence at all, then it is refused with STALE_MFA")
    void noneRefused() {
        assertEquals(Refusal.Reason.STALE_MFA, refusalOf(MfaEvidence.NONE, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    @DisplayName(
            "when the maximum age is 0 and the level is 2 or more, then any authentication time is accepted, even none")
    void maxAgeZeroAcceptsAnyTime(int level) {
        assertTrue(new MfaEvidence(level, "x", Optional.empty()).hasSecondFactor());
        assertDoesNotThrow(() -> new MfaEvidence(level, "x", Optional.empty()).checkFresh(0, NOW, "The requester"));
        assertDoesNotThrow(() -> new MfaEvidence(level, "x", Optional.of(Instant.parse("2000-01-01T00:00:00Z")))
                .checkFresh(0, NOW, "The requester"));
        assertDoesNotThrow(() -> new MfaEvidence(level, "x", Optional.of(NOW)).checkFresh(0, NOW, "The requester"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 60, 300, 86_400})
    @DisplayName("when the maximum age is N seconds, then a second factor exactly N seconds old is accepted")
    void exactlyMaxAgeAccepted(long maxAge) {
        assertDoesNotThrow(() -> secondFactor(NOW.minusSeconds(maxAge)).checkFresh(maxAge, NOW, "The requester"));
        assertDoesNotThrow(() -> secondFactor(NOW).checkFresh(maxAge, NOW, "The requester"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 60, 300, 86_400})
    @DisplayName("when the maximum age is N seconds, then a second factor N+1 seconds old is refused with STALE_MFA")
    void olderThanMaxAgeRefused(long maxAge) {
        assertEquals(Refusal.Reason.STALE_MFA, refusalOf(secondFactor(NOW.minusSeconds(maxAge + 1)), maxAge));
    }

    @Test
    @DisplayName(
            "when the maximum age is N seconds and the second factor is N seconds and a millisecond old, then it is refused")
    void justOverMaxAgeRefused() {
        assertEquals(
                Refusal.Reason.STALE_MFA,
                refusalOf(secondFactor(NOW.minusSeconds(300).minusMillis(1)), 300));
    }

    @Test
    @DisplayName("when a maximum age is set and the authentication time is missing, then it is refused with STALE_MFA")
    void missingTimeRefused() {
        MfaEvidence mfa = new MfaEvidence(2, "2", Optional.empty());

        Refusal refusal = assertThrows(Refusal.class, () -> mfa.checkFresh(300, NOW, "The requester"));

        assertEquals(Refusal.Reason.STALE_MFA, refusal.reason());
        assertEquals(
                "The requester must confirm the second factor again: it must be at most 5 min old.",
                refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 60, 300})
    @DisplayName("when a second factor is refused as stale, then the refusal names the freshness a step-up must reach")
    void refusalCarriesTheRequiredFreshness(long maxAge) {
        Refusal missing = assertThrows(Refusal.class, () -> new MfaEvidence(1, "password", Optional.of(NOW))
                .checkFresh(maxAge, NOW, "An approver"));
        assertEquals(maxAge, missing.requiredMfaMaxAge().orElseThrow());
        if (maxAge > 0) {
            Refusal old = assertThrows(Refusal.class, () -> secondFactor(NOW.minusSeconds(maxAge + 1))
                    .checkFresh(maxAge, NOW, "An approver"));
            assertEquals(maxAge, old.requiredMfaMaxAge().orElseThrow());
        }
    }

    @Test
    @DisplayName("when a refusal is not about the second factor, then it names no freshness")
    void otherRefusalsCarryNoFreshness() {
        assertTrue(new Refusal(Refusal.Reason.NOT_ELIGIBLE, "no")
                .requiredMfaMaxAge()
                .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 60})
    @DisplayName("when asked without throwing, then isFresh agrees with checkFresh")
    void isFreshAgreesWithCheckFresh(long maxAge) {
        assertTrue(secondFactor(NOW).isFresh(maxAge, NOW));
        assertFalse(new MfaEvidence(1, "password", Optional.of(NOW)).isFresh(maxAge, NOW));
        assertFalse(MfaEvidence.NONE.isFresh(maxAge, NOW));
        assertEquals(maxAge == 0, secondFactor(NOW.minusSeconds(61)).isFresh(maxAge, NOW));
    }
}
