package io.jitaccess.keycloak.store;

import java.util.Collection;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The session's entity manager, reached only from the stores. */
final class Jpa {

    /** Stands in for an empty set of realms in {@code not in :busy}, which no database accepts empty. */
    private static final List<String> NO_REALM = List.of("");

    private Jpa() {
    }

    static EntityManager of(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    static Collection<String> orNone(Collection<String> realmIds) {
        return realmIds.isEmpty() ? NO_REALM : realmIds;
    }
}
