package io.jitaccess.keycloak.ledger;

import io.jitaccess.keycloak.store.GrantStore;
import io.jitaccess.keycloak.store.GrantedTarget;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The roles and groups JIT may grant carry the attribute {@code jit.granted = true}. The token mapper reads the
 * ledger only for users who directly hold such a role or are direct members of such a group, so the tokens of
 * everyone else cost no query: the user's mappings and groups and their attributes come from Keycloak's caches,
 * which every node invalidates.
 * <p>
 * A target is marked when a policy naming it is saved, at the latest before its first grant starts (in a
 * transaction of its own, committed before the grant's, so no node sees the mapping without the mark), and at
 * start-up for the target of every policy and active grant (grants made before the mark existed). The mark is
 * never removed: a target that was once granted stays marked, which costs a query, never a missed grant.
 */
public final class GrantedTargets {

    public static final String ATTRIBUTE = "jit.granted";

    private static final Logger LOG = Logger.getLogger(GrantedTargets.class);

    private GrantedTargets() {}

    static boolean isMarked(GrantTarget target) {
        return "true".equals(target.mark());
    }

    /**
     * Whether the user directly holds a role, or is a direct member of a group, that JIT grants. Once every target
     * was marked (at start-up), a user who is not can have no grant in their tokens; before that the mark proves
     * nothing.
     */
    public static boolean holdsMarkedTarget(UserModel user) {
        return user.getRoleMappingsStream().anyMatch(role -> isMarked(new GrantTarget.Role(role)))
                || user.getGroupsStream().anyMatch(group -> isMarked(new GrantTarget.Group(group)));
    }

    /** Marks the target in the caller's transaction. */
    public static void mark(GrantTarget target) {
        if (target != null && !isMarked(target)) {
            target.setMark("true");
        }
    }

    /** Marks the target in a transaction of its own, committed before the caller's (which will give it). */
    static void markBeforeGrant(KeycloakSession session, RealmModel realm, GrantTarget target) {
        if (isMarked(target)) {
            return;
        }
        boolean[] marked = {false};
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel sameRealm = own.realms().getRealm(realm.getId());
            GrantTarget same = sameRealm == null ? null : GrantTarget.find(own, sameRealm, target.kind(), target.id());
            if (same != null) {
                mark(same);
                marked[0] = true;
            }
        });
        if (!marked[0]) {
            mark(target); // the target is not committed yet (created in the caller's transaction): mark it there
        }
    }

    /**
     * At start-up, and again on every sweep (a mark removed by hand would make the token mapper skip the target's
     * holders): the target of every policy and of every active grant, in every realm.
     */
    public static void markAll(KeycloakSessionFactory factory, boolean startUp) {
        int[] marked = {0};
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            for (GrantedTarget row : new GrantStore(session).targetsOfActiveGrants()) {
                RealmModel realm = session.realms().getRealm(row.realmId());
                marked[0] += realm == null
                        ? 0
                        : markCounting(GrantTarget.find(session, realm, GrantTarget.kindOf(row.kind()), row.id()));
            }
            session.realms().getRealmsStream().forEach(realm -> {
                for (RealmPolicies.Entry entry : RealmPolicies.all(realm)) {
                    marked[0] += entry.policy()
                            .map(policy -> markCounting(GrantTarget.of(session, realm, policy.target())))
                            .orElse(0);
                }
            });
        });
        if (marked[0] > 0 && startUp) {
            LOG.infof("JIT start-up: marked %d role(s) and group(s) with %s", marked[0], ATTRIBUTE);
        } else if (marked[0] > 0) {
            // after start-up every such target was marked: someone removed the mark (the mapper would skip its holders)
            LOG.warnf(
                    "JIT: the %s mark was missing from %d role(s) or group(s) JIT grants; marked again",
                    ATTRIBUTE, marked[0]);
        }
    }

    private static int markCounting(GrantTarget target) {
        if (target == null || isMarked(target)) {
            return 0;
        }
        mark(target);
        return 1;
    }
}
