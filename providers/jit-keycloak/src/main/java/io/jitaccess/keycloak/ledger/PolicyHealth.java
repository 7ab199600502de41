package io.jitaccess.keycloak.ledger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.ui.extend.UiPageProvider;

/**
 * What this node last said in its log about each policy's problems: an unusable policy is logged when it
 * becomes unusable and when its problems change, not on every read. Held by the policy page's factory (one per
 * node, a {@link Holder}); the map holds at most one entry per policy.
 */
public final class PolicyHealth {

    private static final Logger LOG = Logger.getLogger(PolicyHealth.class);

    /** The provider factory that keeps this node's policy health. */
    public interface Holder {
        PolicyHealth policyHealth();
    }

    private final Map<String, String> logged = new ConcurrentHashMap<>();

    /** This node's policy health, kept by the policy page's factory (a fresh one, logging anew, if it is not deployed). */
    static PolicyHealth of(KeycloakSession session) {
        var factory =
                session.getKeycloakSessionFactory().getProviderFactory(UiPageProvider.class, RealmPolicies.PROVIDER_ID);
        return factory instanceof Holder holder ? holder.policyHealth() : new PolicyHealth();
    }

    /** Reports what a policy's problems are now (none: usable). */
    public void report(String policyId, String policyName, List<String> problems) {
        if (problems.isEmpty()) {
            if (logged.remove(policyId) != null) {
                LOG.infof("JIT policy %s is usable again", policyName);
            }
            return;
        }
        String text = String.join(" ", problems);
        if (!text.equals(logged.put(policyId, text))) {
            LOG.warnf("JIT policy %s is unusable and grants nothing: %s", policyName, text);
        }
    }
}
