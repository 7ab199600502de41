package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A decision needs a second factor of this moment: without a setting an approver's second factor may be at most
 * 300 s old, and a token of an offline session (whose login may be weeks old) proves nothing, for approvers and
 * for requesters a policy asks freshness of.
 */
@DisplayName("Decisions need a second factor of this moment; offline tokens prove none")
class MfaFreshnessIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @Test
    @DisplayName("a policy that does not set approver freshness asks for 300 s; an explicit 0 stays 0")
    void defaultFreshness() {
        admin.createRole("mfa-it-role");
        jit.createPolicy(
                Tokens.admin(server),
                "mfa-it default",
                Map.of("role", List.of("mfa-it-role"), "approverGroups", List.of("/approvers")));
        jit.createPolicy(
                Tokens.admin(server),
                "mfa-it zero",
                Map.of(
                        "role",
                        List.of("mfa-it-role"),
                        "approverGroups",
                        List.of("/approvers"),
                        "approverMfaMaxAge",
                        List.of("0")));

        assertEquals(300, policy("mfa-it default").path("approverMfaMaxAge").asInt());
        assertEquals(0, policy("mfa-it zero").path("approverMfaMaxAge").asInt());
    }

    @Test
    @DisplayName(
            "an approver's token from an offline session cannot decide, even where any age is allowed; nor can a requester's")
    void offlineTokensRefused() {
        admin.createRole("mfa-it-offline-role");
        TestPeople.person(server, "mfa-it-requester", null);
        TestPeople.person(server, "mfa-it-requester-2", null);
        TestPeople.person(server, "mfa-it-approver", "/approvers");
        jit.createPolicy(
                Tokens.admin(server),
                "mfa-it offline",
                Map.of(
                        "role",
                        List.of("mfa-it-offline-role"),
                        "eligibleUsers",
                        List.of("mfa-it-requester", "mfa-it-requester-2"),
                        "approverGroups",
                        List.of("/approvers"),
                        "approverMfaMaxAge",
                        List.of("0"),
                        "requesterMfaMaxAge",
                        List.of("600"),
                        "justificationRequired",
                        List.of("false")));
        String requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "mfa-it-requester", true)
                .access();
        Http.Response request = jit.request(requester, "mfa-it offline", "PT10M", "offline test", null);
        assertEquals(201, request.status(), request.body());
        String requestId = request.json().path("id").asText();

        Refusals.assertRefused(
                jit.approve(offlineToken("mfa-it-approver"), requestId, "from the sofa"), 403, "stale_mfa");
        Refusals.assertRefused(
                jit.request(offlineToken("mfa-it-requester-2"), "mfa-it offline", "PT10M", "again", null),
                403,
                "stale_mfa");
        assertEquals(
                "PENDING", jit.read(requester, requestId).json().path("status").asText());
    }

    /** An access token of an offline session whose online session has ended (the login is over; the offline token lives on). */
    private String offlineToken(String username) {
        UserTokens tokens = UserTokens.accountConsole(
                server, new FormLogin(server, "acme"), username, "&scope=openid%20offline_access");
        for (JsonNode online : Http.get(
                        server.baseUrl() + "/admin/realms/acme/users/" + admin.userId(username) + "/sessions",
                        Tokens.admin(server))
                .json()) {
            assertEquals(
                    204,
                    Http.delete(
                                    server.baseUrl() + "/admin/realms/acme/sessions/"
                                            + online.path("id").asText(),
                                    Tokens.admin(server))
                            .status());
        }
        JsonNode offline = Http.get(
                        server.baseUrl() + "/admin/realms/acme/users/" + admin.userId(username) + "/offline-sessions/"
                                + admin.clientUuid("account-console"),
                        Tokens.admin(server))
                .json();
        assertEquals(1, offline.size(), "no offline session: " + offline);
        Http.Response refreshed = tokens.refresh();
        assertEquals(200, refreshed.status(), refreshed.body());
        return tokens.access();
    }

    private JsonNode policy(String name) {
        return jit.adminPolicy(Tokens.admin(server), name);
    }
}
