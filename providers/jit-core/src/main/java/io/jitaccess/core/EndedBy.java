package io.jitaccess.core;

import java.util.Locale;

/** How a grant ended, as stored on it ({@code endedBy}) and counted in the metrics. */
public enum EndedBy {
    /** this node's timer, at the grant's end */
    PRECISE,
    /** the cluster's backstop sweep */
    SWEEP,
    /** start-up, for grants that ended while the server was down */
    STARTUP,
    /** a person, or the deletion of the user, role or realm */
    REVOKED;

    /** The stored, lower-case value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
