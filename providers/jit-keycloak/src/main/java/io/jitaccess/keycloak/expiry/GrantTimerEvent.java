package io.jitaccess.keycloak.expiry;

import org.keycloak.cluster.ClusterEvent;

/** Tells the other nodes of a cluster that a grant ends at {@code endsAt}, so their timers cover it too. */
public final class GrantTimerEvent implements ClusterEvent {

    static final String TASK_KEY = "jit-grant-timer";

    private final long endsAt;

    public GrantTimerEvent(long endsAt) {
        this.endsAt = endsAt;
    }

    public long endsAt() {
        return endsAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrantTimerEvent other && other.endsAt == endsAt;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(endsAt);
    }
}
