package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.core.GrantRules.ActiveGrant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Given the grants of a role, their standing and their ends")
class GrantRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static ActiveGrant grant(String id, String role, boolean standing, long endsInSeconds) {
        return new ActiveGrant(id, role, standing, NOW.plusSeconds(endsInSeconds));
    }

    @Test
    @DisplayName(
            "when no grant of the role runs, then a new one is standing exactly when the user held the role before")
    void firstGrantStanding() {
        assertTrue(GrantRules.standingAtStart(List.of(), true));
        assertFalse(GrantRules.standingAtStart(List.of(), false));
    }

    @Test
    @DisplayName("when grants of the role run, then a new one is what they are, whatever the mapping says now")
    void overlappingGrantInheritsStanding() {
        assertFalse(
                GrantRules.standingAtStart(List.of(grant("g1", "r", false, 60)), true),
                "the mapping is the first grant's");
        assertTrue(GrantRules.standingAtStart(List.of(grant("g1", "r", true, 60)), true));
    }

    @Test
    @DisplayName(
            "when a grant ends, then its mapping goes only if it is not standing and no other grant of the role remains")
    void endRemovesMapping() {
        ActiveGrant ending = grant("g1", "r", false, 0);

        assertTrue(GrantRules.endRemovesMapping(ending, List.of(ending)));
        assertFalse(GrantRules.endRemovesMapping(ending, List.of(ending, grant("g2", "r", false, 60))));
        assertFalse(GrantRules.endRemovesMapping(grant("g3", "r", true, 0), List.of()));
        assertTrue(GrantRules.endRemovesMapping(ending, false));
        assertFalse(GrantRules.endRemovesMapping(ending, true));
    }

    @Test
    @DisplayName("when a token is made, then it lists the grants in force it carries, and its cap is the earliest end")
    void tokenInForce() {
        List<ActiveGrant> active = List.of(
                grant("a", "r1", false, 600),
                grant("b", "r2", false, 60),
                grant("c", "r3", false, 30),
                grant("d", "r4", true, 10));

        GrantRules.TokenGrants token = GrantRules.forToken(active, role -> !role.equals("r3"), NOW);

        assertEquals(
                List.of("a", "b"),
                token.inForce().stream().map(ActiveGrant::id).toList(),
                "r3 is not carried, r4 is standing");
        assertEquals(Optional.of(NOW.plusSeconds(60)), token.cap());
        assertEquals(Set.of(), token.endedTargetIds());
    }

    @Test
    @DisplayName(
            "when a grant has ended but its mapping is still there, then its role leaves the token and the token dies now")
    void tokenEnded() {
        List<ActiveGrant> active = List.of(grant("a", "r1", false, 600), grant("b", "r2", false, -1));

        GrantRules.TokenGrants token = GrantRules.forToken(active, role -> true, NOW);

        assertEquals(Set.of("r2"), token.endedTargetIds());
        assertEquals(Optional.of(NOW), token.cap());
    }

    @Test
    @DisplayName(
            "when an ended grant's role has another grant in force, then the role stays, capped at that grant's end")
    void endedButOverlapped() {
        List<ActiveGrant> active = List.of(grant("old", "r", false, -5), grant("new", "r", false, 120));

        GrantRules.TokenGrants token = GrantRules.forToken(active, role -> true, NOW);

        assertEquals(Set.of(), token.endedTargetIds());
        assertEquals(Optional.of(NOW.plusSeconds(120)), token.cap());
    }

    @Test
    @DisplayName("when the token carries none of the user's grants, then nothing changes in it")
    void tokenUntouched() {
        GrantRules.TokenGrants token = GrantRules.forToken(List.of(grant("a", "r1", false, 600)), role -> false, NOW);

        assertTrue(token.isEmpty());
        assertEquals(Optional.empty(), token.cap());
    }
}
