package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static io.jitaccess.keycloak.it.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("The JIT ledger over HTTP: requests, decisions, grants, refusals and audit")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerIT {

    private static final String CONTRACTORS = "prod-maintainer for contractors";
    private static final String TEST_ROLE = "ledger-it-role";
    /** The demo policy's rules, but revocation keeps sessions (the other tests go on with alice's session). */
    private static final String STORY = "ledger-it prod-maintainer";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");

    private UserTokens alice;
    private UserTokens aliceOps;
    private UserTokens bob;
    private UserTokens bobWithoutMfa;
    private UserTokens dave;
    private String openPolicy;

    @BeforeAll
    void logIn() {
        FormLogin aliceBrowser = new FormLogin(server, "acme");
        alice = UserTokens.accountConsole(server, aliceBrowser, ALICE, true);
        aliceOps = UserTokens.opsConsole(server, aliceBrowser, ALICE);
        bob = UserTokens.accountConsole(server, new FormLogin(server, "acme"), BOB, true);
        bobWithoutMfa = UserTokens.accountConsole(server, new FormLogin(server, "acme"), BOB, false);
        dave = UserTokens.accountConsole(server, new FormLogin(server, "acme"), DAVE, false);

        String admin = Tokens.admin(server);
        Http.Response role =
                Http.postJson(server.baseUrl() + "/admin/realms/acme/roles", admin, Map.of("name", TEST_ROLE));
        assertTrue(role.status() == 201 || role.status() == 409, role.body());
        openPolicy = jit.createPolicy(
                admin,
                "ledger-it open policy",
                Map.of(
                        "role", List.of(TEST_ROLE),
                        "eligibleGroups", List.of("/contractors"),
                        "approverGroups", List.of("/approvers"),
                        "maxDuration", List.of("PT1H"),
                        "maxPendingRequests", List.of("100"),
                        "maxActiveGrants", List.of("100")));
        jit.createPolicy(
                admin,
                STORY,
                Map.of(
                        "role", List.of("ops-console.prod-maintainer"),
                        "eligibleGroups", List.of("/contractors"),
                        "approverGroups", List.of("/approvers"),
                        "maxDuration", List.of("PT4H"),
                        "ticketRequired", List.of("true"),
                        "ticketPattern", List.of("[A-Z]+-[0-9]+"),
                        "endSessionsOnRevoke", List.of("false")));
    }

    @Test
    @DisplayName(
            "alice requests prod-maintainer, bob approves, and alice's next token carries the role until it is revoked")
    void aliceRequestsBobApproves() {
        assertFalse(opsRoles().contains("prod-maintainer"), "alice starts without the role");
        JsonNode eligible = jit.policies(alice.access()).json();
        assertTrue(eligible.toString().contains(CONTRACTORS), eligible.toString());

        assertRefused(jit.request(alice.access(), STORY, "PT2H", "no ticket", null), 400, "ticket_required");
        assertRefused(jit.request(alice.access(), STORY, "PT2H", "bad ticket", "see slack"), 400, "ticket_invalid");
        Http.Response created = jit.request(alice.access(), STORY, "PT2H", "Restart the stuck billing job", "CHG-1234");
        assertEquals(201, created.status(), created.body());
        JsonNode request = created.json();
        assertEquals("PENDING", request.path("status").asText());
        assertEquals("prod-maintainer", request.path("role").asText());
        assertEquals("ops-console", request.path("client").asText());
        assertEquals("mfa", request.path("mfa").path("acr").asText());
        String id = request.path("id").asText();

        assertTrue(jit.waitingFor(bob.access()).body().contains(id), "bob does not see the request waiting for him");
        assertFalse(jit.waitingFor(dave.access()).body().contains(id), "dave sees a request he cannot decide");

        Instant beforeApproval = Instant.now();
        Http.Response approved = jit.approve(bob.access(), id, "Go ahead");
        assertEquals(200, approved.status(), approved.body());
        assertEquals("APPROVED", approved.json().path("status").asText());
        assertEquals(
                "Go ahead",
                approved.json().path("approvals").get(0).path("comment").asText());
        String grantId = approved.json().path("grantId").asText();

        assertEquals(200, aliceOps.refresh().status());
        assertTrue(opsRoles().contains("prod-maintainer"), "alice's refreshed token lacks the granted role");

        JsonNode grant = jit.grants(alice.access()).json().get(0);
        assertEquals(grantId, grant.path("id").asText());
        Instant endsAt = Instant.parse(grant.path("endsAt").asText());
        Duration length = Duration.between(Instant.parse(grant.path("startsAt").asText()), endsAt);
        assertEquals(Duration.ofHours(2), length, "the grant lasts what was asked for");
        assertFalse(
                Instant.parse(grant.path("startsAt").asText()).isBefore(beforeApproval.minusSeconds(1)),
                "the clock starts at approval, not at the request");

        Http.Response second = jit.approve(bob.access(), id, "again");
        assertEquals(409, second.status(), second.body());
        assertAudited("DECISION_REFUSED", id);

        Http.Response revoked = jit.revoke(Tokens.admin(server), grantId, "test over");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("REVOKED", revoked.json().path("status").asText());
        assertEquals(200, aliceOps.refresh().status(), "this policy keeps sessions on revocation");
        assertFalse(opsRoles().contains("prod-maintainer"), "the role outlived the revoked grant");
    }

    @Test
    @DisplayName("nobody approves their own request (403 self_approval, audited)")
    void selfApproval() {
        String id = openRequest();
        assertRefused(jit.approve(alice.access(), id, "mine"), 403, "self_approval");
        assertAudited("DECISION_REFUSED", id, "self_approval");
    }

    @Test
    @DisplayName("someone who is not an approver cannot approve: 404 not_found as for an unknown id, audited")
    void nonApprover() {
        String id = openRequest();
        Http.Response refused = jit.approve(dave.access(), id, "sure");
        assertRefused(refused, 404, "not_found");
        assertFalse(refused.body().contains("ledger-it"), "the refusal tells a stranger about the request's policy");
        assertAudited("ACCESS_REFUSED", id, "not_found");
    }

    @Test
    @DisplayName("an approver without a second factor in this login cannot approve (403 stale_mfa, audited)")
    void staleMfa() {
        String id = openRequest();
        assertEquals("password", bobWithoutMfa.claims().path("acr").asText(), "a login at level 1 only");
        Http.Response refused = jit.approve(bobWithoutMfa.access(), id, "ok");
        assertRefused(refused, 403, "stale_mfa");
        assertAudited("DECISION_REFUSED", id, "stale_mfa");
        // the refusal names the login that cures it: the ACR of level 2, and max_age 300, the default approver
        // freshness
        assertEquals("mfa", refused.json().path("stepUp").path("acr_values").asText(), refused.body());
        assertEquals(300, refused.json().path("stepUp").path("max_age").asInt(), refused.body());

        // the list of what waits says so before the approver tries, and says nothing to one who is fresh
        assertEquals(
                "mfa",
                waitingItem(bobWithoutMfa, id).path("stepUp").path("acr_values").asText());
        assertTrue(waitingItem(bob, id).path("stepUp").isMissingNode(), "a fresh approver is told to step up");
    }

    @Test
    @DisplayName(
            "a requester without a second factor is refused with the step-up that cures it, and the policy list says so first")
    void requesterStepUp() {
        UserTokens aliceWithoutMfa = UserTokens.accountConsole(server, new FormLogin(server, "acme"), ALICE, false);
        JsonNode policy = policyItem(aliceWithoutMfa, openPolicy);
        assertEquals("mfa", policy.path("stepUp").path("acr_values").asText(), policy.toString());
        assertTrue(
                policyItem(alice, openPolicy).path("stepUp").isMissingNode(), "a fresh requester is told to step up");

        Http.Response refused = jit.request(aliceWithoutMfa.access(), openPolicy, "PT10M", "needed", null);
        assertRefused(refused, 403, "stale_mfa");
        assertEquals("mfa", refused.json().path("stepUp").path("acr_values").asText(), refused.body());
    }

    @Test
    @DisplayName(
            "an approver whose second factor is older than the policy's freshness is told max_age with the step-up")
    void approverFreshness() {
        String admin = Tokens.admin(server);
        String fresh = jit.createPolicy(
                admin,
                "ledger-it fresh approvers",
                Map.of(
                        "role",
                        List.of(TEST_ROLE),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "approverMfaMaxAge",
                        List.of("2"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("100"),
                        "maxActiveGrants",
                        List.of("100")));
        Http.Response created = jit.request(alice.access(), fresh, "PT10M", "needed", null);
        assertEquals(201, created.status(), created.body());
        String id = created.json().path("id").asText();

        org.awaitility.Awaitility.await("bob's second factor to be older than 2 s")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !waitingItem(bob, id).path("stepUp").isMissingNode());
        assertEquals(2, waitingItem(bob, id).path("stepUp").path("max_age").asInt());
        Http.Response refused = jit.approve(bob.access(), id, "ok");
        assertRefused(refused, 403, "stale_mfa");
        assertEquals("mfa", refused.json().path("stepUp").path("acr_values").asText(), refused.body());
        assertEquals(2, refused.json().path("stepUp").path("max_age").asInt(), refused.body());
        assertEquals(
                "PENDING",
                jit.read(alice.access(), id).json().path("status").asText(),
                "a refused decision changed the request");
        assertEquals(200, jit.cancel(alice.access(), id).status());
    }

    private JsonNode waitingItem(UserTokens approver, String requestId) {
        for (JsonNode item : jit.waitingFor(approver.access()).json()) {
            if (requestId.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError("request " + requestId + " does not wait for "
                + approver.claims().path("preferred_username"));
    }

    private JsonNode policyItem(UserTokens user, String policyId) {
        for (JsonNode item : jit.policies(user.access()).json()) {
            if (policyId.equals(item.path("id").asText())) {
                return item;
            }
        }
        throw new AssertionError(
                "policy " + policyId + " not offered to " + user.claims().path("preferred_username"));
    }

    @Test
    @DisplayName("a denial ends the request and needs a reason")
    void deny() {
        String id = openRequest();
        assertRefused(jit.deny(bob.access(), id, " "), 400, "comment_required");
        Http.Response denied = jit.deny(bob.access(), id, "Not during the freeze");
        assertEquals(200, denied.status(), denied.body());
        assertEquals("DENIED", denied.json().path("status").asText());
        assertRefused(jit.cancel(alice.access(), id), 409, "illegal_transition");
    }

    @Test
    @DisplayName("a requester can cancel a pending request, once")
    void cancel() {
        String id = openRequest();
        Http.Response cancelled = jit.cancel(alice.access(), id);
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("CANCELLED", cancelled.json().path("status").asText());
        assertRefused(jit.approve(bob.access(), id, "late"), 409, "illegal_transition");
    }

    @Test
    @DisplayName(
            "the last approval checks the rules again: a second grant over the limit, or a changed role, is refused")
    void approvalRechecksThePolicy() {
        String admin = Tokens.admin(server);
        new Admin(server).createRole("ledger-it-other");
        String limited = jit.createPolicy(
                admin,
                "ledger-it one at a time",
                Map.of(
                        "role",
                        List.of(TEST_ROLE),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("3"),
                        "maxActiveGrants",
                        List.of("1")));
        String first = jit.request(alice.access(), limited, "PT10M", "first", null)
                .json()
                .path("id")
                .asText();
        String second = jit.request(alice.access(), limited, "PT10M", "second", null)
                .json()
                .path("id")
                .asText();
        assertEquals(
                "APPROVED",
                jit.approve(bob.access(), first, "ok").json().path("status").asText());
        assertRefused(jit.approve(bob.access(), second, "ok"), 409, "too_many_active_grants");
        assertEquals(
                "PENDING",
                jit.read(alice.access(), second).json().path("status").asText());

        String moving = jit.createPolicy(
                admin,
                "ledger-it moving target",
                Map.of(
                        "role",
                        List.of(TEST_ROLE),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H")));
        String request = jit.request(alice.access(), moving, "PT10M", "moving", null)
                .json()
                .path("id")
                .asText();
        String url = server.baseUrl() + "/admin/realms/acme/components/" + moving;
        com.fasterxml.jackson.databind.node.ObjectNode component = (com.fasterxml.jackson.databind.node.ObjectNode)
                Http.get(url, admin).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) component.path("config"))
                .putArray("role")
                .add("ledger-it-other");
        assertEquals(
                204,
                Http.send(Http.request(url, admin)
                                .header("Content-Type", "application/json")
                                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(component.toString()))
                                .build())
                        .status());
        assertRefused(jit.approve(bob.access(), request, "ok"), 409, "illegal_transition");
        assertEquals(
                "PENDING",
                jit.read(alice.access(), request).json().path("status").asText());
    }

    @Test
    @DisplayName("a user who is not eligible is refused (403 not_eligible, audited)")
    void notEligible() {
        assertRefused(jit.request(dave.access(), openPolicy, "PT10M", "let me in", null), 403, "not_eligible");
        assertAudited("REQUEST_REFUSED", null, "not_eligible");
    }

    @Test
    @DisplayName("a duration over the policy's maximum is refused (400 duration_too_long, audited)")
    void durationOverMax() {
        assertRefused(jit.request(alice.access(), openPolicy, "PT2H", "long job", null), 400, "duration_too_long");
        assertRefused(jit.request(alice.access(), openPolicy, "-PT5M", "negative", null), 400, "duration_invalid");
        assertAudited("REQUEST_REFUSED", null, "duration_too_long");
    }

    @Test
    @DisplayName("a request outside the policy's hours is refused (403 outside_hours, audited)")
    void outsideHours() {
        // a one-hour window starting two hours from now never contains now, whatever the hour
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "ledger-it later today",
                Map.of(
                        "role",
                        List.of(TEST_ROLE),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "allowedFrom",
                        List.of(now.plusHours(2).format(hhmm)),
                        "allowedTo",
                        List.of(now.plusHours(3).format(hhmm)),
                        "timeZone",
                        List.of("UTC")));
        assertRefused(jit.request(alice.access(), policy, "PT10M", "now please", null), 403, "outside_hours");
        assertAudited("REQUEST_REFUSED", null, "outside_hours");
    }

    @Test
    @DisplayName("a request from outside the policy's networks is refused (403 network_not_allowed, audited)")
    void wrongNetwork() {
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "ledger-it office only",
                Map.of(
                        "role",
                        List.of(TEST_ROLE),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "allowedNetworks",
                        List.of("203.0.113.0/24", "2001:db8::/32")));
        assertRefused(jit.request(alice.access(), policy, "PT10M", "from home", null), 403, "network_not_allowed");
        assertAudited("REQUEST_REFUSED", null, "network_not_allowed");
    }

    @Test
    @DisplayName("another user's request cannot be read (404, audited); its approver can read it")
    void readAnotherUsersRequest() {
        String id = openRequest();
        assertRefused(jit.read(dave.access(), id), 404, "not_found");
        assertAudited("ACCESS_REFUSED", id);
        assertEquals(200, jit.read(bob.access(), id).status());
        assertEquals(200, jit.read(alice.access(), id).status());
        assertFalse(jit.requests(dave.access()).body().contains(id));
    }

    @Test
    @DisplayName("a token of an ordinary app is refused (403 token_not_accepted, audited); no token is 401")
    void ordinaryAppToken() {
        assertRefused(jit.policies(aliceOps.access()), 403, "token_not_accepted");
        assertAudited("ACCESS_REFUSED", null, "ops-console");
        Http.Response anonymous = jit.policies(null);
        assertEquals(401, anonymous.status());
        assertEquals("invalid_token", anonymous.json().path("error").asText());
        assertEquals(401, jit.policies("not-a-token").status());
    }

    @Test
    @DisplayName("malformed bodies get a JSON 400")
    void malformedBodies() {
        assertRefused(
                Http.postJson(server.baseUrl() + "/realms/acme/jit/requests", alice.access(), "{not json"),
                400,
                "invalid_json");
        assertRefused(
                Http.postJson(server.baseUrl() + "/realms/acme/jit/requests", alice.access(), "[1,2]"),
                400,
                "invalid_json");
        assertRefused(
                Http.postJson(
                        server.baseUrl() + "/realms/acme/jit/requests",
                        alice.access(),
                        Map.of("policy", openPolicy, "duration", 30)),
                400,
                "invalid_input");
        assertRefused(jit.request(alice.access(), "no-such-policy", "PT5M", "x", null), 404, "not_found");
    }

    @Test
    @DisplayName(
            "deploy-bot's request under an auto-approving policy is granted at once; its next token has prod-admin")
    void deployBotAutoApproved() {
        String token = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        assertFalse(Tokens.claims(token).path("realm_access").toString().contains("prod-admin"));

        Http.Response created =
                jit.request(token, "prod-admin for deploy-bot", "PT10M", "release 2026.11.24 pipeline #42", null);
        assertEquals(201, created.status(), created.body());
        assertEquals("APPROVED", created.json().path("status").asText());
        assertEquals(
                "deploy-bot",
                created.json().path("requester").path("serviceAccountOf").asText());

        String next = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        assertTrue(
                Tokens.claims(next)
                        .path("realm_access")
                        .path("roles")
                        .toString()
                        .contains("prod-admin"),
                "deploy-bot's new token lacks prod-admin");
        assertRefused(
                jit.request(token, "prod-admin for deploy-bot", "PT10M", "again", null), 409, "too_many_active_grants");

        assertEquals(
                200,
                jit.revoke(Tokens.admin(server), created.json().path("grantId").asText(), "test over")
                        .status());
    }

    @Test
    @DisplayName("the audit trail's hash chain verifies")
    void auditChainVerifies() {
        openRequest();
        JsonNode verification = jit.verify(Tokens.admin(server)).json();
        assertTrue(verification.path("intact").asBoolean(), verification.toString());
        assertTrue(verification.path("entriesChecked").asLong() > 0);
        Http.Response csv = jit.audit(Tokens.admin(server), "?format=csv&max=5");
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("seq,time,action,"), csv.body());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
    }

    @Test
    @DisplayName("policies survive a realm export and re-import")
    void policiesSurviveExportImport() {
        String admin = Tokens.admin(server);
        Http.Response export = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/partial-export?exportClients=true&exportGroupsAndRoles=true",
                admin,
                "");
        assertEquals(200, export.status(), export.body());
        com.fasterxml.jackson.databind.node.ObjectNode realm =
                (com.fasterxml.jackson.databind.node.ObjectNode) export.json();
        withoutIds(realm);
        realm.put("realm", "acme-reimported");
        Http.Response imported = Http.postJson(server.baseUrl() + "/admin/realms", admin, realm.toString());
        assertEquals(201, imported.status(), imported.body());

        JsonNode policies = Http.get(
                        server.baseUrl() + "/admin/realms/acme-reimported/jit/policies", Tokens.admin(server))
                .json();
        List<String> names = new java.util.ArrayList<>();
        policies.forEach(p -> {
            names.add(p.path("name").asText());
            assertTrue(p.path("usable").asBoolean(), p.toString());
        });
        assertTrue(
                names.containsAll(List.of(CONTRACTORS, "prod-admin for carol", "prod-admin for deploy-bot")),
                names.toString());
        JsonNode carol = null;
        for (JsonNode p : policies) {
            if (p.path("name").asText().equals("prod-admin for carol")) {
                carol = p;
            }
        }
        assertTrue(carol.path("allowedHours").asText().contains("07:00–20:00 (Europe/Paris)"), carol.toString());
        assertEquals(
                204,
                Http.delete(server.baseUrl() + "/admin/realms/acme-reimported", Tokens.admin(server))
                        .status());
    }

    /** A partial export keeps internal ids; importing it as a second realm needs fresh ones. */
    private static void withoutIds(JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            object.remove("id");
            object.remove("containerId");
            object.forEach(LedgerIT::withoutIds);
        } else if (node.isArray()) {
            node.forEach(LedgerIT::withoutIds);
        }
    }

    private String openRequest() {
        Http.Response created = jit.request(alice.access(), openPolicy, "PT10M", "<b>needed</b> for a test", null);
        assertEquals(201, created.status(), created.body());
        assertEquals(
                "<b>needed</b> for a test", created.json().path("justification").asText(), "markup is stored verbatim");
        return created.json().path("id").asText();
    }

    private List<String> opsRoles() {
        List<String> roles = new java.util.ArrayList<>();
        aliceOps.claims()
                .path("resource_access")
                .path("ops-console")
                .path("roles")
                .forEach(r -> roles.add(r.asText()));
        return roles;
    }

    private void assertAudited(String action, String requestId, String... reasonParts) {
        List<JsonNode> entries = jit.auditEntries(Tokens.admin(server));
        boolean found = entries.stream()
                .anyMatch(e -> e.path("action").asText().equals(action)
                        && (requestId == null
                                || requestId.equals(e.path("requestId").asText()))
                        && java.util.Arrays.stream(reasonParts)
                                .allMatch(part -> e.path("reason").asText().contains(part)));
        assertTrue(found, "no audit entry " + action + " " + requestId + " " + String.join(",", reasonParts));
    }
}
