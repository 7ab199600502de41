package io.jitaccess.keycloak.token;

import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import io.jitaccess.keycloak.ledger.Ledger;
import io.jitaccess.keycloak.store.GrantEntity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * A user's active grants for the tokens of one request: one indexed query (realm, user, status), shared by
 * the access token, ID token and user info minted in the same request.
 */
final class TokenGrants {

    private static final String CACHE = TokenGrants.class.getName() + ":";

    private final Counter lookups = Counter.builder("jit_token_grant_lookups")
            .description("Queries of active grants made by the jit-grants token mapper").register(Metrics.globalRegistry);

    @SuppressWarnings("unchecked")
    List<GrantEntity> of(KeycloakSession session, RealmModel realm, String userId) {
        String key = CACHE + realm.getId() + ":" + userId;
        Object cached = session.getAttribute(key);
        if (cached != null) {
            return (List<GrantEntity>) cached;
        }
        lookups.increment();
        List<GrantEntity> active = Ledger.entityManager(session).createNamedQuery("jitActiveGrantsOfUser", GrantEntity.class)
                .setParameter("realmId", realm.getId()).setParameter("userId", userId).getResultList();
        session.setAttribute(key, active);
        return active;
    }
}
