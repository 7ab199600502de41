package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** With the precise timer switched off, the backstop sweep (every 2 s here) ends grants and lapsed requests. */
@DisplayName("The backstop sweep ends what the precise path does not")
class SweepIT {

    private final KeycloakServer server =
            TestServers.shared("acme-sweep-only", () -> TestServers.withProviders("acme-sweep-only")
                    .importRealm(TestServers.realmFile())
                    .option(TestServers.RUN_OPTIONS)
                    .option("--spi-jit-expiry--default--precise=false", "--spi-jit-expiry--default--sweep-interval=2")
                    .build());
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);

    @Test
    @DisplayName("a grant ends by the sweep, and its mapping is removed")
    void endsByTheSweep() {
        admin.createRole("sweep-it-role");
        jit.createPolicy(
                Tokens.admin(server),
                "sweep-it",
                Map.of(
                        "role",
                        List.of("sweep-it-role"),
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
        String grantId = jit.request(bot, "sweep-it", "PT1S", null, null)
                .json()
                .path("grantId")
                .asText();

        await("the sweep ends the grant")
                .atMost(ExpiryIT.WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !admin.grant("service-account-" + DEPLOY_BOT, "sweep-it-role", grantId)
                        .path("status")
                        .asText()
                        .equals("ACTIVE"));

        JsonNode ended = admin.grant("service-account-" + DEPLOY_BOT, "sweep-it-role", grantId);
        assertEquals("EXPIRED", ended.path("status").asText());
        assertEquals("sweep", ended.path("endedBy").asText());
        assertFalse(admin.directRealmRoles(admin.serviceAccountId(DEPLOY_BOT)).contains("sweep-it-role"));
    }

    @Test
    @DisplayName("a pending request past its lifetime becomes EXPIRED")
    void lapsedRequestExpires() {
        admin.createRole("sweep-it-ttl");
        jit.createPolicy(
                Tokens.admin(server),
                "sweep-it ttl",
                Map.of(
                        "role",
                        List.of("sweep-it-ttl"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "approverGroups",
                        List.of("/approvers"),
                        "pendingTtl",
                        List.of("PT1S"),
                        "justificationRequired",
                        List.of("false")));
        String bot = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        Http.Response created = jit.request(bot, "sweep-it ttl", "PT5M", null, null);
        assertEquals("PENDING", created.json().path("status").asText(), created.body());
        String id = created.json().path("id").asText();

        await("the request lapses")
                .atMost(ExpiryIT.WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> jit.read(bot, id).json().path("status").asText().equals("EXPIRED"));
    }
}
