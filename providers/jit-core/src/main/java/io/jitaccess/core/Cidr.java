package io.jitaccess.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a bare address is /32 or /128. */
public final class Cidr {

    private final byte[] network;
    private final int prefix;
    private final String text;

    private Cidr(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** @throws IllegalArgumentException when the text is no CIDR range */
    public static Cidr parse(String text) {
        String value = text == null ? "" : text.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> new IllegalArgumentException(
                        "'" + value + "' is not an IP range in CIDR notation such as 10.0.0.0/8 or 2001:db8::/32"));
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + value + "' has a prefix length outside 0-" + bits);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, value);
    }

    /** Whether {@code ip} (an address literal) lies in this range; anything unreadable does not. */
    public boolean contains(String ip) {
        return literal(ip == null ? "" : ip.strip())
                .map(bytes -> bytes.length == network.length && Arrays.equals(mask(bytes, prefix), network))
                .orElse(false);
    }

    /**
     * The address bytes of an IP literal. Only digits, hex letters, dots and colons get near
     * {@link InetAddress#getByName}, so no name is ever looked up in DNS.
     */
    static Optional<byte[]> literal(String address) {
        if (address.isEmpty()
                || !address.matches("[0-9A-Fa-f.:]+")
                || !(address.contains(".") || address.contains(":"))) {
            return Optional.empty();
        }
        if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        // InetAddress takes text it cannot read as a literal for a host name and looks it up: an octet above 255
        // ("999.1.1.1") or a first character other than a hex digit or a colon (".::1") would get that far
        if (address.startsWith(".")
                || !address.contains(":")
                        && Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (address.contains(":") && bytes.length == 4 && !address.contains(".")) {
                return Optional.empty();
            }
            return Optional.of(bytes);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    @Override
    public String toString() {
        return text;
    }
}
