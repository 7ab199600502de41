package io.jitaccess.bench.probe;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RoleModel;

/**
 * Logs each role mapping granted to or revoked from a user, with the server's clock, as Keycloak's model events
 * ({@link RoleModel.RoleGrantedEvent}, {@link RoleModel.RoleRevokedEvent}) report it, whoever made the change:
 * one line {@code JIT-BENCH-PROBE <granted|revoked> <realm> <userId> <role> <epoch millis>}. The benchmark reads
 * these lines from the server's log. It is registered as an event listener factory only to get a
 * {@code postInit}; it is never enabled as a listener of a realm.
 */
public final class RoleEventProbe implements EventListenerProviderFactory {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("io.jitaccess.bench.probe");

    @Override
    public String getId() {
        return "jit-bench-probe";
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof RoleModel.RoleRevokedEvent revoked && revoked.getUser() != null) {
                log("revoked", revoked.getRealm().getName(), revoked.getUser().getId(), revoked.getRole());
            } else if (event instanceof RoleModel.RoleGrantedEvent granted && granted.getUser() != null) {
                log("granted", granted.getRealm().getName(), granted.getUser().getId(), granted.getRole());
            }
        });
    }

    private static void log(String what, String realm, String userId, RoleModel role) {
        LOG.info("JIT-BENCH-PROBE " + what + " " + realm + " " + userId + " " + role.getName() + " "
                + Time.currentTimeMillis());
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {}

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {}

            @Override
            public void close() {}
        };
    }

    @Override
    public void init(Config.Scope config) {}

    @Override
    public void close() {}
}
