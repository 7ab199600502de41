package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Over the real token endpoint: tokens carry a granted role only while the grant lasts, and never outlive it. */
@DisplayName("Tokens carry a grant's role, with a jit claim, and never outlive the grant")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenIT {

    private static final long LIFESPAN = 300; // the demo realm's access token lifespan

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @BeforeAll
    void policies() {
        admin.createRole("token-it-role");
        admin.addScopeMapping(DEPLOY_BOT, "token-it-role");
        jit.createPolicy(
                Tokens.admin(server),
                "token-it bot",
                Map.of(
                        "role",
                        List.of("token-it-role"),
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
        jit.createPolicy(
                Tokens.admin(server),
                "token-it alice",
                Map.of(
                        "role",
                        List.of("ops-console.prod-maintainer"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxActiveGrants",
                        List.of("10")));
    }

    @Test
    @DisplayName("a user without grants gets the token Keycloak would mint: no jit claim, the realm's lifespan")
    void noGrantsNoChange() {
        UserTokens dave = UserTokens.accountConsole(server, new FormLogin(server, "acme"), DAVE, false);
        JsonNode claims = dave.claims();
        assertFalse(claims.has("jit"), claims.toString());
        assertEquals(LIFESPAN, claims.path("exp").asLong() - claims.path("iat").asLong());
        long expiresIn = dave.lastResponse().path("expires_in").asLong();
        assertTrue(expiresIn > LIFESPAN - 5 && expiresIn <= LIFESPAN, "expires_in was lowered: " + expiresIn);
    }

    @Test
    @DisplayName(
            "client credentials: the role and its jit entry while granted, exp capped at the grant's end; neither after")
    void clientCredentials() {
        String bot = botToken().path("access_token").asText();
        Http.Response created = jit.request(bot, "token-it bot", "PT6S", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();

        JsonNode response = botToken();
        JsonNode claims = Tokens.claims(response.path("access_token").asText());
        JsonNode entry = jitEntry(claims, grantId);
        assertTrue(claims.path("realm_access").path("roles").toString().contains("token-it-role"), claims.toString());
        assertEquals("token-it-role", entry.path("role").asText());
        assertFalse(entry.has("client"), "a realm role's entry names no client");
        assertEquals(entry.path("exp").asLong(), claims.path("exp").asLong(), "the token outlives the grant");
        assertTrue(
                response.path("expires_in").asLong() <= 6,
                "expires_in does not follow: " + response.path("expires_in"));

        awaitEnded("service-account-" + DEPLOY_BOT, "token-it-role", grantId);
        JsonNode after = Tokens.claims(botToken().path("access_token").asText());
        assertFalse(after.path("realm_access").path("roles").toString().contains("token-it-role"), after.toString());
        assertFalse(after.toString().contains(grantId), "the ended grant is still in the jit claim");
        assertEquals(LIFESPAN, after.path("exp").asLong() - after.path("iat").asLong());
    }

    @Test
    @DisplayName(
            "authorization code and refresh: the client role shows only in ops-console's tokens, until the grant ends")
    void authorizationCodeAndRefresh() {
        FormLogin browser = new FormLogin(server, "acme");
        UserTokens console = UserTokens.accountConsole(server, browser, ALICE, true);
        Http.Response created = jit.request(console.access(), "token-it alice", "PT8S", "token test", null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();

        UserTokens ops = UserTokens.opsConsole(server, browser, ALICE);
        JsonNode claims = ops.claims();
        assertTrue(
                claims.path("resource_access")
                        .path(OPS_CONSOLE)
                        .path("roles")
                        .toString()
                        .contains("prod-maintainer"),
                claims.toString());
        JsonNode entry = jitEntry(claims, grantId);
        assertEquals("prod-maintainer", entry.path("role").asText());
        assertEquals(OPS_CONSOLE, entry.path("client").asText());
        assertEquals(entry.path("exp").asLong(), claims.path("exp").asLong());
        assertEquals(
                claims.path("exp").asLong(),
                Tokens.claims(ops.idToken()).path("exp").asLong(),
                "the ID token outlives the grant");

        UserTokens reports = UserTokens.reportsApp(server, browser, ALICE);
        JsonNode other = reports.claims();
        assertFalse(other.toString().contains("prod-maintainer"), "elevation leaked into reports-app: " + other);
        assertFalse(other.has("jit"), other.toString());
        assertEquals(
                LIFESPAN, other.path("exp").asLong() - other.path("iat").asLong(), "reports-app's token was shortened");

        awaitEnded("alice", "prod-maintainer", grantId);
        assertEquals(200, ops.refresh().status());
        assertFalse(
                ops.claims().path("resource_access").toString().contains("prod-maintainer"),
                ops.claims().toString());
        assertFalse(ops.claims().toString().contains(grantId));
    }

    @Test
    @DisplayName("after an early revocation refresh fails, offline tokens too, and introspection says inactive")
    void revocationKillsTokens() {
        FormLogin browser = new FormLogin(server, "acme");
        UserTokens console = UserTokens.accountConsole(server, browser, ALICE, true);
        Http.Response created = jit.request(console.access(), "token-it alice", "PT30M", "revocation test", null);
        assertEquals(201, created.status(), created.body());
        UserTokens ops = UserTokens.opsConsole(server, browser, ALICE, "&scope=openid%20offline_access");
        assertEquals("Offline", Tokens.claims(ops.refreshToken()).path("typ").asText());
        assertTrue(introspect(ops.access()).path("active").asBoolean(), "introspection fails even before revocation");

        assertEquals(
                200,
                jit.revoke(Tokens.admin(server), created.json().path("grantId").asText(), "test")
                        .status());

        assertFalse(introspect(ops.access()).path("active").asBoolean(), "the old access token is still active");
        Http.Response refresh = ops.refresh();
        assertEquals(400, refresh.status(), refresh.body());
        assertEquals(400, console.refresh().status());
    }

    @Test
    @DisplayName("the ledger is read once per token, and only for users holding a role that JIT grants")
    void ledgerReadOnlyForHolders() {
        assertEquals(
                List.of("true"),
                jsonList(admin.role("token-it-role").path("attributes").path("jit.granted")),
                "saving a policy marks its role");
        TestPeople.person(server, "token-it-nobody", null);
        double before = lookups();
        UserTokens nobody = UserTokens.accountConsole(server, new FormLogin(server, "acme"), "token-it-nobody", false);
        assertEquals(200, nobody.refresh().status());
        assertEquals(before, lookups(), "a user holding no role JIT grants has tokens that read the ledger");

        String bot = botToken().path("access_token").asText();
        Http.Response created = jit.request(bot, "token-it bot", "PT5M", null, null);
        assertEquals(201, created.status(), created.body());
        try {
            double during = lookups();
            botToken();
            botToken();
            assertEquals(2, lookups() - during, "ledger reads for two tokens of a grant holder");
        } finally {
            assertEquals(
                    200,
                    jit.revoke(
                                    Tokens.admin(server),
                                    created.json().path("grantId").asText(),
                                    "test over")
                            .status());
        }
    }

    private static List<String> jsonList(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private JsonNode botToken() {
        Http.Response response = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    private JsonNode introspect(String token) {
        return Http.postForm(
                        server.baseUrl() + "/realms/acme/protocol/openid-connect/token/introspect",
                        null,
                        Map.of("token", token, "client_id", OPS_CONSOLE, "client_secret", OPS_CONSOLE_SECRET))
                .json();
    }

    private static JsonNode jitEntry(JsonNode claims, String grantId) {
        for (JsonNode entry : claims.path("jit")) {
            if (entry.path("grant").asText().equals(grantId)) {
                return entry;
            }
        }
        throw new AssertionError("no jit entry for grant " + grantId + " in " + claims);
    }

    private void awaitEnded(String user, String role, String grantId) {
        await("grant " + grantId + " ends")
                .atMost(ExpiryIT.WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !admin.grant(user, role, grantId)
                        .path("status")
                        .asText()
                        .equals("ACTIVE"));
    }

    private double lookups() {
        for (String line :
                Http.get(server.managementUrl() + "/metrics", null).body().split("\n")) {
            if (line.startsWith("jit_token_grant_lookups_total")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    static Instant endOf(JsonNode grant) {
        return Instant.parse(grant.path("endsAt").asText());
    }
}
