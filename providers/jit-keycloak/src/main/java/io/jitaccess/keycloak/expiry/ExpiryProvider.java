package io.jitaccess.keycloak.expiry;

import org.keycloak.provider.Provider;

/** Ends grants on time: told of each new grant's end, it arms this node's timer and tells the other nodes. */
public interface ExpiryProvider extends Provider {

    /** Call when a grant starts: after the transaction commits, every node's timer covers {@code endsAtMillis}. */
    void grantStarted(long endsAtMillis);

    /** Call when a grant is revoked (counted by path). */
    void grantRevoked();

    /** Call when notifications were recorded: after commit they are mailed, off this thread. */
    void notificationsRecorded();
}
