package io.jitaccess.keycloak.store;

/**
 * Text on its way into a ledger column. What the rules accepted is already clean; this is the last guard for
 * what the ledger records about refused input (an audit entry keeps what was typed): control characters and
 * unpaired UTF-16 surrogates, which PostgreSQL cannot store, become U+FFFD, and the text is cut to the
 * column's length without splitting a character.
 */
public final class StoredText {

    private static final int ID_LENGTH = 36;

    private StoredText() {}

    /** The text as a column of {@code max} characters can hold it; null stays null. */
    public static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c) || Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** An id as typed, when it could be one (ids are 36 characters at most); otherwise none. */
    public static String id(String value) {
        return value == null || value.length() > ID_LENGTH ? null : fit(value, ID_LENGTH);
    }
}
