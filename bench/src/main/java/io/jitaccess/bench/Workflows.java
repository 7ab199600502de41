package io.jitaccess.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Keycloak's own way to give a role for a while (Workflows, on by default in 26.7): one workflow per duration
 * bucket, {@code on: user-role-granted(bucket-N)} with the step {@code revoke-role} after N seconds; the role is
 * given by the admin API. Scheduled steps run on Keycloak's step runner, every second here (its default is 12 h).
 * The intended end is the role-granted model event plus N seconds.
 */
final class Workflows implements RevocationLag.Giver {

    /** The same on both servers, so that neither pays for what the other does not. */
    static final String FEATURES = "declarative-ui";

    static final String[] RUN_OPTIONS = {"--spi-events-listener--workflow-event-listener--step-runner-task-interval=1s"
    };

    private final Map<String, JsonNode> roles = new ConcurrentHashMap<>();
    private final Map<String, Integer> bucketOfUser = new ConcurrentHashMap<>();

    @Override
    public String label() {
        return "Keycloak Workflows";
    }

    void install(Target target) {
        for (int seconds : BenchRealm.BUCKETS) {
            String role = BenchRealm.bucketRole(seconds);
            Map<String, Object> workflow = Map.of(
                    "name",
                    "bench " + role,
                    "on",
                    "user-role-granted(" + role + ")",
                    "steps",
                    List.of(Map.of("uses", "revoke-role", "after", seconds + "s", "with", Map.of("role", role))));
            Web.postJson(target.admin() + "/workflows", target.adminToken(), workflow)
                    .expect(201, "workflow " + role);
        }
    }

    @Override
    public String give(Target target, int index, String userId, String accessToken, int seconds) {
        int bucket = BenchRealm.BUCKETS.stream()
                .min((a, b) -> Integer.compare(Math.abs(a - seconds), Math.abs(b - seconds)))
                .orElseThrow();
        String role = BenchRealm.bucketRole(bucket);
        JsonNode representation =
                roles.computeIfAbsent(role, r -> Web.get(target.admin() + "/roles/" + r, target.adminToken())
                        .expect(200, "role " + r)
                        .json());
        bucketOfUser.put(userId, bucket);
        Web.postJson(
                        target.admin() + "/users/" + userId + "/role-mappings/realm",
                        target.adminToken(),
                        List.of(representation))
                .expect(204, "role mapping");
        return role;
    }

    @Override
    public Map<String, Long> intendedEnds(Target target, Map<String, String> roleOfUser) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (true) {
            Map<String, Long> ends = new HashMap<>();
            for (Target.ProbeEvent e : target.probeEvents()) {
                if (e.what().equals("granted") && e.role().equals(roleOfUser.get(e.userId()))) {
                    ends.putIfAbsent(e.userId(), e.millis() + bucketOfUser.get(e.userId()) * 1000L);
                }
            }
            if (ends.size() == roleOfUser.size()) {
                return ends;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(
                        "the probe saw " + ends.size() + " of " + roleOfUser.size() + " role grants");
            }
            LockSupport.parkNanos(200_000_000L);
        }
    }
}
