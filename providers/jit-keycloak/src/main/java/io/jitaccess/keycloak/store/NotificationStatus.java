package io.jitaccess.keycloak.store;

/** Where a notification is on its way to the mail server. */
public enum NotificationStatus {
    /** recorded with its change, not yet sent */
    PENDING,
    /** claimed by one node's mail thread */
    SENDING,
    SENT,
    /** the realm sends no mail */
    SKIPPED,
    /** the realm is gone */
    DROPPED,
    FAILED
}
