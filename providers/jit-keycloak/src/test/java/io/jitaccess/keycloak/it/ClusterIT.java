package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.EmbeddedPostgres;
import io.jitaccess.harness.FreePorts;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Keycloak nodes on this machine ({@code --cache=ispn}, their own HTTP, management and cache ports)
 * sharing one PostgreSQL. The sweep runs rarely here (every 120 s), so a grant that ends within the test
 * ended by a precise timer: on the other node, that proves the cluster event crossed the wire.
 */
@DisplayName("On a two-node cluster every grant ends once, and a node alone goes on ending grants")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static EmbeddedPostgres postgres;
    private static KeycloakServer nodeA;
    private static KeycloakServer nodeB;

    @BeforeAll
    static void start() {
        postgres = EmbeddedPostgres.start();
        nodeA = node("cluster-a").importRealm(TestServers.realmFile()).build().start();
        nodeB = node("cluster-b").build().start();
    }

    private static KeycloakServer.Builder node(String name) {
        return TestServers.withProviders(name)
                .database(postgres)
                .option(TestServers.RUN_OPTIONS)
                .option(
                        "--cache=ispn",
                        "--cache-embedded-network-bind-address=127.0.0.1",
                        "--cache-embedded-network-bind-port=" + FreePorts.find(),
                        "--spi-jit-expiry--default--sweep-interval=120");
    }

    @AfterAll
    static void stop() {
        for (KeycloakServer node : new KeycloakServer[] {nodeA, nodeB}) {
            if (node != null) {
                node.stop();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    @DisplayName("a policy made on node A applies on node B, and a grant made on A ends exactly once")
    void endsOnce() {
        new Admin(nodeA).createRole("cluster-it-role");
        new JitApi(nodeA, "acme")
                .createPolicy(
                        Tokens.admin(nodeA),
                        "cluster-it",
                        Map.of(
                                "role",
                                List.of("cluster-it-role"),
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
        JitApi onB = new JitApi(nodeB, "acme");
        String botOnB = Tokens.clientCredentials(nodeB, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        assertEquals(200, onB.policies(botOnB).status());

        String botOnA = Tokens.clientCredentials(nodeA, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        Http.Response created = new JitApi(nodeA, "acme").request(botOnA, "cluster-it", "PT3S", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();
        assertEquals(
                "ACTIVE",
                new Admin(nodeB)
                        .grant("service-account-" + DEPLOY_BOT, "cluster-it-role", grantId)
                        .path("status")
                        .asText(),
                "node B does not see the grant made on node A");

        JsonNode ended = awaitEnded(nodeB, grantId);
        assertEquals("EXPIRED", ended.path("status").asText());
        assertEquals("precise", ended.path("endedBy").asText());
        long endings = onB.auditEntries(Tokens.admin(nodeB)).stream()
                .filter(e -> e.path("grantId").asText().equals(grantId)
                        && e.path("action").asText().equals("GRANT_EXPIRED"))
                .count();
        assertEquals(1, endings, "the grant ended more than once");
    }

    @Test
    @Order(2)
    @DisplayName("with node A stopped, node B ends a grant made on A by its own precise timer")
    void nodeBGoesOn() {
        String botOnA = Tokens.clientCredentials(nodeA, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        Http.Response created = new JitApi(nodeA, "acme").request(botOnA, "cluster-it", "PT4S", null, null);
        assertEquals(201, created.status(), created.body());
        String grantId = created.json().path("grantId").asText();

        nodeA.stop();

        JsonNode ended = awaitEnded(nodeB, grantId);
        assertEquals("EXPIRED", ended.path("status").asText());
        assertEquals("precise", ended.path("endedBy").asText(), "node B did not hear of the grant made on node A");
    }

    private static JsonNode awaitEnded(KeycloakServer node, String grantId) {
        Admin admin = new Admin(node);
        String user = "service-account-" + DEPLOY_BOT;
        await("grant " + grantId + " ends")
                .atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> !admin.grant(user, "cluster-it-role", grantId)
                        .path("status")
                        .asText()
                        .equals("ACTIVE"));
        return admin.grant(user, "cluster-it-role", grantId);
    }
}
