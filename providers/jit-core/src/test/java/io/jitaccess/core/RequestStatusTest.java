package io.jitaccess.core;

import static io.jitaccess.core.RequestStatus.*;
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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("Given the life of an access request")
class RequestStatusTest {

    /** The only legal moves: out of PENDING into each final state. */
    private static final Set<String> LEGAL =
            Set.of("PENDING->APPROVED", "PENDING->DENIED", "PENDING->CANCELLED", "PENDING->EXPIRED");

    static Stream<Arguments> allPairs() {
        return Arrays.stream(RequestStatus.values())
                .flatMap(from -> Arrays.stream(RequestStatus.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> illegalPairs() {
        return allPairs().filter(pair -> !LEGAL.contains(pair.get()[0] + "->" + pair.get()[1]));
    }

    static Stream<Arguments> legalPairs() {
        return allPairs().filter(pair -> LEGAL.contains(pair.get()[0] + "->" + pair.get()[1]));
    }

    @Test
    @DisplayName("the tables below cover all 25 pairs: 4 legal, 21 illegal")
    void tableIsComplete() {
        assertEquals(25, allPairs().count());
        assertEquals(4, legalPairs().count());
        assertEquals(21, illegalPairs().count());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("legalPairs")
    @DisplayName("when a pending request is decided, cancelled or lapses, then it moves to that final state")
    void legalTransitions(RequestStatus from, RequestStatus to) {
        assertTrue(from.canMoveTo(to));
        assertEquals(to, from.moveTo(to));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("illegalPairs")
    @DisplayName("when any other move is tried, then it is refused with ILLEGAL_TRANSITION")
    void illegalTransitions(RequestStatus from, RequestStatus to) {
        assertFalse(from.canMoveTo(to));

        Refusal refusal = assertThrows(Refusal.class, () -> from.moveTo(to));

        assertEquals(Refusal.Reason.ILLEGAL_TRANSITION, refusal.reason());
        assertEquals(Refusal.Kind.CONFLICT, refusal.reason().kind());
        assertEquals(
                "The request is " + from.name().toLowerCase() + " and cannot become "
                        + to.name().toLowerCase() + ".",
                refusal.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("when a request is approved, denied, cancelled or expired, then its state is final")
    void finalStates(RequestStatus status) {
        assertTrue(status.isFinal());
    }

    @Test
    @DisplayName("when a request is pending, then its state is not final")
    void pendingNotFinal() {
        assertFalse(PENDING.isFinal());
    }
}
