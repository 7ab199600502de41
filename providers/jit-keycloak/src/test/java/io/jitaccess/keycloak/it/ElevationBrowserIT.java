package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The login step-up in headless Chromium: a contractor signs in to ops-console with password and OTP,
 * asks for prod-maintainer, and goes on into the app as soon as an approver decides.
 */
@DisplayName("Elevation inside the Keycloak login, in a real browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ElevationBrowserIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private CallbackApp ops;
    private CallbackApp reports;
    private UserTokens bob;
    private String approvalPolicy;
    private String autoPolicy;

    @BeforeAll
    void setUp() {
        ops = new CallbackApp(server, OPS_CONSOLE, OPS_CONSOLE_SECRET);
        reports = new CallbackApp(server, REPORTS_APP, REPORTS_APP_SECRET);
        bob = UserTokens.accountConsole(server, new FormLogin(server, "acme"), BOB, true);
        approvalPolicy = jit.createPolicy(
                Tokens.admin(server),
                "browser-it maintenance",
                Map.of(
                        "role",
                        List.of("ops-console.prod-maintainer"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT4H"),
                        "defaultDuration",
                        List.of("PT2H"),
                        "ticketRequired",
                        List.of("true"),
                        "ticketPattern",
                        List.of("[A-Z]+-[0-9]+"),
                        "ticketHint",
                        List.of("such as CHG-1234"),
                        "maxPendingRequests",
                        List.of("50"),
                        "maxActiveGrants",
                        List.of("50")));
        autoPolicy = jit.createPolicy(
                Tokens.admin(server),
                "browser-it operator",
                Map.of(
                        "role",
                        List.of("ops-console.operator"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxActiveGrants",
                        List.of("50")));
    }

    @AfterAll
    void tearDown() {
        ops.close();
        reports.close();
    }

    /** A new contractor signs in to ops-console with password and OTP and reaches the elevation form. */
    private LoginScreens.ElevationForm signInToElevation(Browser browser, String username) {
        TestPeople.contractor(server, username);
        LoginScreens screens = new LoginScreens(browser);
        browser.open(ops.loginUrl(""));
        screens.signInWithCode(username);
        return screens.elevation();
    }

    private JsonNode awaitSignedIn(Browser browser, CallbackApp app) {
        new LoginScreens(browser).waitFor("#app-signed-in");
        await().atMost(LoginScreens.PAGE_WAIT).until(() -> app.tokens() != null);
        JsonNode tokens = app.tokens();
        assertTrue(tokens.has("access_token"), tokens.toString());
        return Tokens.claims(tokens.path("access_token").asText());
    }

    @Test
    @DisplayName("request, wait, approval by bob: the waiting page moves on by itself and the token carries the role")
    void approved() {
        try (Browser browser = new Browser()) {
            LoginScreens.ElevationForm form = signInToElevation(browser, "browser-approve");
            LoginScreens screens = new LoginScreens(browser);
            assertTrue(browser.has(".pf-v5-c-login #kc-page-title"), "not the parent theme's layout");
            assertTrue(browser.find("link[href*='/login/jit/css/jit.css']") != null);
            browser.screenshot("elevation-1-request-form");

            form.policy(approvalPolicy)
                    .duration("PT2H")
                    .justification("Restart the billing job")
                    .ticket("CHG-1234")
                    .submit();
            screens.waitFor("#jit-waiting");
            browser.screenshot("elevation-2-waiting");

            Http.Response approved = jit.approve(
                    bob.access(), jit.pendingRequestOf(Tokens.admin(server), "browser-approve"), "Go ahead");
            assertEquals(200, approved.status(), approved.body());

            JsonNode claims = awaitSignedIn(browser, ops);
            browser.screenshot("elevation-3-back-in-the-app");
            assertTrue(CallbackApp.roles(claims, OPS_CONSOLE).contains("prod-maintainer"), claims.toString());
            assertEquals(
                    "prod-maintainer", claims.path("jit").get(0).path("role").asText());
            assertEquals("mfa", claims.path("acr").asText(), "the token does not show the second factor");
        }
    }

    @Test
    @DisplayName("a denial shows the approver's reason; the user can go on without elevation")
    void denied() {
        try (Browser browser = new Browser()) {
            LoginScreens.ElevationForm form = signInToElevation(browser, "browser-deny");
            form.policy(approvalPolicy)
                    .justification("Look at the logs")
                    .ticket("INC-42")
                    .submit();
            LoginScreens screens = new LoginScreens(browser).waitFor("#jit-waiting");

            jit.deny(bob.access(), jit.pendingRequestOf(Tokens.admin(server), "browser-deny"), "Not during the freeze");

            screens.waitFor("#jit-outcome");
            browser.screenshot("elevation-4-denied");
            assertEquals(
                    "Not during the freeze",
                    browser.find("#jit-denial-comment").getText().strip());
            browser.find("#jit-skip").click();
            JsonNode claims = awaitSignedIn(browser, ops);
            assertFalse(CallbackApp.roles(claims, OPS_CONSOLE).contains("prod-maintainer"), claims.toString());
            assertFalse(claims.has("jit"));
        }
    }

    @Test
    @DisplayName("an auto-approved policy goes straight through")
    void autoApproved() {
        try (Browser browser = new Browser()) {
            ops.forget();
            LoginScreens.ElevationForm form = signInToElevation(browser, "browser-auto");
            form.policy(autoPolicy).duration("PT30M").submit();
            JsonNode claims = awaitSignedIn(browser, ops);
            assertTrue(CallbackApp.roles(claims, OPS_CONSOLE).contains("operator"), claims.toString());
            assertEquals("operator", claims.path("jit").get(0).path("role").asText());
        }
    }

    @Test
    @DisplayName("a group policy shows as a group membership in the step, and the token carries the group's role")
    void groupThroughTheStep() {
        AdminGroups groups = new AdminGroups(server, "acme");
        Admin admin = new Admin(server);
        admin.createRole("browser-it-pager");
        admin.addScopeMapping(OPS_CONSOLE, "browser-it-pager");
        groups.create("browser-it-oncallers");
        groups.create("browser-it-oncall", "browser-it-pager");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "browser-it on-call",
                Map.of(
                        "group", List.of("/browser-it-oncall"),
                        "eligibleGroups", List.of("/browser-it-oncallers"),
                        "autoApprove", List.of("true"),
                        "maxDuration", List.of("PT1H"),
                        "justificationRequired", List.of("false")));
        TestPeople.person(server, "browser-oncall", "/browser-it-oncallers");
        try (Browser browser = new Browser()) {
            ops.forget();
            LoginScreens screens = new LoginScreens(browser);
            browser.open(ops.loginUrl(""));
            screens.signInWithCode("browser-oncall");
            LoginScreens.ElevationForm form = screens.elevation();
            String label = browser.find("input[name='policy'][value='" + policy + "'] ~ label")
                    .getText();
            assertEquals("/browser-it-oncall (group membership)", label);
            browser.screenshot("elevation-group");

            form.policy(policy).duration("PT30M").submit();

            JsonNode claims = awaitSignedIn(browser, ops);
            assertTrue(
                    GroupGrants.names(claims.path("realm_access").path("roles")).contains("browser-it-pager"),
                    claims.toString());
            String entries = claims.path("jit").toString();
            assertTrue(entries.contains("\"role\":\"browser-it-pager\",\"group\":\"/browser-it-oncall\""), entries);
        }
    }

    @Test
    @DisplayName("a refusal says why on the page and keeps what the user typed")
    void refusalKeepsInput() {
        try (Browser browser = new Browser()) {
            LoginScreens.ElevationForm form = signInToElevation(browser, "browser-refused");
            form.policy(approvalPolicy)
                    .justification("Urgent fix")
                    .ticket("see chat")
                    .submit();
            LoginScreens screens = new LoginScreens(browser);
            LoginScreens.ElevationForm again = screens.elevation();
            browser.screenshot("elevation-5-refused");
            assertEquals("The ticket does not have the expected form.", screens.errorMessage());
            assertTrue(browser.find("#jit-refusal-detail").getText().contains("such as CHG-1234"));
            assertEquals("Urgent fix", again.typedJustification());
        }
    }

    @Test
    @DisplayName("markup in a justification is shown as text, never run")
    void scriptShownAsText() {
        try (Browser browser = new Browser()) {
            String hostile = "<script>window.jitInjected=1</script><b>bold</b>";
            LoginScreens.ElevationForm form = signInToElevation(browser, "browser-script");
            form.policy(approvalPolicy).justification(hostile).ticket("CHG-7").submit();
            new LoginScreens(browser).waitFor("#jit-waiting");
            assertEquals(
                    hostile,
                    browser.find("#jit-summary-justification").getText().strip());
            assertNull(
                    browser.driver() instanceof org.openqa.selenium.JavascriptExecutor js
                            ? js.executeScript("return window.jitInjected;")
                            : null,
                    "the script ran");
            assertFalse(browser.has("#jit-summary-justification b"), "markup was rendered");
            jit.deny(bob.access(), jit.pendingRequestOf(Tokens.admin(server), "browser-script"), "test over");
        }
    }

    @Test
    @DisplayName("kc_action=jit-elevate opens the step from a signed-in session; an ordinary login never shows it")
    void applicationInitiatedAction() {
        try (Browser browser = new Browser()) {
            signInToElevation(browser, "browser-action").skip();
            awaitSignedIn(browser, ops);

            reports.forget();
            browser.open(reports.loginUrl(""));
            JsonNode reportsClaims = awaitSignedIn(browser, reports);
            assertFalse(reportsClaims.has("jit"));

            ops.forget();
            browser.open(ops.loginUrl("&kc_action=jit-elevate"));
            LoginScreens.ElevationForm form = new LoginScreens(browser).elevation();
            browser.screenshot("elevation-6-kc-action");
            form.skip();
            awaitSignedIn(browser, ops);
        }
    }
}
