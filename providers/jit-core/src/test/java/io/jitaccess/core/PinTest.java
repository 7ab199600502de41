package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Given names pinned to ids")
class PinTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "alice|5b3c1a0e-0000-4000-8000-000000000001",
                "/engineering/site reliability|f:8e1c:cn=sre, ou=groups",
                "ops.admin|a b+c%d",
                "é 😀 \t|id with spaces"
            })
    @DisplayName("when a pin is stored and read back, then name and id are the same, whatever characters they hold")
    void roundTrip(String name, String id) {
        Pin pin = Pin.of(name, id);

        assertEquals(pin, Pin.parse(pin.stored()));
        assertEquals(Pin.unresolved(name), Pin.parse(Pin.unresolved(name).stored()));
    }

    @Test
    @DisplayName("when an entry is void, then it is no id at all")
    void voidIsNothing() {
        assertTrue(Pin.unresolved("alice").isVoid());
        assertFalse(Pin.unresolved("alice").is("alice"));
        assertFalse(Pin.of("alice", "id-1").is(null));
        assertTrue(Pin.of("alice", "id-1").is("id-1"));
    }

    @Test
    @DisplayName("when a policy names users that have no pin, then they are void: a name alone never admits anyone")
    void namesWithoutPinsAreVoid() {
        Map<String, List<String>> config = new LinkedHashMap<>();
        config.put(PolicyKeys.ROLE, List.of("prod-admin"));
        config.put(PolicyKeys.APPROVER_GROUPS, List.of("/approvers"));
        config.put(PolicyKeys.ELIGIBLE_USERS, List.of("alice", "bob"));
        config.put(
                PolicyNames.pinKey(PolicyKeys.ELIGIBLE_USERS),
                List.of(Pin.of("alice", "id-alice").stored()));

        Policy policy = PolicyReader.read("p", "p", config);

        assertEquals(
                java.util.Set.of(Pin.of("alice", "id-alice"), Pin.unresolved("bob")),
                policy.eligibility().users());
        assertTrue(policy.target().pin().isVoid());
        assertFalse(policy.eligibility().admits(FakeSubject.user("bob")));
        assertTrue(policy.eligibility().admits(FakeSubject.user("alice")));
    }

    @Test
    @DisplayName("when group paths are written loosely, then names and pins use the same normalised path")
    void groupPathsNormalised() {
        Map<String, List<String>> config = Map.of(PolicyKeys.ELIGIBLE_GROUPS, List.of("engineering/", "/ops"));

        assertEquals(
                java.util.Set.of("/engineering", "/ops"), PolicyNames.of(config).get(PolicyKeys.ELIGIBLE_GROUPS));
    }

    @Test
    @DisplayName("when an option is the server's (jit.*), then it is recognised as one a client may not set")
    void serverKeys() {
        assertTrue(PolicyNames.isServerKey(PolicyNames.pinKey(PolicyKeys.ROLE)));
        assertTrue(PolicyNames.isServerKey(PolicyKeys.SAVED_BY));
        assertFalse(PolicyNames.isServerKey(PolicyKeys.ELIGIBLE_USERS));
    }
}
