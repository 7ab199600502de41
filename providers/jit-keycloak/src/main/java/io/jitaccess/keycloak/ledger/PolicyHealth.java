package io.jitaccess.keycloak.ledger;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

/**
 * What this node last said in its log about each policy's problems: an unusable policy is logged when it
 * becomes unusable and when its problems change, not on every read. Held by the policy page's factory (one per
 * node); the map holds at most one entry per policy.
 */
public final class PolicyHealth {

    private static final Logger LOG = Logger.getLogger(PolicyHealth.class);

    private final Map<String, String> logged = new ConcurrentHashMap<>();

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
