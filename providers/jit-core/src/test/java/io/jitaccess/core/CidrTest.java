package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given an IP range in CIDR notation")
class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        // IPv4
        "10.0.0.0/8,          10.0.0.0,          true",
        "10.0.0.0/8,          10.255.255.255,    true",
        "10.0.0.0/8,          11.0.0.0,          false",
        "10.0.0.0/8,          9.255.255.255,     false",
        "10.0.0.0/9,          10.127.255.255,    true",
        "10.0.0.0/9,          10.128.0.0,        false",
        "192.168.1.0/24,      192.168.1.77,      true",
        "192.168.1.0/24,      192.168.2.77,      false",
        "10.1.2.3/8,          10.9.9.9,          true", // host bits in the range are ignored
        "0.0.0.0/0,           1.2.3.4,           true",
        "0.0.0.0/0,           255.255.255.255,   true",
        "0.0.0.0/0,           0.0.0.0,           true",
        "192.168.1.7/32,      192.168.1.7,       true",
        "192.168.1.7/32,      192.168.1.8,       false",
        "192.168.1.7,         192.168.1.7,       true", // a bare address is /32
        "192.168.1.7,         192.168.1.6,       false",
        "' 10.0.0.0/8 ',      ' 10.1.1.1 ',      true",
        // IPv6
        "2001:db8::/32,       2001:db8::1,       true",
        "2001:db8::/32,       2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "2001:db8::/32,       2001:db9::1,       false",
        "2001:db8::/33,       2001:db8:7fff::1,  true",
        "2001:db8::/33,       2001:db8:8000::1,  false",
        "2001:DB8::/32,       2001:db8::abcd,    true",
        "2001:db8::/32,       2001:DB8::ABCD,    true",
        "::/0,                ::1,               true",
        "::/0,                fe80::1,           true",
        "2001:db8::1/128,     2001:db8::1,       true",
        "2001:db8::1/128,     2001:db8::2,       false",
        "2001:db8::1,         2001:db8:0:0:0:0:0:1, true", // a bare address is /128
        "2001:db8::1,         2001:db8::2,       false",
        // the two families never mix
        "0.0.0.0/0,           ::1,               false",
        "0.0.0.0/0,           2001:db8::1,       false",
        "::/0,                10.0.0.1,          false",
        "::/0,                127.0.0.1,         false",
        "10.0.0.0/8,          ::a00:1,           false"
    })
    @DisplayName(
            "when asked whether an address lies in the range, then only addresses of the same family inside the prefix do")
    void contains(String range, String ip, boolean expected) {
        assertEquals(expected, Cidr.parse(range).contains(ip));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0.0.0.0/0",
                "10.0.0.0/8",
                "10.0.0.1/32",
                "10.0.0.1",
                "::/0",
                "2001:db8::/32",
                "2001:db8::1/128",
                "2001:db8::1",
                "::1",
                "  172.16.0.0/12  "
            })
    @DisplayName("when the text is an IPv4 or IPv6 range or a bare address, then it parses and prints as written")
    void parses(String text) {
        assertEquals(text.strip(), Cidr.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "10.0.0.0/-1",
                "10.0.0.0/",
                "10.0.0.0/abc",
                "10.0.0.0/8/8",
                "10.0.0.0/ 8",
                "10.0.0.0/99999999999",
                "::/129",
                "2001:db8::/200",
                "2001:db8::/-0x1"
            })
    @DisplayName(
            "when the prefix length is missing, unreadable or out of range for the family, then parsing refuses it")
    void prefixOutOfRange(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));

        assertTrue(e.getMessage().contains("prefix length outside 0-"), e.getMessage());
    }

    @Test
    @DisplayName("when the prefix is 33, then IPv4 refuses it and IPv6 accepts it; IPv6 stops at 128")
    void prefixLimitPerFamily() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertEquals("2001:db8::/33", Cidr.parse("2001:db8::/33").toString());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::/129"));
        assertEquals("2001:db8::/128", Cidr.parse("2001:db8::/128").toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "localhost",
                "localhost/8",
                "example.com",
                "example.com/24",
                "cafe.be",
                "cafe",
                "face",
                "10.0.0",
                "10.0.0.0.0",
                "256.0.0.1",
                "999.1.1.1",
                "999.1.1.1/8",
                "1.2.3.4.",
                ".::1",
                ".:",
                "1.2.3.4:80",
                "dead:beef",
                "1:2:3:4:5:6:7:8:9",
                "2001:db8::g",
                "fe80::1%eth0",
                "[2001:db8::1]",
                "10.0.0.1 10.0.0.2",
                "0x0a.0.0.1",
                "/8"
            })
    @DisplayName("when the text is a host name or no IP literal, then parsing refuses it")
    void notAnAddressRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));

        assertTrue(e.getMessage().contains("is not an IP range in CIDR notation"), e.getMessage());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "localhost",
                "example.com",
                "cafe.be",
                "999.1.1.1",
                "256.0.0.1",
                ".::1",
                ".:",
                "10.0.0.1/32",
                "unknown",
                "10.0.0",
                "1.2.3.4:80"
            })
    @DisplayName(
            "when the address to check is a host name or unreadable, then it is never in the range, and no name is looked up")
    void namesNeverContained(String ip) {
        // no-dns.hosts maps several of these names to 127.0.0.1 and 10.66.66.66: a lookup would make them match
        assertFalse(Cidr.parse("0.0.0.0/0").contains(ip));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(ip));
        assertFalse(Cidr.parse("127.0.0.0/8").contains(ip));
        assertFalse(Cidr.parse("::/0").contains(ip));
    }
}
