package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given a duration rule with default 1 h and maximum 4 h")
class DurationRuleTest {

    private final DurationRule rule = new DurationRule(Duration.ofHours(1), Duration.ofHours(4));

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n"})
    @DisplayName("when the request names no duration, then the default applies")
    void blankMeansDefault(String requested) {
        assertEquals(Duration.ofHours(1), rule.resolve(requested));
    }

    @ParameterizedTest
    @CsvSource({
        "PT30M,      1800",
        "PT2H,       7200",
        "PT1H30M,    5400",
        "PT1S,       1",
        "PT4H,       14400",
        "PT240M,     14400",
        "P0DT3H,     10800",
        "pt15m,      900",
        "'  PT2H  ', 7200"
    })
    @DisplayName("when the request names a positive ISO-8601 duration up to the maximum, then it is accepted as is")
    void isoDurationAccepted(String requested, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), rule.resolve(requested));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT4H0.001S", "PT4H1S", "PT4H1M", "PT5H", "P1D", "PT9999H"})
    @DisplayName("when the request asks for more than the maximum, then it is refused with DURATION_TOO_LONG")
    void aboveMaximumRefused(String requested) {
        Refusal refusal = assertThrows(Refusal.class, () -> rule.resolve(requested));

        assertEquals(Refusal.Reason.DURATION_TOO_LONG, refusal.reason());
        assertEquals(Refusal.Kind.BAD_INPUT, refusal.reason().kind());
        assertTrue(refusal.getMessage().contains("(4 h)"), refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "P-1D",
                "-PT5M",
                "PT-1S",
                "PT0S",
                "PT0M",
                "P0D",
                "-PT0S",
                "abc",
                "30",
                "1h",
                "PT",
                "P",
                "P1Y",
                "P1M",
                "PT30",
                "PT9999999999999999H",
                "P9999999999999999D",
                "PT30M garbage"
            })
    @DisplayName(
            "when the duration is not positive or unreadable (including overflow), then it is refused with DURATION_INVALID")
    void invalidRefused(String requested) {
        Refusal refusal = assertThrows(Refusal.class, () -> rule.resolve(requested));

        assertEquals(Refusal.Reason.DURATION_INVALID, refusal.reason());
        assertEquals(Refusal.Kind.BAD_INPUT, refusal.reason().kind());
    }

    @Test
    @DisplayName("when the default is longer than the maximum, then the rule cannot be built")
    void defaultAboveMaximumRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DurationRule(Duration.ofHours(2), Duration.ofHours(1)));
    }

    @Test
    @DisplayName("when the default equals the maximum, then the rule is built")
    void defaultEqualToMaximumAccepted() {
        DurationRule equal = assertDoesNotThrow(() -> new DurationRule(Duration.ofHours(1), Duration.ofHours(1)));

        assertEquals(Duration.ofHours(1), equal.resolve(""));
        assertEquals(Duration.ofHours(1), equal.resolve("PT1H"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "-PT1M"})
    @DisplayName("when the default or the maximum is zero or negative, then the rule cannot be built")
    void nonPositiveRejected(String text) {
        Duration value = Duration.parse(text);

        assertThrows(IllegalArgumentException.class, () -> new DurationRule(value, Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new DurationRule(Duration.ofMinutes(1), value));
    }
}
