package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The standing-privilege report: who holds a privileged role permanently, and how; and making them eligible instead. */
@DisplayName("The standing-privilege report finds permanent holders and turns them into eligible users")
class StandingReportIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @Test
    @DisplayName("direct, group and composite holders are listed (JSON and CSV); a direct holder is made eligible")
    void reportAndMakeEligible() {
        String token = Tokens.admin(server);
        String base = server.baseUrl() + "/admin/realms/acme";
        admin.createRole("report-it-role");
        admin.createRole("report-it-parent");
        assertEquals(
                204,
                Http.postJson(base + "/roles/report-it-parent/composites", token, List.of(admin.role("report-it-role")))
                        .status());
        jit.createPolicy(
                token,
                "report-it",
                Map.of(
                        "role",
                        List.of("report-it-role"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers")));
        admin.grantRealmRole(admin.userId("dave"), "report-it-role");
        admin.grantRealmRole(admin.userId("bob"), "report-it-parent");
        Http.Response group = Http.postJson(base + "/groups", token, Map.of("name", "report-it-group"));
        assertTrue(group.status() == 201 || group.status() == 409, group.body());
        String groupId = Http.get(base + "/groups?search=report-it-group&exact=true", token)
                .json()
                .get(0)
                .path("id")
                .asText();
        assertEquals(
                204,
                Http.postJson(
                                base + "/groups/" + groupId + "/role-mappings/realm",
                                token,
                                List.of(admin.role("report-it-role")))
                        .status());
        assertEquals(
                204,
                Http.send(Http.request(base + "/users/" + admin.userId("carol") + "/groups/" + groupId, token)
                                .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())
                                .build())
                        .status());

        JsonNode entry = null;
        for (JsonNode e : Http.get(base + "/jit/report", token).json()) {
            if (e.path("role").asText().equals("report-it-role")) {
                entry = e;
            }
        }
        assertTrue(entry != null, "the privileged role is not in the report");
        assertEquals("report-it", entry.path("policies").get(0).asText());
        Map<String, String> via = new HashMap<>();
        entry.path("holders")
                .forEach(h -> via.put(h.path("username").asText(), h.path("via").asText()));
        assertEquals("direct", via.get("dave"));
        assertEquals("group:/report-it-group", via.get("carol"));
        assertEquals("composite:report-it-parent", via.get("bob"));
        assertFalse(via.containsKey("alice"), "alice holds nothing permanently");

        Http.Response csv = Http.get(base + "/jit/report?format=csv", token);
        assertEquals(200, csv.status());
        assertTrue(
                csv.body().contains("report-it-role,report-it,") && csv.body().contains(",dave,direct,"), csv.body());

        Http.Response viaGroup = Http.postJson(
                base + "/jit/report/make-eligible",
                token,
                Map.of("user", "carol", "policy", "report-it", "reason", "zero standing privilege"));
        assertEquals(409, viaGroup.status(), viaGroup.body());

        Http.Response made = Http.postJson(
                base + "/jit/report/make-eligible",
                token,
                Map.of("user", "dave", "policy", "report-it", "reason", "zero standing privilege"));
        assertEquals(200, made.status(), made.body());
        assertFalse(
                admin.directRealmRoles(admin.userId("dave")).contains("report-it-role"), "the standing mapping stayed");
        UserTokens dave = UserTokens.accountConsole(server, new FormLogin(server, "acme"), DemoUsers.DAVE, false);
        assertTrue(jit.policies(dave.access()).body().contains("report-it"), "dave is not eligible now");
        assertTrue(jit.auditEntries(Tokens.admin(server)).stream()
                .anyMatch(e -> e.path("action").asText().equals("STANDING_MADE_ELIGIBLE")
                        && e.path("subject").asText().equals("dave")));
    }
}
