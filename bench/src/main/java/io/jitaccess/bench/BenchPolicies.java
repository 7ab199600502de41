package io.jitaccess.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The benchmark realm's JIT policies, as the realm JSON's {@code jit-policy} components. */
final class BenchPolicies {

    private final ArrayNode policies = Web.JSON.createArrayNode();

    private BenchPolicies() {}

    static ArrayNode all() {
        BenchPolicies all = new BenchPolicies();
        for (String role : BenchRealm.HELD_ROLES) {
            all.policy("bench " + role)
                    .set("role", role)
                    .set("eligibleGroups", "/bench-holders")
                    .set("eligibleServiceAccounts", BenchRealm.BOT_GRANTED)
                    .set("autoApprove", "true")
                    .set("maxDuration", "PT8H")
                    .set("defaultDuration", "PT8H")
                    .set("justificationRequired", "false")
                    .set("endSessionsOnRevoke", "false");
        }
        all.policy("bench lag")
                .set("role", BenchRealm.LAG_ROLE)
                .set("eligibleGroups", "/bench-lag")
                .set("autoApprove", "true")
                .set("maxDuration", "PT1H")
                .set("justificationRequired", "false")
                .set("endSessionsOnRevoke", "false");
        all.policy("bench approval")
                .set("role", BenchRealm.APPROVAL_ROLE)
                .set("eligibleGroups", "/bench-appr")
                .set("approverGroups", "/bench-approvers")
                .set("maxDuration", "PT1H")
                .set("defaultDuration", "PT5M")
                .set("justificationRequired", "false");
        all.policy(BenchRealm.SOAK_POLICY)
                .set("role", BenchRealm.SOAK_ROLE)
                .set("eligibleGroups", "/bench-appr")
                .set("approverGroups", "/bench-appr")
                .set("maxDuration", "PT1H")
                .set("defaultDuration", "PT2M")
                .set("maxPendingRequests", "5")
                .set("maxActiveGrants", "1000")
                .set("justificationRequired", "false")
                .set("endSessionsOnRevoke", "false");
        // the sweep benchmark seeds its grants by SQL under this policy; nobody may ask for it
        all.policy("bench sweep")
                .set("role", BenchRealm.SWEEP_ROLE)
                .set("eligibleUsers", "nobody")
                .set("autoApprove", "true")
                .set("maxDuration", "PT1H")
                .set("justificationRequired", "false");
        return all.policies;
    }

    private Config policy(String name) {
        ObjectNode policy = policies.addObject().put("name", name).put("providerId", "jit-policy");
        policy.putObject("subComponents");
        Config config = new Config(policy.putObject("config"));
        return config.set("name", name);
    }

    /** One policy's settings, each a one-value list as Keycloak's component JSON has them. */
    private record Config(ObjectNode values) {
        Config set(String key, String value) {
            values.putArray(key).add(value);
            return this;
        }
    }
}
