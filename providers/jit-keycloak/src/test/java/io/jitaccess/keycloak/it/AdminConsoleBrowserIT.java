package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.Refusals.assertRefused;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What an admin does in Keycloak's own realm admin console, in headless Chromium: write a policy on the "JIT
 * policies" page (and read our validation message when it is wrong), see a grant as a role mapping, remove it
 * there, and find the revocation on the Events page. Each story has a role and people of its own.
 */
@DisplayName("JIT access in the realm admin console, in a real browser")
class AdminConsoleBrowserIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @Test
    @DisplayName(
            "an admin creates a policy on the JIT policies page, is told what is wrong first, and the API honours the saved policy")
    void createPolicyInConsole() {
        admin.createRole("console-admin-it-role");
        TestPeople.contractor(server, "console-admin-carl");
        try (Browser browser = new Browser()) {
            AdminConsolePage console = new AdminConsolePage(browser, server, "acme").open("/page-section/jit-policy");
            assertEquals("JIT policies", console.text("a[id='nav-item-page-section/jit-policy']"));
            assertEquals("JIT policies", console.text("h1"));
            browser.screenshot("admin-console-1-policies");

            console.click("a[href$='/page-section/jit-policy/add']");
            console.type("[data-testid='name']", "Console-made break-glass");
            console.pickRole("console-admin-it-role", false);
            console.type("[data-testid='config.eligibleUsers0']", "console-admin-carl");
            console.type("[data-testid='maxDuration']", "forever");
            console.type("[data-testid='defaultDuration']", "PT15M");
            assertTrue(console.switchOn("justificationRequired"), "a justification is asked for by default");
            console.flip("autoApprove");
            console.click("[data-testid='save']");
            String refused = console.alert("could not save");
            browser.screenshot("admin-console-2-refused");
            assertTrue(
                    refused.contains(
                            "Maximum duration must be an ISO-8601 duration such as PT30M or PT4H, not 'forever'."),
                    refused);
            assertTrue(
                    policies().stream().noneMatch(p -> p.path("name").asText().equals("Console-made break-glass")),
                    "a refused policy is not saved");

            console.dismissAlerts();
            console.type("[data-testid='maxDuration']", "PT30M");
            console.click("[data-testid='save']");
            console.alert("Saved successfully");
            browser.screenshot("admin-console-3-saved");

            console.open("/page-section/jit-policy");
            // the list shows a policy's target in one of two columns: its role or its group
            assertEquals(
                    List.of("Name", "Target role", "Target group", "Maximum duration", "Approve automatically"),
                    console.columnHeaders().subList(0, 5));
            // other tests' policies fill the first pages of the list: find ours as an admin would, by its name
            console.search("Console-made break-glass");
            List<String> row = console.rowsOnceShowing("Console-made break-glass").stream()
                    .filter(cells -> cells.contains("Console-made break-glass"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(row.contains("console-admin-it-role"), row.toString());
            assertTrue(row.contains("PT30M"), row.toString());
            assertTrue(row.contains("true"), row.toString());
            browser.screenshot("admin-console-4-listed");
        }

        UserTokens carl = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "console-admin-carl", true);
        JsonNode offered = StreamSupport.stream(
                        jit.policies(carl.access()).json().spliterator(), false)
                .filter(p -> p.path("name").asText().equals("Console-made break-glass"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the console's policy is not offered to the eligible user"));
        assertEquals("console-admin-it-role", offered.path("role").asText());
        assertEquals("PT30M", offered.path("maxDuration").asText());
        assertEquals("PT15M", offered.path("defaultDuration").asText());
        assertTrue(offered.path("autoApprove").asBoolean());
        String policy = offered.path("id").asText();
        assertRefused(
                jit.request(carl.access(), policy, "PT1H", "Longer than the console allows", null),
                400,
                "duration_too_long");
        Http.Response granted = jit.request(carl.access(), policy, "PT30M", "Within the console's limit", null);
        assertEquals(201, granted.status(), granted.body());
        assertEquals("APPROVED", granted.json().path("status").asText(), granted.body());
        assertTrue(admin.directRealmRoles(admin.userId("console-admin-carl")).contains("console-admin-it-role"));
    }

    @Test
    @DisplayName(
            "a grant shows as the user's role mapping; unassigning it in the console revokes the grant, and the Events page shows it")
    void unassignInConsoleRevokes() {
        String role = "console-unassign-it-role";
        admin.createRole(role);
        TestPeople.contractor(server, "console-admin-erin");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "console-unassign-it",
                Map.of(
                        "role",
                        List.of(role),
                        "eligibleUsers",
                        List.of("console-admin-erin"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "endSessionsOnRevoke",
                        List.of("false")));
        UserTokens erin = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "console-admin-erin", true);
        Http.Response granted = jit.request(erin.access(), policy, "PT1H", "Rotate the signing keys", "CHG-77");
        assertEquals(201, granted.status(), granted.body());
        String grantId = granted.json().path("grantId").asText();
        String userId = admin.userId("console-admin-erin");

        try (Browser browser = new Browser()) {
            AdminConsolePage console =
                    new AdminConsolePage(browser, server, "acme").open("/users/" + userId + "/role-mapping");
            console.rowsOnceShowing(role);
            browser.screenshot("admin-console-5-grant-as-role-mapping");
            console.rowAction(role, "Unassign");
            console.click("[data-testid='confirm']");
            console.alert("Role mapping updated");
            console.dismissAlerts();
            await("the role gone from the tab").atMost(Duration.ofSeconds(30)).until(() -> console.rows().stream()
                    .noneMatch(cells -> cells.contains(role)));

            JsonNode grant = admin.grant("console-admin-erin", role, grantId);
            assertEquals("REVOKED", grant.path("status").asText(), grant.toString());
            assertFalse(admin.directRealmRoles(userId).contains(role));

            console.open("/events/admin-events");
            console.rowsOnceShowing("jit/grants/");
            String representation = revocationShown(console, grantId);
            browser.screenshot("admin-console-6-event-representation");
            JsonNode shown = new Http.Response(200, representation, null).json();
            assertEquals("jit_grant_revoked", shown.path("action").asText(), representation);
            assertEquals(
                    "revoked: role mapping removed by admin",
                    shown.path("reason").asText(),
                    representation);
            assertEquals("console-admin-erin", shown.path("subject").asText(), representation);
            assertEquals(role, shown.path("role").asText(), representation);
            assertEquals("admin", shown.path("actor").asText(), representation);
        }
    }

    @Test
    @DisplayName("markup in a policy's name shows as text in the JIT policies list, and nothing runs")
    void markupShowsAsText() {
        String hostile = "console-markup <img src=x onerror=\"window.jitInjected=1\"><b>bold</b>";
        admin.createRole("console-markup-it-role");
        jit.createPolicy(
                Tokens.admin(server),
                hostile,
                Map.of(
                        "role",
                        List.of("console-markup-it-role"),
                        "eligibleUsers",
                        List.of("dave"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H")));
        try (Browser browser = new Browser()) {
            AdminConsolePage console = new AdminConsolePage(browser, server, "acme").open("/page-section/jit-policy");
            console.search("console-markup");
            List<List<String>> rows = console.rowsOnceShowing("console-markup");
            browser.screenshot("admin-console-7-markup-as-text");
            assertTrue(
                    rows.stream().anyMatch(cells -> cells.stream().anyMatch(cell -> cell.contains(hostile))),
                    "the name is not shown as typed: " + rows);
            assertFalse(browser.has("table tbody b, table tbody img"), "the markup became elements");
            assertEquals(null, browser.script("return window.jitInjected;"), "the script ran");
        }
    }

    /**
     * Opens the representation of each JIT admin event on the Events page until one is the revocation of the
     * grant, and returns its text as the console shows it.
     */
    private static String revocationShown(AdminConsolePage console, String grantId) {
        List<List<String>> rows = console.rows();
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).contains("CUSTOM")) {
                continue;
            }
            String text = console.representationOfRow(i);
            if (text.contains(grantId) && text.contains("jit_grant_revoked")) {
                return text;
            }
            seen.append(text).append('\n');
        }
        throw new AssertionError("no revocation of " + grantId + " among the events shown:\n" + seen);
    }

    private List<JsonNode> policies() {
        JsonNode list = Http.get(server.baseUrl() + "/admin/realms/acme/jit/policies", Tokens.admin(server))
                .json();
        return StreamSupport.stream(list.spliterator(), false).toList();
    }
}
