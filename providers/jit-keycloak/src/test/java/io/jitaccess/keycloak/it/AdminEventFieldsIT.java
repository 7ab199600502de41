package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Audit entries become Keycloak admin events two ways: through Keycloak's {@code AdminEventBuilder} during a
 * request of the admin API, through our dispatcher otherwise (user API, login step, timers). A SIEM reading
 * them must not tell the two apart by anything but who acted: the same kind of entry (a revocation) made
 * each way fills the same fields the same way.
 */
@DisplayName("Admin events of the admin API and of the user API carry the same fields")
class AdminEventFieldsIT {

    private static final String ROLE = "event-fields-role";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin acme = new Admin(server);

    @Test
    @DisplayName(
            "a revocation by the admin API and an end by the user API: same type, path, details and representation fields")
    void sameFields() {
        acme.createRole(ROLE);
        String policy = jit.createPolicy(
                Tokens.admin(server),
                "event-fields auto",
                Map.of(
                        "role",
                        List.of(ROLE),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false"),
                        "endSessionsOnRevoke",
                        List.of("false")));
        String ownToken = token("event-fields-own");
        String revokedToken = token("event-fields-revoked");
        String own = grant(ownToken, policy);
        String revoked = grant(revokedToken, policy);

        assertEquals(200, jit.endGrant(ownToken, own).status());
        Http.Response revocation = jit.revoke(Tokens.admin(server), revoked, "event fields");
        assertEquals(200, revocation.status(), revocation.body());

        JsonNode byUser =
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> revokedEvent(own), e -> e != null);
        JsonNode byAdmin =
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> revokedEvent(revoked), e -> e != null);

        for (JsonNode event : List.of(byUser, byAdmin)) {
            assertEquals("ACTION", event.path("operationType").asText(), event.toString());
            assertEquals("CUSTOM", event.path("resourceType").asText(), event.toString());
            assertEquals(acme.realmId(), event.path("realmId").asText(), event.toString());
            assertEquals(Set.of("jit_action", "jit_audit_seq"), keys(event.path("details")), event.toString());
            assertEquals(
                    "jit_grant_revoked",
                    event.path("details").path("jit_action").asText(),
                    event.toString());
        }
        assertEquals("jit/grants/" + own, byUser.path("resourcePath").asText());
        assertEquals("jit/grants/" + revoked, byAdmin.path("resourcePath").asText());
        JsonNode userEntry = representation(byUser);
        JsonNode adminEntry = representation(byAdmin);
        assertEquals(keys(userEntry), keys(adminEntry), "the two representations differ in their fields");
        assertEquals(
                userEntry.path("seq").asText(),
                byUser.path("details").path("jit_audit_seq").asText());
        assertEquals(
                adminEntry.path("seq").asText(),
                byAdmin.path("details").path("jit_audit_seq").asText());

        // each representation is its audit entry, field for field
        for (JsonNode entry : List.of(userEntry, adminEntry)) {
            JsonNode audited = auditEntry(entry.path("seq").asLong());
            assertEquals(audited.path("hash").asText(), entry.path("hash").asText(), entry.toString());
            assertEquals(audited.path("reason").asText(), entry.path("reason").asText(), entry.toString());
            assertEquals(audited.path("actor").asText(), entry.path("actor").asText(), entry.toString());
            assertEquals(audited.path("subject").asText(), entry.path("subject").asText(), entry.toString());
        }
        assertEquals("event-fields-own", userEntry.path("actor").asText());
        assertEquals("admin", adminEntry.path("actor").asText());

        // who acted: our dispatcher names the entry's actor in the event's realm; Keycloak's builder names the admin
        // as Keycloak knows them (the master realm, the admin console client they used)
        assertEquals(acme.realmId(), byUser.path("authDetails").path("realmId").asText(), byUser.toString());
        assertEquals(
                acme.userId("event-fields-own"),
                byUser.path("authDetails").path("userId").asText());
        assertNotEquals(
                acme.realmId(), byAdmin.path("authDetails").path("realmId").asText(), byAdmin.toString());
        assertTrue(!byAdmin.path("authDetails").path("clientId").asText().isEmpty(), byAdmin.toString());
        assertEquals(
                adminEntry.path("actorId").asText(),
                byAdmin.path("authDetails").path("userId").asText(),
                byAdmin.toString());
    }

    private String token(String username) {
        TestPeople.contractor(server, username);
        return UserTokens.accountConsole(server, new FormLogin(server, "acme"), username, true)
                .access();
    }

    private String grant(String token, String policy) {
        Http.Response request = jit.request(token, policy, "PT30M", null, null);
        assertEquals(201, request.status(), request.body());
        return request.json().path("grantId").asText();
    }

    private JsonNode revokedEvent(String grantId) {
        JsonNode events = Http.get(
                        server.baseUrl()
                                + "/admin/realms/acme/admin-events?resourceTypes=CUSTOM&resourcePath=jit/grants/"
                                + grantId + "&max=50",
                        Tokens.admin(server))
                .json();
        for (JsonNode event : events) {
            if ("jit_grant_revoked"
                    .equals(event.path("details").path("jit_action").asText())) {
                return event;
            }
        }
        return null;
    }

    private JsonNode auditEntry(long seq) {
        for (JsonNode entry : jit.audit(Tokens.admin(server), "?max=1000&first=" + Math.max(0, seq - 500))
                .json()) {
            if (entry.path("seq").asLong() == seq) {
                return entry;
            }
        }
        throw new AssertionError("no audit entry " + seq);
    }

    private static JsonNode representation(JsonNode event) {
        return new Http.Response(200, event.path("representation").asText(), null).json();
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
