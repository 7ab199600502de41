package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Defence in depth: with nothing ending grants (no timer, a sweep once an hour), an ended grant's role stays out of tokens. */
@DisplayName("A role whose grant ended but whose mapping is not yet stripped stays out of new tokens")
class UnstrippedGrantIT {

    private final KeycloakServer server = TestServers.shared("acme-lazy", () -> TestServers.withProviders("acme-lazy")
            .importRealm(TestServers.realmFile())
            .option(TestServers.RUN_OPTIONS)
            .option("--spi-jit-expiry--default--precise=false", "--spi-jit-expiry--default--sweep-interval=3600")
            .build());

    @Test
    @DisplayName("the mapping is still there, yet the token has neither the role nor a jit entry")
    void endedRoleLeftOut() {
        Admin admin = new Admin(server);
        JitApi jit = new JitApi(server, "acme");
        admin.createRole("lazy-it-role");
        admin.addScopeMapping(DEPLOY_BOT, "lazy-it-role");
        jit.createPolicy(
                Tokens.admin(server),
                "lazy-it",
                Map.of(
                        "role",
                        List.of("lazy-it-role"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        String bot = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        String grantId = jit.request(bot, "lazy-it", "PT2S", null, null)
                .json()
                .path("grantId")
                .asText();
        JsonNode grant = admin.grant("service-account-" + DEPLOY_BOT, "lazy-it-role", grantId);
        assertTrue(
                Tokens.claims(Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                                .json()
                                .path("access_token")
                                .asText())
                        .path("realm_access")
                        .toString()
                        .contains("lazy-it-role"),
                "no role while granted");

        Instant end = TokenIT.endOf(grant);
        await("the grant's end passes")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(end.plusMillis(500)));

        assertEquals(
                "ACTIVE",
                admin.grant("service-account-" + DEPLOY_BOT, "lazy-it-role", grantId)
                        .path("status")
                        .asText(),
                "something ended the grant; the test proves nothing");
        assertTrue(admin.directRealmRoles(admin.serviceAccountId(DEPLOY_BOT)).contains("lazy-it-role"));
        JsonNode claims = Tokens.claims(Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText());
        assertFalse(claims.path("realm_access").toString().contains("lazy-it-role"), claims.toString());
        assertFalse(claims.toString().contains(grantId), claims.toString());
    }

    @Test
    @DisplayName("for a composite, its children leave new tokens with it, unless held another way")
    void endedCompositeChildrenLeftOut() {
        Admin admin = new Admin(server);
        JitApi jit = new JitApi(server, "acme");
        for (String role : List.of("lazy-composite", "lazy-child", "lazy-kept")) {
            admin.createRole(role);
        }
        String base = server.baseUrl() + "/admin/realms/acme/roles/lazy-composite/composites";
        assertEquals(
                204,
                Http.postJson(base, Tokens.admin(server), List.of(admin.role("lazy-child"), admin.role("lazy-kept")))
                        .status());
        String clientUuid =
                admin.createServiceAccountClient("lazy-bot"); // full scope: the token carries every role it holds
        String botUser = admin.serviceAccountId("lazy-bot");
        admin.grantRealmRole(botUser, "lazy-kept"); // held another way: stays
        jit.createPolicy(
                Tokens.admin(server),
                "lazy-composite",
                Map.of(
                        "role",
                        List.of("lazy-composite"),
                        "eligibleServiceAccounts",
                        List.of("lazy-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H")));
        String grantId = jit.request(admin.serviceAccountToken("lazy-bot"), "lazy-composite", "PT2S", "x", null)
                .json()
                .path("grantId")
                .asText();
        String during = Tokens.claims(admin.serviceAccountToken("lazy-bot"))
                .path("realm_access")
                .toString();
        assertTrue(
                during.contains("lazy-composite") && during.contains("lazy-child"), "no role while granted: " + during);

        Instant end = TokenIT.endOf(admin.grant("service-account-lazy-bot", "lazy-composite", grantId));
        await("the grant's end passes")
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().isAfter(end.plusMillis(500)));

        assertTrue(
                admin.directRealmRoles(botUser).contains("lazy-composite"),
                "the mapping went; the test proves nothing");
        String after = Tokens.claims(admin.serviceAccountToken("lazy-bot"))
                .path("realm_access")
                .toString();
        assertFalse(after.contains("lazy-composite"), after);
        assertFalse(after.contains("lazy-child"), "a child of the ended composite is still in the token: " + after);
        assertTrue(after.contains("lazy-kept"), "a role held another way left the token: " + after);
        Http.delete(server.baseUrl() + "/admin/realms/acme/clients/" + clientUuid, Tokens.admin(server));
    }
}
