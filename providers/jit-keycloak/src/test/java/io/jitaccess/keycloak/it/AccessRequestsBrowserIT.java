package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The account console page "Access requests" in headless Chromium, on a real server with our account theme.
 * Each story has people of its own, made like the demo realm's (a contractor who asks like alice, an approver
 * in /approvers who decides like bob, a bystander in no group who, like dave, may ask for and decide nothing),
 * so that the demo users other tests rely on (and change: dave may be made eligible) keep their state.
 */
@DisplayName("Access requests in the account console, in a real browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessRequestsBrowserIT {

    private static final Duration STALE_WAIT = Duration.ofSeconds(60);

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private CallbackApp ops;
    private String maintenance;
    private String quickFix;
    private String operator;

    @BeforeAll
    void setUp() {
        ops = new CallbackApp(server, OPS_CONSOLE, OPS_CONSOLE_SECRET);
        String admin = Tokens.admin(server);
        maintenance = jit.createPolicy(
                admin,
                "console-it maintenance",
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
        // approvers must have confirmed their second factor at most 15 s before they decide
        quickFix = jit.createPolicy(
                admin,
                "console-it quick fix",
                Map.of(
                        "role",
                        List.of("ops-console.prod-maintainer"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "approverMfaMaxAge",
                        List.of("15"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("50"),
                        "maxActiveGrants",
                        List.of("50")));
        operator = jit.createPolicy(
                admin,
                "console-it operator",
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
                        List.of("50"),
                        "endSessionsOnRevoke",
                        List.of("false")));
    }

    @AfterAll
    void tearDown() {
        ops.close();
    }

    /** A new contractor signs in to ops-console, asks for prod-maintainer under the maintenance policy and waits. */
    private String waitingLogin(Browser browser, String username, String justification, String ticket) {
        TestPeople.contractor(server, username);
        LoginScreens screens = new LoginScreens(browser);
        browser.open(ops.loginUrl(""));
        screens.signInWithCode(username);
        screens.elevation()
                .policy(maintenance)
                .duration("PT2H")
                .justification(justification)
                .ticket(ticket)
                .submit();
        screens.waitFor("#jit-waiting");
        return jit.pendingRequestOf(Tokens.admin(server), username);
    }

    /** A new contractor asks through the API, with a token that shows a second factor. */
    private String requestedByApi(String username, String policy, String justification, String ticket) {
        TestPeople.contractor(server, username);
        UserTokens requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), username, true);
        Http.Response created = jit.request(requester.access(), policy, "PT1H", justification, ticket);
        assertEquals(201, created.status(), created.body());
        return created.json().path("id").asText();
    }

    private JsonNode request(String username, String requestId) {
        JsonNode requests =
                jit.adminRequests(Tokens.admin(server), "?user=" + username).json();
        for (JsonNode request : requests) {
            if (requestId.equals(request.path("id").asText())) {
                return request;
            }
        }
        throw new AssertionError("no request " + requestId + " in " + requests);
    }

    /** A person in no group: eligible for nothing and approving nothing, whatever other tests did to dave. */
    private String bystander() {
        TestPeople.person(server, "console-dave", null);
        return "console-dave";
    }

    private static String approver(KeycloakEndpoint server, String username) {
        TestPeople.person(server, username, "/approvers");
        return username;
    }

    @Test
    @DisplayName(
            "an approver sees the waiting request with all it says, approves with a comment after a step-up; the waiting login moves on")
    void approveWithComment() {
        try (Browser requesterBrowser = new Browser();
                Browser approverBrowser = new Browser()) {
            String requestId = waitingLogin(requesterBrowser, "console-alice", "Restart the billing job", "CHG-4711");
            String bob = approver(server, "console-bob");

            AccessRequestsPage page =
                    new AccessRequestsPage(approverBrowser, server).signInWithPassword(bob, bob + "-pw");
            AccessRequestsPage.RequestCard card = page.request(requestId);
            approverBrowser.screenshot("access-requests-1-waiting-for-bob");
            assertEquals("console-alice", card.field("requester"));
            assertEquals("prod-maintainer", card.field("role"));
            assertEquals("ops-console", card.field("client"));
            assertEquals("2 hr", card.field("duration"));
            assertEquals("Restart the billing job", card.field("justification"));
            assertEquals("CHG-4711", card.field("ticket"));
            assertEquals(request("console-alice", requestId).path("sourceIp").asText(), card.field("sourceIp"));
            assertFalse(card.field("sourceIp").isBlank());
            assertTrue(card.field("mfa").contains("mfa"), card.field("mfa"));
            assertEquals("console-it maintenance", card.field("policy"));
            assertFalse(card.field("expiresAt").isBlank());
            assertTrue(
                    page.text("[data-request-id='" + requestId + "'] [data-testid='jit-time-left']")
                            .matches(".*\\d.*"),
                    "no time left shown");
            assertEquals("PENDING", card.status());
            // signed in with a password only: the page says a second factor will be asked for
            assertTrue(card.has("jit-needs-second-factor"));

            AccessRequestsPage.DecisionModal modal = card.approve();
            assertTrue(page.shows("[data-testid='jit-step-up-needed']"));
            modal.comment("Go ahead, watch the error rate").confirm();
            page.confirmSecondFactor(bob, bob + "-pw", bob + "-otp");
            assertTrue(approverBrowser.url().contains("request=" + requestId), approverBrowser.url());
            modal = page.decision();
            assertTrue(page.shows("[data-testid='jit-step-up-done']"));
            assertEquals("Go ahead, watch the error rate", modal.typedComment(), "the comment was lost in the step-up");
            approverBrowser.screenshot("access-requests-2-back-from-step-up");
            modal.confirm();

            assertEquals("Approved: console-alice now holds prod-maintainer (ops-console).", page.alert());
            await("the card to leave 'Waiting for me'")
                    .atMost(LoginScreens.PAGE_WAIT)
                    .until(() -> !page.shows("[data-testid='jit-waiting'] [data-request-id='" + requestId + "']"));
            approverBrowser.screenshot("access-requests-3-approved");

            new LoginScreens(requesterBrowser).waitFor("#app-signed-in");
            await().atMost(LoginScreens.PAGE_WAIT).until(() -> ops.tokens() != null);
            JsonNode claims = Tokens.claims(ops.tokens().path("access_token").asText());
            assertTrue(CallbackApp.roles(claims, OPS_CONSOLE).contains("prod-maintainer"), claims.toString());

            JsonNode decided = request("console-alice", requestId);
            assertEquals("APPROVED", decided.path("status").asText());
            assertEquals(
                    "Go ahead, watch the error rate",
                    decided.path("approvals").get(0).path("comment").asText());
            assertEquals(
                    bob,
                    decided.path("approvals")
                            .get(0)
                            .path("approver")
                            .path("username")
                            .asText());
        }
    }

    @Test
    @DisplayName("a denial needs a comment; the requester's waiting login shows it")
    void denyNeedsComment() {
        try (Browser requesterBrowser = new Browser();
                Browser approverBrowser = new Browser()) {
            String requestId = waitingLogin(requesterBrowser, "console-deny", "Look at the logs", "INC-42");
            String bob = approver(server, "console-denier");

            AccessRequestsPage page = new AccessRequestsPage(approverBrowser, server)
                    .signInWithSecondFactor(bob, bob + "-pw", bob + "-otp");
            AccessRequestsPage.RequestCard card = page.request(requestId);
            assertFalse(card.has("jit-needs-second-factor"), "a fresh second factor was not recognised");

            AccessRequestsPage.DecisionModal modal = card.deny();
            modal.confirm();
            assertEquals("Say why you deny the request.", modal.problem());
            assertEquals("comment_required", modal.problemCode());
            approverBrowser.screenshot("access-requests-4-deny-needs-comment");
            assertEquals(
                    "PENDING", request("console-deny", requestId).path("status").asText());

            modal.comment("Not during the freeze").confirm();
            assertEquals("Denied: console-deny will not get prod-maintainer (ops-console).", page.alert());

            LoginScreens requester = new LoginScreens(requesterBrowser).waitFor("#jit-outcome");
            assertEquals(
                    "Not during the freeze",
                    requesterBrowser.find("#jit-denial-comment").getText().strip());
            assertEquals(
                    "DENIED", request("console-deny", requestId).path("status").asText());

            page.tab("mine");
            assertTrue(
                    page.shows("[data-testid='jit-empty-mine']"),
                    "an approver without requests sees an explained empty list");
            requester.waitFor("#jit-skip");
        }
    }

    @Test
    @DisplayName("an approver whose second factor is older than the policy allows steps up and comes back to decide")
    void staleApproverStepsUp() {
        String requestId = requestedByApi("console-stale-requester", quickFix, "Fix the cache", null);
        String bob = approver(server, "console-stale-bob");
        try (Browser browser = new Browser()) {
            AccessRequestsPage page =
                    new AccessRequestsPage(browser, server).signInWithSecondFactor(bob, bob + "-pw", bob + "-otp");
            AccessRequestsPage.RequestCard card = page.request(requestId);
            // the page asks again every few seconds; once the factor is older than 15 s it says a step-up is due
            await("the page to see the second factor go stale")
                    .atMost(STALE_WAIT)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> card.has("jit-needs-second-factor"));
            browser.screenshot("access-requests-5-stale-approver");

            card.approve().comment("Approved after a fresh code").confirm();
            page.confirmSecondFactor(bob, bob + "-pw", bob + "-otp");
            AccessRequestsPage.DecisionModal modal = page.decision();
            assertTrue(page.shows("[data-testid='jit-step-up-done']"));
            assertEquals("Approved after a fresh code", modal.typedComment());
            modal.confirm();
            assertEquals("Approved: console-stale-requester now holds prod-maintainer (ops-console).", page.alert());
            assertEquals(
                    "APPROVED",
                    request("console-stale-requester", requestId).path("status").asText());
        }
    }

    @Test
    @DisplayName("someone like dave, eligible for nothing and approving nothing, sees three explained empty views")
    void daveSeesNothingToDecide() {
        String dave = bystander();
        try (Browser browser = new Browser()) {
            AccessRequestsPage page = new AccessRequestsPage(browser, server).signInWithPassword(dave, dave + "-pw");
            page.tab("waiting");
            assertTrue(page.shows("[data-testid='jit-empty-waiting']"));
            assertEquals("Nothing waits for your decision", page.text("[data-testid='jit-empty-waiting'] h3"));
            assertFalse(page.shows("[data-testid='jit-request']"), "dave sees someone's request");
            assertEquals("No role is open to you for elevation.", page.text("[data-testid='jit-nothing-eligible']"));
            assertFalse(browser.find("[data-testid='jit-request-access']").isEnabled(), "dave may ask for nothing");
            browser.screenshot("access-requests-6-dave-nothing");

            // the page sits in the console's own frame: its masthead, its menu with Keycloak's pages, our entry current
            assertTrue(
                    page.shows(".pf-v5-c-page > .pf-v5-c-masthead[data-testid='page-header']"), "no console masthead");
            assertTrue(
                    page.shows(".pf-v5-c-page__sidebar nav [data-testid='personal-info']"),
                    "Keycloak's pages are not in the menu");
            assertTrue(
                    page.shows(".pf-v5-c-page__sidebar nav [data-testid='accountSecurity']"),
                    "Keycloak's pages are not in the menu");
            // (at this width the menu is folded behind its toggle: read what it holds, shown or not)
            assertEquals(
                    "Access requests",
                    browser.find(".pf-v5-c-page__sidebar nav .pf-v5-c-nav__link.pf-m-current")
                            .getAttribute("textContent")
                            .strip());
            assertTrue(
                    page.shows("main.pf-v5-c-page__main #jit-access-requests"),
                    "the page is not the console's main section");
            assertEquals("Access requests", page.text("main.pf-v5-c-page__main h1"));
            assertTrue(page.shows("link[href*='/resources/'][href$='.css'], style"), "no console styles");

            page.tab("mine");
            assertTrue(page.text("[data-testid='jit-empty-mine']").contains("You are not eligible for any role"));
            page.tab("access");
            assertEquals("No elevated access right now", page.text("[data-testid='jit-empty-access'] h3"));
        }
    }

    @Test
    @DisplayName("the page speaks the console's languages (de, fr) and follows dark mode with PatternFly's dark theme")
    void languagesAndDarkMode() {
        String dave = bystander();
        try (Browser browser = new Browser("de", true)) {
            AccessRequestsPage page = new AccessRequestsPage(browser, server).signInWithPassword(dave, dave + "-pw");
            assertEquals("Zugriffsanfragen", page.text("main.pf-v5-c-page__main h1"));
            assertEquals("Nichts wartet auf Ihre Entscheidung", page.text("[data-testid='jit-empty-waiting'] h3"));
            assertEquals(
                    Boolean.TRUE,
                    browser.script("return document.documentElement.classList.contains('pf-v5-theme-dark');"),
                    "the console did not switch to PatternFly's dark theme");
            String background = (String) browser.script(
                    "return getComputedStyle(document.querySelector('.pf-v5-c-page__main-section')).backgroundColor;");
            assertTrue(luminance(background) < 0.2, "the page is not dark: " + background);
            browser.screenshot("access-requests-10-de-dark");
        }
        try (Browser browser = new Browser("fr", false)) {
            AccessRequestsPage page = new AccessRequestsPage(browser, server).signInWithPassword(dave, dave + "-pw");
            assertEquals("Demandes d’accès", page.text("main.pf-v5-c-page__main h1"));
            assertEquals("Rien n’attend votre décision", page.text("[data-testid='jit-empty-waiting'] h3"));
            assertEquals(
                    Boolean.FALSE,
                    browser.script("return document.documentElement.classList.contains('pf-v5-theme-dark');"));
            browser.screenshot("access-requests-11-fr-light");
        }
    }

    /** The relative luminance (0 black … 1 white) of a CSS {@code rgb(…)} / {@code rgba(…)} colour. */
    private static double luminance(String cssColour) {
        String[] parts = cssColour.replaceAll("[^0-9.,]", "").split(",");
        double r = Double.parseDouble(parts[0]) / 255,
                g = Double.parseDouble(parts[1]) / 255,
                b = Double.parseDouble(parts[2]) / 255;
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    @Test
    @DisplayName("markup and script in a justification show as text to the approver, and nothing runs")
    void scriptShowsAsText() {
        String hostile =
                "<script>window.jitInjected=1</script><img src=x onerror=\"window.jitInjected=2\"><b>billing</b>";
        String requestId = requestedByApi("console-script", maintenance, hostile, "CHG-666");
        String bob = approver(server, "console-script-bob");
        try (Browser browser = new Browser()) {
            AccessRequestsPage page = new AccessRequestsPage(browser, server).signInWithPassword(bob, bob + "-pw");
            AccessRequestsPage.RequestCard card = page.request(requestId);
            browser.screenshot("access-requests-7-script-as-text");
            assertEquals(hostile, card.field("justification"));
            assertFalse(card.hasMarkupIn("justification"), "markup was rendered");
            assertNull(
                    ((JavascriptExecutor) browser.driver()).executeScript("return window.jitInjected;"),
                    "the script ran");
        }
        assertEquals(
                200,
                jit.deny(
                                UserTokens.accountConsole(server, new FormLogin(server, "acme"), bob, true)
                                        .access(),
                                requestId,
                                "test over")
                        .status());
    }

    @Test
    @DisplayName(
            "a contractor asks for a role in the console (step-up, same refusals as the API), gets it and ends it early")
    void requestAndEndInTheConsole() {
        String username = "console-asker";
        TestPeople.contractor(server, username);
        try (Browser browser = new Browser()) {
            AccessRequestsPage page =
                    new AccessRequestsPage(browser, server).signInWithPassword(username, username + "-pw");
            page.tab("access");
            assertTrue(page.shows("[data-testid='jit-empty-access']"));

            browser.find("[data-testid='jit-request-access']").click();
            page.requestForm()
                    .policy(maintenance)
                    .duration("PT2H")
                    .justification("Rotate the keys")
                    .ticket("see chat")
                    .send();
            page.confirmSecondFactor(username, username + "-pw", username + "-otp");
            AccessRequestsPage.RequestForm form = page.requestForm();
            assertTrue(page.shows("[data-testid='jit-step-up-done']"));
            assertEquals("Rotate the keys", form.typedJustification(), "the form was lost in the step-up");
            form.send();
            page.waitFor("#jit-ticket-error");
            assertTrue(page.text("#jit-ticket-error").contains("such as CHG-1234"), page.text("#jit-ticket-error"));
            browser.screenshot("access-requests-8-refused-ticket");

            form.policy(operator).duration("PT30M").send();
            assertEquals("Approved: you hold operator (ops-console) now.", page.alert());
            page.waitFor("[data-testid='jit-access'] [data-testid='jit-grant']");
            browser.screenshot("access-requests-9-my-access");
            JsonNode grants =
                    jit.adminGrants(Tokens.admin(server), "?user=" + username).json();
            assertEquals(1, grants.size(), grants.toString());
            String grantId = grants.get(0).path("id").asText();
            assertTrue(page.shows("[data-grant-id='" + grantId + "']"));

            browser.find("[data-grant-id='" + grantId + "'] [data-testid='jit-end-grant']")
                    .click();
            page.waitFor("[data-testid='jit-confirm-end']");
            browser.find("[data-testid='jit-confirm-end']").click();
            page.waitFor("[data-testid='jit-empty-access']");
            assertEquals(
                    0,
                    jit.adminGrants(Tokens.admin(server), "?user=" + username)
                            .json()
                            .size(),
                    "the grant did not end");
        }
    }

    @Test
    @DisplayName("a group grant shows as the group in the console, and ending it there ends the membership")
    void groupGrantInTheConsole() {
        AdminGroups groups = new AdminGroups(server, "acme");
        groups.create("console-it-oncallers");
        String oncall = groups.create("console-it-oncall");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "console-it on-call",
                Map.of(
                        "group", List.of("/console-it-oncall"),
                        "eligibleGroups", List.of("/console-it-oncallers"),
                        "autoApprove", List.of("true"),
                        "maxDuration", List.of("PT1H"),
                        "justificationRequired", List.of("false"),
                        "endSessionsOnRevoke", List.of("false")));
        String username = "console-oncall";
        TestPeople.person(server, username, "/console-it-oncallers");
        UserTokens requester = UserTokens.accountConsole(server, new FormLogin(server, "acme"), username, true);
        Http.Response created = jit.request(requester.access(), policy, "PT30M", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();
        String userId = new Admin(server).userId(username);
        assertTrue(groups.groupsOf(userId).contains("/console-it-oncall"), "no membership while granted");
        try (Browser browser = new Browser()) {
            AccessRequestsPage page =
                    new AccessRequestsPage(browser, server).signInWithPassword(username, username + "-pw");
            page.tab("access");
            page.waitFor("[data-grant-id='" + grantId + "']");
            assertTrue(
                    page.text("[data-grant-id='" + grantId + "']").contains("/console-it-oncall (group)"),
                    page.text("[data-grant-id='" + grantId + "']"));
            browser.screenshot("access-requests-10-group-grant");

            browser.find("[data-grant-id='" + grantId + "'] [data-testid='jit-end-grant']")
                    .click();
            page.waitFor("[data-testid='jit-confirm-end']");
            browser.find("[data-testid='jit-confirm-end']").click();
            assertEquals("You no longer hold /console-it-oncall (group).", page.alert());
            page.waitFor("[data-testid='jit-empty-access']");
        }
        assertFalse(groups.groupsOf(userId).contains("/console-it-oncall"), "the membership outlived the grant");
        groups.delete(oncall);
    }
}
