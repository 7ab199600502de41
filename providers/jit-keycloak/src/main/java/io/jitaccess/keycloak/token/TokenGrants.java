package io.jitaccess.keycloak.token;

import io.jitaccess.core.GrantRules;
import io.jitaccess.core.Target;
import io.jitaccess.keycloak.store.GrantStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A user's active grants for the tokens of one request: one indexed query (realm, user, status), shared by
 * the access token, ID token and user info minted in the same request.
 */
final class TokenGrants {

    /**
     * An active grant as a token sees it: what the grant rules read, and the names its claim entry shows (for a group
     * grant, {@code roleName} is the group's path).
     */
    record Held(GrantRules.ActiveGrant rules, String roleName, String clientId, boolean group) {}

    private static final String CACHE = TokenGrants.class.getName() + ":";

    private final Counter lookups = Counter.builder("jit_token_grant_lookups")
            .description("Queries of active grants made by the jit-grants token mapper")
            .register(Metrics.globalRegistry);

    @SuppressWarnings("unchecked")
    List<Held> of(KeycloakSession session, RealmModel realm, String userId) {
        String key = CACHE + realm.getId() + ":" + userId;
        Object cached = session.getAttribute(key);
        if (cached != null) {
            return (List<Held>) cached;
        }
        lookups.increment();
        List<Held> active = new GrantStore(session)
                .activeOfUser(realm.getId(), userId).stream()
                        .map(grant -> new Held(
                                grant.toActiveGrant(),
                                grant.getRoleName(),
                                grant.getRoleClientId(),
                                Target.Kind.GROUP.name().equals(grant.getTargetKind())))
                        .toList();
        session.setAttribute(key, active);
        return active;
    }
}
