package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import io.jitaccess.harness.KeycloakServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Say nothing to those who may not know: a request one may not see answers as one that does not exist, "waiting
 * for me" is complete however much else waits, refusals are audited under their code, and an unusable policy is
 * logged once, not on every read.
 */
@DisplayName(
        "Nothing said to those who may not know; refusals audited under their code; an unusable policy logged once")
class DisclosureIT {

    private static final Pattern CODE_FIRST = Pattern.compile("^[a-z_]+: .+", Pattern.DOTALL);

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @Test
    @DisplayName("approving or denying a request one may not see answers exactly as for an id that does not exist")
    void unseenLikeUnknown() {
        admin.createRole("disc-role");
        admin.createServiceAccountClient("disc-bot");
        createGroup("disc-approvers");
        jit.createPolicy(
                Tokens.admin(server),
                "disc others",
                Map.of(
                        "role",
                        List.of("disc-role"),
                        "eligibleServiceAccounts",
                        List.of("disc-bot"),
                        "approverGroups",
                        List.of("/disc-approvers")));
        String hidden = jit.request(admin.serviceAccountToken("disc-bot"), "disc others", "PT10M", "not for you", null)
                .json()
                .path("id")
                .asText();
        TestPeople.person(server, "disc-approver", "/approvers");
        String approver = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "disc-approver", true)
                .access();

        for (boolean approve : List.of(true, false)) {
            Http.Response unseen = approve ? jit.approve(approver, hidden, "x") : jit.deny(approver, hidden, "x");
            Http.Response unknown = approve
                    ? jit.approve(approver, "00000000-0000-4000-8000-000000000000", "x")
                    : jit.deny(approver, "00000000-0000-4000-8000-000000000000", "x");
            Refusals.assertRefused(unseen, 404, "not_found");
            assertEquals(unknown.status(), unseen.status());
            assertEquals(unknown.body(), unseen.body());
        }
    }

    @Test
    @DisplayName(
            "'waiting for me' lists every request the approver may decide, with 510 others of another policy pending first")
    void waitingForMeIsComplete() {
        admin.createRole("disc-flood-role");
        admin.createServiceAccountClient("disc-flood-bot");
        createGroup("disc-flood-approvers");
        jit.createPolicy(
                Tokens.admin(server),
                "disc flood",
                Map.of(
                        "role",
                        List.of("disc-flood-role"),
                        "eligibleServiceAccounts",
                        List.of("disc-flood-bot"),
                        "approverGroups",
                        List.of("/disc-flood-approvers"),
                        "maxPendingRequests",
                        List.of("1000"),
                        "justificationRequired",
                        List.of("false")));
        jit.createPolicy(
                Tokens.admin(server),
                "disc mine",
                Map.of(
                        "role",
                        List.of("disc-flood-role"),
                        "eligibleServiceAccounts",
                        List.of("disc-flood-bot"),
                        "approverGroups",
                        List.of("/approvers"),
                        "justificationRequired",
                        List.of("false")));
        String bot = admin.serviceAccountToken("disc-flood-bot");
        for (int i = 0; i < 510; i++) {
            if (i % 100 == 0) {
                bot = admin.serviceAccountToken("disc-flood-bot");
            }
            assertEquals(
                    201, jit.request(bot, "disc flood", "PT10M", null, null).status());
        }
        String mine = jit.request(admin.serviceAccountToken("disc-flood-bot"), "disc mine", "PT10M", null, null)
                .json()
                .path("id")
                .asText();
        TestPeople.person(server, "disc-flood-approver", "/approvers");
        String approver = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "disc-flood-approver", true)
                .access();

        List<String> waiting = new ArrayList<>();
        jit.waitingFor(approver).json().forEach(r -> waiting.add(r.path("id").asText()));
        assertTrue(
                waiting.contains(mine),
                "the approver's request is missing from 'waiting for me' (" + waiting.size() + " listed)");
    }

    @Test
    @DisplayName("every refusal's audit entry starts its reason with the error code the caller got")
    void refusalsAuditedUnderTheirCode() {
        Instant start = Instant.now();
        admin.createRole("disc-codes-role");
        TestPeople.person(server, "disc-codes", null);
        jit.createPolicy(
                Tokens.admin(server),
                "disc codes",
                Map.of(
                        "role",
                        List.of("disc-codes-role"),
                        "eligibleUsers",
                        List.of("disc-codes"),
                        "approverGroups",
                        List.of("/approvers")));
        String person = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "disc-codes", true)
                .access();
        String requestId = jit.request(person, "disc codes", "PT10M", "codes", null)
                .json()
                .path("id")
                .asText();

        Set<String> codes = Set.of(
                code(jit.request(person, "disc codes", "PT99H", "too long", null)), // duration_too_long
                code(jit.request(person, "prod-admin for carol", "PT10M", "not mine", null)), // not_eligible
                code(jit.approve(person, requestId, "mine")), // self_approval
                code(jit.read(person, "00000000-0000-4000-8000-000000000000")), // not_found
                code(jit.policies(UserTokens.opsConsole(server, new FormLogin(server, "acme"), DemoUsers.DAVE)
                        .access()))); // token_not_accepted
        assertEquals(
                Set.of("duration_too_long", "not_eligible", "self_approval", "not_found", "token_not_accepted"), codes);

        List<String> reasons = new ArrayList<>();
        for (JsonNode entry : jit.auditSince(Tokens.admin(server), start)) {
            if (entry.path("action").asText().endsWith("_REFUSED")) {
                reasons.add(entry.path("action").asText() + " "
                        + entry.path("reason").asText());
                assertTrue(CODE_FIRST.matcher(entry.path("reason").asText()).matches(), entry.toString());
            }
        }
        for (String code : codes) {
            assertTrue(
                    reasons.stream().anyMatch(r -> r.split(" ", 2)[1].startsWith(code + ": ")),
                    code + " not audited: " + reasons);
        }
    }

    @Test
    @DisplayName("an unusable policy is logged once when it becomes unusable, not on every read")
    void unusableLoggedOnce() {
        Assumptions.assumeTrue(
                server instanceof KeycloakServer, "reads the server's log, which only our harness keeps");
        int logBefore = ((KeycloakServer) server).log().length(); // the log file outlives the server's earlier runs
        admin.createRole("disc-broken-role");
        TestPeople.person(server, "disc-broken", null);
        jit.createPolicy(
                Tokens.admin(server),
                "disc broken",
                Map.of(
                        "role",
                        List.of("disc-broken-role"),
                        "eligibleUsers",
                        List.of("disc-broken"),
                        "approverGroups",
                        List.of("/approvers")));
        assertEquals(
                204,
                Http.delete(server.baseUrl() + "/admin/realms/acme/roles/disc-broken-role", Tokens.admin(server))
                        .status());

        String person = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "disc-broken", true)
                .access();
        for (int i = 0; i < 3; i++) {
            jit.adminPolicies(Tokens.admin(server));
            Refusals.assertRefused(jit.request(person, "disc broken", "PT10M", "broken", null), 403, "not_eligible");
            assertEquals(200, jit.policies(person).status());
        }
        long lines = ((KeycloakServer) server)
                .log()
                .substring(logBefore)
                .lines()
                .filter(line -> line.contains("JIT policy disc broken is unusable"))
                .count();
        assertEquals(1, lines, "log lines about the unusable policy");
    }

    private static String code(Http.Response response) {
        assertTrue(response.status() >= 400, response.body());
        return response.json().path("error").asText();
    }

    private void createGroup(String name) {
        Http.Response created = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/groups", Tokens.admin(server), Map.of("name", name));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
    }
}
