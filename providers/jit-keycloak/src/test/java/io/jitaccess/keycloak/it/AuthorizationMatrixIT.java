package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every JIT endpoint, user and admin API, against every kind of caller: each gets the documented status, no
 * 5xx, and no answer carries another person's request or grant. The owner's and the approver's own
 * successes (cancel, approve, end) run last, so every refusal is checked against live data.
 */
@DisplayName("Authorization matrix: every endpoint × every caller gets its documented status, and nobody else's data")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT {

    private static final String OTHER_REALM = "authz-other";
    private static final String POLICY = "authz-matrix";
    private static final String BOT_POLICY = "authz-matrix bot";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    /** Caller name → bearer token (null: anonymous). */
    private final Map<String, String> callers = new LinkedHashMap<>();

    private String aliceRequest;
    private String aliceSecondRequest;
    private String botGrant;

    @BeforeAll
    void setUp() {
        admin.createRole("authz-role");
        admin.addScopeMapping(DEPLOY_BOT, "authz-role");
        String adminToken = Tokens.admin(server);
        jit.createPolicy(
                adminToken,
                POLICY,
                Map.of(
                        "role",
                        List.of("authz-role"),
                        "eligibleUsers",
                        List.of("alice"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxPendingRequests",
                        List.of("10"),
                        "maxActiveGrants",
                        List.of("10")));
        jit.createPolicy(
                adminToken,
                BOT_POLICY,
                Map.of(
                        "role",
                        List.of("authz-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "maxActiveGrants",
                        List.of("10")));

        callers.put("anonymous", null);
        for (DemoUsers person : List.of(DAVE, ALICE, BOB, CAROL)) {
            callers.put(
                    person.username,
                    UserTokens.accountConsole(server, new FormLogin(server, "acme"), person, true)
                            .access());
        }
        callers.put("deploy-bot", botToken("acme"));
        admin.createRealmLikeAcme(OTHER_REALM);
        callers.put("other-realm", botToken(OTHER_REALM));
        callers.put("expired", expiredToken());
        callers.put(
                "ordinary-app",
                UserTokens.opsConsole(server, new FormLogin(server, "acme"), ALICE)
                        .access());

        aliceRequest = created(jit.request(callers.get("alice"), POLICY, "PT10M", "matrix", null))
                .path("id")
                .asText();
        aliceSecondRequest = created(jit.request(callers.get("alice"), POLICY, "PT10M", "matrix, to cancel", null))
                .path("id")
                .asText();
        botGrant = created(jit.request(callers.get("deploy-bot"), BOT_POLICY, "PT30M", null, null))
                .path("grantId")
                .asText();
    }

    @AfterAll
    void tearDown() {
        Http.delete(server.baseUrl() + "/admin/realms/" + OTHER_REALM, Tokens.admin(server));
    }

    @Test
    @DisplayName(
            "user API: 401 without a valid token of this realm, 403 for an ordinary app, and each person sees only their own")
    void userApi() {
        String base = server.baseUrl() + "/realms/acme/jit";
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            String who = caller.getKey();
            String token = caller.getValue();
            Function<Integer, Integer> unlessRejected = ok -> rejected(who).orElse(ok);
            check(problems, who, "GET /policies", Http.get(base + "/policies", token), unlessRejected.apply(200));
            check(problems, who, "GET /requests", Http.get(base + "/requests", token), unlessRejected.apply(200));
            check(
                    problems,
                    who,
                    "GET /requests/{alice's}",
                    Http.get(base + "/requests/" + aliceRequest, token),
                    unlessRejected.apply(Set.of("alice", "bob").contains(who) ? 200 : 404));
            check(problems, who, "GET /approvals", Http.get(base + "/approvals", token), unlessRejected.apply(200));
            check(problems, who, "GET /grants", Http.get(base + "/grants", token), unlessRejected.apply(200));
            if (!who.equals("alice")) {
                check(
                        problems,
                        who,
                        "POST /requests (alice's policy)",
                        Http.postJson(base + "/requests", token, Map.of("policy", POLICY, "duration", "PT10M")),
                        unlessRejected.apply(403));
                check(
                        problems,
                        who,
                        "POST /requests/{alice's}/cancel",
                        Http.postJson(base + "/requests/" + aliceSecondRequest + "/cancel", token, Map.of()),
                        unlessRejected.apply(404));
            }
            if (!who.equals("bob")) {
                // the requester is refused her own; anyone else may not see it, so it answers as an unknown id
                int notTheirs = who.equals("alice") ? 403 : 404;
                check(
                        problems,
                        who,
                        "POST /requests/{alice's}/approve",
                        Http.postJson(
                                base + "/requests/" + aliceRequest + "/approve", token, Map.of("comment", "matrix")),
                        unlessRejected.apply(notTheirs));
                check(
                        problems,
                        who,
                        "POST /requests/{alice's}/deny",
                        Http.postJson(base + "/requests/" + aliceRequest + "/deny", token, Map.of("comment", "matrix")),
                        unlessRejected.apply(notTheirs));
            }
            if (!who.equals("deploy-bot")) {
                check(
                        problems,
                        who,
                        "POST /grants/{bot's}/end",
                        Http.postJson(base + "/grants/" + botGrant + "/end", token, Map.of()),
                        unlessRejected.apply(404));
            }
        }
        assertEquals(List.of(), problems);

        assertEquals(
                "PENDING",
                jit.read(callers.get("alice"), aliceRequest)
                        .json()
                        .path("status")
                        .asText(),
                "a refusal changed the request");
        assertEquals(
                "PENDING",
                jit.read(callers.get("alice"), aliceSecondRequest)
                        .json()
                        .path("status")
                        .asText());
        assertTrue(jit.grants(callers.get("deploy-bot")).body().contains(botGrant), "a refusal ended the bot's grant");

        // the owners' and the approver's own actions succeed
        assertEquals(
                "CANCELLED",
                ok(jit.cancel(callers.get("alice"), aliceSecondRequest))
                        .path("status")
                        .asText());
        assertEquals(
                "APPROVED",
                ok(jit.approve(callers.get("bob"), aliceRequest, "matrix"))
                        .path("status")
                        .asText());
        assertEquals(
                "REVOKED",
                ok(jit.endGrant(callers.get("deploy-bot"), botGrant))
                        .path("status")
                        .asText());
    }

    @Test
    @DisplayName(
            "admin API: 401 without a valid token, 403 without admin roles in the token (carol's account-console one too)")
    void adminApi() {
        String base = server.baseUrl() + "/admin/realms/acme/jit";
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            String who = caller.getKey();
            String token = caller.getValue();
            // carol is realm-admin, but a token of the account console carries none of her admin roles: an admin
            // acts with an admin token (the admin console's), as the master admin below does
            int read =
                    switch (who) {
                        case "anonymous", "expired" -> 401;
                        default -> 403; // no view-users in acme (a token of another realm has none here either)
                    };
            for (String path : List.of("/policies", "/requests", "/grants", "/audit", "/audit/verify", "/report")) {
                check(problems, who, "admin GET " + path, Http.get(base + path, token), read);
            }
            // changing needs more than reading: whoever may not read may not change either
            check(
                    problems,
                    who,
                    "admin POST /grants/{id}/revoke",
                    Http.postJson(base + "/grants/" + botGrant + "/revoke", token, Map.of("reason", "matrix")),
                    read);
            check(
                    problems,
                    who,
                    "admin POST /grants/end-all",
                    Http.postJson(base + "/grants/end-all", token, Map.of("reason", "matrix")),
                    read);
            check(
                    problems,
                    who,
                    "admin POST /report/make-eligible",
                    Http.postJson(
                            base + "/report/make-eligible",
                            token,
                            Map.of("user", "dave", "policy", POLICY, "reason", "matrix")),
                    read);
        }
        assertEquals(List.of(), problems);
        String masterAdmin = Tokens.admin(server);
        for (String path :
                List.of("/policies", "/requests", "/grants?status=ALL", "/audit", "/audit/verify", "/report")) {
            assertEquals(200, Http.get(base + path, masterAdmin).status(), "the admin is refused " + path);
        }
        assertTrue(
                Http.get(base + "/grants?status=ALL", masterAdmin).body().contains(botGrant),
                "the admin does not see the grant");
    }

    /** 401 for callers without a valid token of this realm, 403 token_not_accepted for an ordinary app's token. */
    private static java.util.Optional<Integer> rejected(String who) {
        return switch (who) {
            case "anonymous", "other-realm", "expired" -> java.util.Optional.of(401);
            case "ordinary-app" -> java.util.Optional.of(403);
            default -> java.util.Optional.empty();
        };
    }

    /** The status, a JSON error on refusals, and none of the ids this caller may not see. */
    private void check(List<String> problems, String who, String what, Http.Response response, int expected) {
        String cell = who + " × " + what + ": ";
        if (response.status() != expected) {
            problems.add(
                    cell + "expected " + expected + ", got " + response.status() + " " + abbreviate(response.body()));
            return;
        }
        if (expected >= 400 && expected != 401 && !response.body().contains("\"error\"")) {
            problems.add(cell + "no JSON error: " + abbreviate(response.body()));
        }
        // each sees their own, and the approver (bob) the requests he may decide
        for (String request : List.of(aliceRequest, aliceSecondRequest)) {
            if (!Set.of("alice", "bob").contains(who) && response.body().contains(request)) {
                problems.add(cell + "shows alice's request " + request);
            }
        }
        if (!who.equals("deploy-bot") && response.body().contains(botGrant)) {
            problems.add(cell + "shows deploy-bot's grant");
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }

    private String botToken(String realm) {
        Http.Response response = Tokens.clientCredentials(server, realm, DEPLOY_BOT, DEPLOY_BOT_SECRET);
        assertEquals(200, response.status(), response.body());
        return response.json().path("access_token").asText();
    }

    /** A token of a client that carries the jit-api audience and lives 1 s, once it has expired. */
    private String expiredToken() {
        String clientId = "authz-short-lived";
        Map<String, Object> client = Map.of(
                "clientId",
                clientId,
                "enabled",
                true,
                "publicClient",
                false,
                "secret",
                "short-secret",
                "serviceAccountsEnabled",
                true,
                "standardFlowEnabled",
                false,
                "defaultClientScopes",
                List.of("jit-api", "roles", "basic"),
                "attributes",
                Map.of("access.token.lifespan", "1"));
        Http.Response made =
                Http.postJson(server.baseUrl() + "/admin/realms/acme/clients", Tokens.admin(server), client);
        assertTrue(made.status() == 201 || made.status() == 409, made.body());
        Http.Response response = Tokens.clientCredentials(server, "acme", clientId, "short-secret");
        assertEquals(200, response.status(), response.body());
        String token = response.json().path("access_token").asText();
        JsonNode claims = Tokens.claims(token);
        assertTrue(
                claims.path("aud").toString().contains("jit-api"),
                "the short-lived token lacks the jit-api audience: " + claims);
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        await("the short-lived token expires")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(exp.plusSeconds(1)));
        return token;
    }

    private static JsonNode created(Http.Response response) {
        assertEquals(201, response.status(), response.body());
        return response.json();
    }

    private static JsonNode ok(Http.Response response) {
        assertEquals(200, response.status(), response.body());
        return response.json();
    }
}
