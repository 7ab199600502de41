package io.jitaccess.core;

import java.util.Objects;

/**
 * What a policy grants for a time: a role (realm or client role) mapped to the user, or the user's membership of
 * one group (and with it every role, client role and attribute the group carries). Pinned to the object's id like
 * every other entry of a policy.
 */
public record Target(Kind kind, Pin pin) {

    /** The two kinds of target; the ledger stores their names. */
    public enum Kind {
        ROLE,
        GROUP
    }

    public Target {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(pin, "pin");
    }

    public static Target role(Pin pin) {
        return new Target(Kind.ROLE, pin);
    }

    public static Target group(Pin pin) {
        return new Target(Kind.GROUP, pin);
    }

    public boolean isGroup() {
        return kind == Kind.GROUP;
    }

    /** The kind as people read it: "role" or "group". */
    public String noun() {
        return isGroup() ? "group" : "role";
    }
}
