package io.jitaccess.core;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * A name an administrator typed in a policy (a username, a client id, a group path, a role) and the id of the
 * object the server found under that name when the entry was added. Rules match on the id only, so whoever
 * takes the name later (a new user, a renamed client, a client whose id makes a role name ambiguous) gains
 * nothing. An entry whose name matched nothing is void and matches nobody.
 */
public record Pin(String name, Optional<String> id) {

    public Pin {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
    }

    public static Pin of(String name, String id) {
        return new Pin(name, Optional.of(id));
    }

    /** An entry whose name matched nothing when it was added. */
    public static Pin unresolved(String name) {
        return new Pin(name, Optional.empty());
    }

    public boolean isVoid() {
        return id.isEmpty();
    }

    /** Whether this entry was pinned to the object with {@code candidate} as id. */
    public boolean is(String candidate) {
        return candidate != null && id.isPresent() && id.get().equals(candidate);
    }

    /** The stored form: the name and the id, each URL-encoded, with a space between; the name alone when void. */
    public String stored() {
        return encode(name) + id.map(value -> " " + encode(value)).orElse("");
    }

    /** Reads {@link #stored()}. */
    public static Pin parse(String stored) {
        String text = stored.strip();
        int space = text.indexOf(' ');
        if (space < 0) {
            return unresolved(decode(text));
        }
        return of(decode(text.substring(0, space)), decode(text.substring(space + 1)));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException broken) {
            return text; // not written by us: keep it, it pins nothing anyone else wrote
        }
    }
}
