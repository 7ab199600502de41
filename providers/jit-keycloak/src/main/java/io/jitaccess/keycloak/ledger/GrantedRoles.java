package io.jitaccess.keycloak.ledger;

import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.RealmRow;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The roles JIT may grant carry the role attribute {@code jit.granted = true}. The token mapper reads the
 * ledger only for users who directly hold such a role, so the tokens of everyone else cost no query: both
 * the user's mappings and the role's attributes come from Keycloak's caches, which every node invalidates.
 * <p>
 * A role is marked when a policy naming it is saved, at the latest before its first grant starts (in a
 * transaction of its own, committed before the grant's, so no node sees the mapping without the mark), and
 * at start-up for the role of every policy and active grant (grants made before the mark existed). The mark
 * is never removed: a role that was once granted stays marked, which costs a query, never a missed grant.
 */
public final class GrantedRoles {

    public static final String ATTRIBUTE = "jit.granted";

    private static final Logger LOG = Logger.getLogger(GrantedRoles.class);

    private GrantedRoles() {}

    static boolean isMarked(RoleModel role) {
        return "true".equals(role.getFirstAttribute(ATTRIBUTE));
    }

    /**
     * Whether the user directly holds a role JIT grants. Once every role was marked (at start-up), a user who does
     * not can have no grant in their tokens; before that the mark proves nothing.
     */
    public static boolean holdsMarkedRole(UserModel user) {
        return user.getRoleMappingsStream().anyMatch(GrantedRoles::isMarked);
    }

    /** Marks the role in the caller's transaction. */
    public static void mark(RoleModel role) {
        if (role != null && !isMarked(role)) {
            role.setSingleAttribute(ATTRIBUTE, "true");
        }
    }

    /** Marks the role in a transaction of its own, committed before the caller's (which will map the role). */
    static void markBeforeGrant(KeycloakSession session, RealmModel realm, RoleModel role) {
        if (isMarked(role)) {
            return;
        }
        boolean[] marked = {false};
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel sameRealm = own.realms().getRealm(realm.getId());
            RoleModel sameRole = sameRealm == null ? null : sameRealm.getRoleById(role.getId());
            if (sameRole != null) {
                mark(sameRole);
                marked[0] = true;
            }
        });
        if (!marked[0]) {
            mark(role); // the role is not committed yet (created in the caller's transaction): mark it there
        }
    }

    /**
     * At start-up, and again on every sweep (a mark removed by hand would make the token mapper skip the role's
     * holders): the target role of every policy and the role of every active grant, in every realm.
     */
    public static void markAll(KeycloakSessionFactory factory, boolean startUp) {
        int[] marked = {0};
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            for (RealmRow row : new GrantStore(session).rolesOfActiveGrants()) {
                RealmModel realm = session.realms().getRealm(row.realmId());
                RoleModel role = realm == null ? null : realm.getRoleById(row.id());
                marked[0] += markCounting(role);
            }
            session.realms().getRealmsStream().forEach(realm -> {
                for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
                    marked[0] += entry.policy()
                            .map(policy -> markCounting(ResolvedPolicy.role(realm, policy.role())))
                            .orElse(0);
                }
            });
        });
        if (marked[0] > 0 && startUp) {
            LOG.infof("JIT start-up: marked %d role(s) with %s", marked[0], ATTRIBUTE);
        } else if (marked[0] > 0) {
            // after start-up every such role was marked: someone removed the mark (the mapper would skip its holders)
            LOG.warnf("JIT: the %s mark was missing from %d role(s) JIT grants; marked again", ATTRIBUTE, marked[0]);
        }
    }

    /** The client id of a client role, or null for a realm role (how requests and grants record it). */
    public static String clientIdOf(RoleModel role) {
        return role.isClientRole() ? ((org.keycloak.models.ClientModel) role.getContainer()).getClientId() : null;
    }

    private static int markCounting(RoleModel role) {
        if (role == null || isMarked(role)) {
            return 0;
        }
        mark(role);
        return 1;
    }
}
