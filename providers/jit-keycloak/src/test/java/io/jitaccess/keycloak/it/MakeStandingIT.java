package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keycloak's grantRole does nothing for a mapping that exists, so an admin who assigns a granted role by hand
 * changes nothing; making a grant's role permanent is an explicit, audited admin action instead.
 */
@DisplayName("An admin makes a grant's role standing on purpose: it stays when the grant ends")
class MakeStandingIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin admin = new Admin(server);
    private final RealmAdmins admins = new RealmAdmins(server, "acme");

    @Test
    @DisplayName("make-standing keeps the role past the grant's end, audited; a view-only admin may not")
    void makeStanding() {
        admin.createRole("standing-it-role");
        admin.createServiceAccountClient("standing-it-bot");
        jit.createPolicy(
                Tokens.admin(server),
                "standing-it",
                Map.of(
                        "role",
                        List.of("standing-it-role"),
                        "eligibleServiceAccounts",
                        List.of("standing-it-bot"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT5M")));
        String bot = admin.serviceAccountToken("standing-it-bot");
        Http.Response granted = jit.request(bot, "standing-it", "PT5M", "deploy", null);
        assertEquals(201, granted.status(), granted.body());
        String grantId = granted.json().path("grantId").asText();
        String url = server.baseUrl() + "/admin/realms/acme/jit/grants/" + grantId + "/make-standing";

        admins.create("standing-it-viewer", "view-users");
        assertEquals(
                403,
                Http.postJson(url, admins.token("standing-it-viewer"), Map.of("reason", "keep it"))
                        .status());
        Refusals.assertRefused(Http.postJson(url, Tokens.admin(server), Map.of()), 400, "invalid_input");

        Http.Response made =
                Http.postJson(url, Tokens.admin(server), Map.of("reason", "the pipeline needs it for good"));
        assertEquals(200, made.status(), made.body());
        assertTrue(made.json().path("standing").asBoolean(), made.body());
        JsonNode entry = jit.auditEntries(Tokens.admin(server)).stream()
                .filter(e -> e.path("action").asText().equals("GRANT_MADE_STANDING")
                        && grantId.equals(e.path("grantId").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no GRANT_MADE_STANDING entry"));
        assertTrue(entry.path("reason").asText().contains("the pipeline needs it for good"), entry.toString());

        assertEquals(200, jit.endGrant(bot, grantId).status());
        String userId = admin.serviceAccountId("standing-it-bot");
        await().atMost(Duration.ofSeconds(10)).until(() -> "REVOKED"
                .equals(admin.grant("service-account-standing-it-bot", "standing-it-role", grantId)
                        .path("status")
                        .asText()));
        assertTrue(
                admin.directRealmRoles(userId).contains("standing-it-role"), "the standing role went with the grant");
        Refusals.assertRefused(
                Http.postJson(url, Tokens.admin(server), Map.of("reason", "again")), 409, "illegal_transition");
        Refusals.assertRefused(
                Http.postJson(
                        server.baseUrl() + "/admin/realms/acme/jit/grants/no-such-grant/make-standing",
                        Tokens.admin(server),
                        Map.of("reason", "x")),
                404,
                "not_found");
    }
}
