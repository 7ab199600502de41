package io.jitaccess.harness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 codes as Keycloak computes them for an OTP credential imported from realm JSON: HmacSHA1,
 * 6 digits, 30 s steps, the secret's UTF-8 bytes as key.
 */
public final class Totp {

    private static final int PERIOD_SECONDS = 30;
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private final byte[] key;

    public Totp(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    public String codeAt(Instant time) {
        return codeForStep(step(time));
    }

    public static long step(Instant time) {
        return time.getEpochSecond() / PERIOD_SECONDS;
    }

    /** When the 30-second step after the one containing {@code time} begins. */
    public static Instant nextStepStart(Instant time) {
        return Instant.ofEpochSecond((step(time) + 1) * PERIOD_SECONDS);
    }

    public String codeForStep(long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24)
                    | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8)
                    | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** The key in base32, as authenticator apps expect it. */
    public String base32Key() {
        StringBuilder out = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : key) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 0x1f]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }

    /** An otpauth:// URI for authenticator apps. */
    public String otpauthUri(String issuer, String account) {
        return "otpauth://totp/" + issuer + ":" + account + "?secret=" + base32Key() + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=6&period=" + PERIOD_SECONDS;
    }
}
