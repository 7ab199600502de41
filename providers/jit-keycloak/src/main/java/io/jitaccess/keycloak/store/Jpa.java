package io.jitaccess.keycloak.store;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.Set;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

/** The session's entity manager, reached only from the stores. */
final class Jpa {

    private Jpa() {}

    static EntityManager of(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /**
     * Binds the realms left aside to a query that names them ({@code not in :busy}); a query for no busy realm has
     * no such condition at all (an empty list is no valid SQL, and a stand-in value could be a realm id, or NULL).
     */
    static <Q extends Query> Q outside(Q query, Set<String> busy) {
        if (!busy.isEmpty()) {
            query.setParameter("busy", busy);
        }
        return query;
    }
}
