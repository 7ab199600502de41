package io.jitaccess.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The people of the benchmark realm: login users, session users (with the held roles as plain mappings, or eligible
 * for them through JIT), lag and approval users and the approver; each with a password and a one-time-code secret.
 */
final class BenchPeople {

    private BenchPeople() {}

    static ArrayNode all(boolean jit) {
        ArrayNode users = Web.JSON.createArrayNode();
        for (int i = 0; i < BenchRealm.LOGIN_USERS; i++) {
            user(users, BenchRealm.loginUser(i), null, List.of());
        }
        for (int i = 0; i < BenchRealm.SESSION_USERS; i++) {
            user(users, BenchRealm.sessionUser(i, false), null, List.of());
            // without JIT the three roles are plain role mappings; with JIT they are granted just in time
            user(
                    users,
                    BenchRealm.sessionUser(i, true),
                    jit ? "/bench-holders" : null,
                    jit ? List.of() : BenchRealm.HELD_ROLES);
        }
        for (int i = 0; i < BenchRealm.LAG_USERS; i++) {
            user(users, BenchRealm.lagUser(i), "/bench-lag", List.of());
        }
        for (int i = 0; i < BenchRealm.APPROVAL_USERS; i++) {
            user(users, BenchRealm.approvalUser(i), "/bench-appr", List.of());
        }
        user(users, BenchRealm.APPROVER, "/bench-approvers", List.of());
        return users;
    }

    private static void user(ArrayNode users, String username, String group, List<String> roles) {
        ObjectNode user = users.addObject()
                .put("username", username)
                .put("enabled", true)
                .put("email", username + "@bench.example")
                .put("emailVerified", true)
                .put("firstName", "Bench")
                .put("lastName", username);
        ArrayNode credentials = user.putArray("credentials");
        credentials
                .addObject()
                .put("type", "password")
                .put("value", BenchRealm.PASSWORD)
                .put("temporary", false);
        credentials
                .addObject()
                .put("type", "otp")
                .put("userLabel", "bench")
                .put("secretData", "{\"value\": \"" + BenchRealm.otpSecret(username) + "\"}")
                .put(
                        "credentialData",
                        "{\"subType\": \"totp\", \"digits\": 6, \"counter\": 0, \"period\": 30, \"algorithm\": \"HmacSHA1\"}");
        if (group != null) {
            user.putArray("groups").add(group);
        }
        if (!roles.isEmpty()) {
            roles.forEach(user.putArray("realmRoles")::add);
        }
    }
}
