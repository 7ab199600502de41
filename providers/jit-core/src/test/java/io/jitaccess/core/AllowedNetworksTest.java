package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given the networks a policy accepts requests from")
class AllowedNetworksTest {

    private static final AllowedNetworks OFFICE = new AllowedNetworks(
            List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.0/24"), Cidr.parse("2001:db8::/32")));

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"10.0.0.1", "203.0.113.9", "2001:db8::1", "::1", "localhost", "not an address"})
    @DisplayName("when no range is listed, then requests from anywhere are admitted")
    void emptyAdmitsAnything(String ip) {
        assertTrue(AllowedNetworks.ANYWHERE.admits(ip));
        assertTrue(new AllowedNetworks(List.of()).admits(ip));
        assertDoesNotThrow(() -> AllowedNetworks.ANYWHERE.check(ip));
    }

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3,        true",
        "192.168.1.200,   true",
        "2001:db8:1::5,   true",
        "192.168.2.1,     false",
        "203.0.113.9,     false",
        "::1,             false",
        "2001:db9::1,     false",
        "localhost,       false",
        "example.com,     false",
        "'',              false"
    })
    @DisplayName("when ranges are listed, then an address is admitted if any IPv4 or IPv6 range contains it")
    void anyRangeAdmits(String ip, boolean admitted) {
        assertEquals(admitted, OFFICE.admits(ip));
    }

    @Test
    @DisplayName(
            "when the address is in no listed range, then check() refuses with NETWORK_NOT_ALLOWED naming the address")
    void checkRefuses() {
        Refusal refusal = assertThrows(Refusal.class, () -> OFFICE.check("203.0.113.9"));

        assertEquals(Refusal.Reason.NETWORK_NOT_ALLOWED, refusal.reason());
        assertEquals(Refusal.Kind.FORBIDDEN, refusal.reason().kind());
        assertEquals("Requests for this role are not accepted from your network (203.0.113.9).", refusal.getMessage());
    }

    @Test
    @DisplayName("when the address is in a listed range, then check() lets it through")
    void checkAccepts() {
        assertDoesNotThrow(() -> OFFICE.check("10.20.30.40"));
        assertDoesNotThrow(() -> OFFICE.check("2001:db8::42"));
    }

    @Test
    @DisplayName("when the list it was built from changes later, then the networks do not")
    void rangesCopied() {
        List<Cidr> ranges = new ArrayList<>(List.of(Cidr.parse("10.0.0.0/8")));
        AllowedNetworks networks = new AllowedNetworks(ranges);

        ranges.add(Cidr.parse("0.0.0.0/0"));

        assertEquals(1, networks.ranges().size());
        assertEquals(false, networks.admits("203.0.113.9"));
        assertThrows(
                UnsupportedOperationException.class, () -> networks.ranges().add(Cidr.parse("0.0.0.0/0")));
    }
}
