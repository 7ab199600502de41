package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RoleRefTest {

    @Test
    @DisplayName("a bare name is a realm role")
    void realmRole() {
        RoleRef role = RoleRef.parse("prod-admin");

        assertFalse(role.isClientRole());
        assertEquals("prod-admin", role.name());
        assertEquals("prod-admin", role.toString());
    }

    @Test
    @DisplayName("clientId.role is a client role, as the console's role picker stores it")
    void clientRole() {
        RoleRef role = RoleRef.parse("ops-console.prod-maintainer");

        assertTrue(role.isClientRole());
        assertEquals(Optional.of("ops-console"), role.clientId());
        assertEquals("prod-maintainer", role.name());
        assertEquals("ops-console.prod-maintainer", role.toString());
    }

    @Test
    @DisplayName("a client id with dots keeps them; the role is after the last dot")
    void clientIdWithDots() {
        RoleRef role = RoleRef.parse("com.example.app.admin");

        assertEquals(Optional.of("com.example.app"), role.clientId());
        assertEquals("admin", role.name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ".admin", "ops-console."})
    @DisplayName("malformed role references are refused")
    void malformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> RoleRef.parse(text));
    }
}
