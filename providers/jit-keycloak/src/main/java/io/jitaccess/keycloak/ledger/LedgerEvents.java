package io.jitaccess.keycloak.ledger;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderEvent;

/**
 * What the ledger tells the rest of the extension, as Keycloak provider events
 * ({@link org.keycloak.models.KeycloakSessionFactory#publish}): expiry and mail listen, and the ledger knows neither.
 * Each is published inside the transaction of the change; a listener that must wait for the commit enlists itself
 * with the event's session.
 */
public final class LedgerEvents {

    /**
     * A grant started; it ends at {@code endsAtMillis} (timers must cover it once the transaction commits); its target
     * is a {@code role} or a {@code group}.
     */
    public record GrantStarted(KeycloakSession getKeycloakSession, long endsAtMillis, String target)
            implements ProviderEvent {}

    /** A grant was revoked before its end. */
    public record GrantRevoked(KeycloakSession getKeycloakSession) implements ProviderEvent {}

    /** Notifications were recorded: once the transaction commits they are owed mail. */
    public record NotificationsRecorded(KeycloakSession getKeycloakSession) implements ProviderEvent {}

    private LedgerEvents() {}

    static void publish(KeycloakSession session, ProviderEvent event) {
        session.getKeycloakSessionFactory().publish(event);
    }
}
