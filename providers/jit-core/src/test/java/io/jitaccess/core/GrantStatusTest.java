package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Given the life of a grant")
class GrantStatusTest {

    /** The only legal moves: an active grant expires or is revoked. */
    private static final Set<String> LEGAL = Set.of("ACTIVE->EXPIRED", "ACTIVE->REVOKED");

    static Stream<Arguments> allPairs() {
        return Arrays.stream(GrantStatus.values())
                .flatMap(from -> Arrays.stream(GrantStatus.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> illegalPairs() {
        return allPairs().filter(pair -> !LEGAL.contains(pair.get()[0] + "->" + pair.get()[1]));
    }

    static Stream<Arguments> legalPairs() {
        return allPairs().filter(pair -> LEGAL.contains(pair.get()[0] + "->" + pair.get()[1]));
    }

    @Test
    @DisplayName("the tables below cover all 9 pairs: 2 legal, 7 illegal")
    void tableIsComplete() {
        assertEquals(9, allPairs().count());
        assertEquals(2, legalPairs().count());
        assertEquals(7, illegalPairs().count());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("legalPairs")
    @DisplayName("when an active grant reaches its end or is revoked, then it moves to that state")
    void legalTransitions(GrantStatus from, GrantStatus to) {
        assertTrue(from.canMoveTo(to));
        assertEquals(to, from.moveTo(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalPairs")
    @DisplayName("when any other move is tried, then it is refused with ILLEGAL_TRANSITION")
    void illegalTransitions(GrantStatus from, GrantStatus to) {
        assertFalse(from.canMoveTo(to));

        Refusal refusal = assertThrows(Refusal.class, () -> from.moveTo(to));

        assertEquals(Refusal.Reason.ILLEGAL_TRANSITION, refusal.reason());
        assertEquals(Refusal.Kind.CONFLICT, refusal.reason().kind());
        assertEquals(
                "The grant is " + from.name().toLowerCase() + " and cannot become "
                        + to.name().toLowerCase() + ".",
                refusal.getMessage());
    }
}
