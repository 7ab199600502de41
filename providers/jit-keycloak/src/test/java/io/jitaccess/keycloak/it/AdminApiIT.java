package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The admin API {@code /admin/realms/{realm}/jit}, endpoint by endpoint: what an admin reads and changes,
 * its filters and pages, its refusals (JSON, with the right status), its permissions, and the admin events
 * that mirror each action on the console's Events page.
 */
@DisplayName("The JIT admin API: policies, requests, grants, revocation, end-all, audit, permissions and admin events")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIT {

    private static final String ROLE = "admin-it-role";
    private static final String OTHER_REALM = "acme-admin-it";

    private final KeycloakEndpoint server = TestServers.acme();
    private final JitApi jit = new JitApi(server, "acme");
    private final Admin acme = new Admin(server);
    private String approval;
    private String auto;

    @BeforeAll
    void setUp() {
        String admin = Tokens.admin(server);
        acme.createRole(ROLE);
        approval = jit.createPolicy(
                admin,
                "admin-it approval",
                Map.of(
                        "role",
                        List.of("ops-console.prod-maintainer"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "approverGroups",
                        List.of("/approvers"),
                        "maxDuration",
                        List.of("PT1H"),
                        "maxPendingRequests",
                        List.of("50"),
                        "maxActiveGrants",
                        List.of("50")));
        auto = jit.createPolicy(
                admin,
                "admin-it auto",
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
                        "maxActiveGrants",
                        List.of("50"),
                        "endSessionsOnRevoke",
                        List.of("false")));
    }

    private String admin() {
        return Tokens.admin(server);
    }

    /** A new contractor's token with a second factor. */
    private String contractor(String username) {
        TestPeople.contractor(server, username);
        return UserTokens.accountConsole(server, new FormLogin(server, "acme"), username, true)
                .access();
    }

    private JsonNode created(Http.Response response) {
        assertEquals(201, response.status(), response.body());
        return response.json();
    }

    /** A refusal, as JSON. */
    private static void assertRefused(Http.Response response, int status, String code) {
        assertTrue(
                String.valueOf(response.header("Content-Type")).startsWith("application/json"),
                response.header("Content-Type"));
        Refusals.assertRefused(response, status, code);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    @DisplayName(
            "GET /policies lists every policy, usable or not, with its problems; an invalid policy is refused when saved")
    void policies() {
        new Admin(server).createRole("doomed-role-admin-it");
        String broken = jit.createPolicy(
                admin(),
                "admin-it broken",
                Map.of(
                        "role",
                        List.of("doomed-role-admin-it"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true")));
        assertEquals(
                204,
                Http.delete(server.baseUrl() + "/admin/realms/acme/roles/doomed-role-admin-it", admin())
                        .status());
        Http.Response listed = Http.get(server.baseUrl() + "/admin/realms/acme/jit/policies", admin());
        assertEquals(200, listed.status(), listed.body());
        JsonNode usable = null;
        JsonNode unusable = null;
        for (JsonNode policy : listed.json()) {
            if (policy.path("id").asText().equals(approval)) {
                usable = policy;
            } else if (policy.path("id").asText().equals(broken)) {
                unusable = policy;
            }
        }
        assertTrue(usable != null && usable.path("usable").asBoolean(), listed.body());
        assertEquals("prod-maintainer", usable.path("role").asText());
        assertEquals("ops-console", usable.path("client").asText());
        assertEquals("PT1H", usable.path("maxDuration").asText());
        assertTrue(unusable != null && !unusable.path("usable").asBoolean(), listed.body());
        assertTrue(unusable.path("problems").toString().contains("doomed-role-admin-it"), unusable.toString());

        // a policy naming a role the realm does not have is refused when saved, and says what is missing
        Http.Response missing = jit.postPolicy(
                admin(),
                "admin-it missing",
                Map.of(
                        "role",
                        List.of("no-such-role-admin-it"),
                        "eligibleGroups",
                        List.of("/contractors"),
                        "autoApprove",
                        List.of("true")));
        assertEquals(400, missing.status(), missing.body());
        assertTrue(missing.body().contains("role 'no-such-role-admin-it'"), missing.body());

        // what the console's form sends when a value is wrong: a 400 with the reason, nothing saved
        String realmId = Http.get(server.baseUrl() + "/admin/realms/acme", admin())
                .json()
                .path("id")
                .asText();
        Http.Response invalid = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/components",
                admin(),
                Map.of(
                        "name",
                        "admin-it invalid",
                        "providerId",
                        "jit-policy",
                        "providerType",
                        "org.keycloak.services.ui.extend.UiPageProvider",
                        "parentId",
                        realmId,
                        "config",
                        Map.of("role", List.of(ROLE), "maxDuration", List.of("forever"))));
        assertEquals(400, invalid.status(), invalid.body());
        assertTrue(
                invalid.body().contains("forever")
                        || invalid.body().toLowerCase().contains("duration"),
                invalid.body());
        assertFalse(Http.get(server.baseUrl() + "/admin/realms/acme/jit/policies", admin())
                .body()
                .contains("admin-it invalid"));
    }

    @Test
    @DisplayName(
            "a policy's name is one: the console's name option and the component name agree, and no two policies share one")
    void policyNames() {
        String components = server.baseUrl() + "/admin/realms/acme/components";
        // created through the API with the component's name only: the option the console shows is filled in
        JsonNode byApi = Http.get(components + "/" + approval, admin()).json();
        assertEquals(
                "admin-it approval", byApi.path("config").path("name").get(0).asText(), byApi.toString());

        // created as the console's form sends it: the option only
        String realmId = Http.get(server.baseUrl() + "/admin/realms/acme", admin())
                .json()
                .path("id")
                .asText();
        Http.Response fromForm = Http.postJson(
                components,
                admin(),
                Map.of(
                        "providerId",
                        "jit-policy",
                        "providerType",
                        "org.keycloak.services.ui.extend.UiPageProvider",
                        "parentId",
                        realmId,
                        "config",
                        Map.of(
                                "name",
                                List.of("  admin-it from the form "),
                                "role",
                                List.of(ROLE),
                                "autoApprove",
                                List.of("true"))));
        assertEquals(201, fromForm.status(), fromForm.body());
        String location = fromForm.header("Location");
        JsonNode stored = Http.get(location, admin()).json();
        assertEquals("admin-it from the form", stored.path("name").asText(), stored.toString());
        assertEquals(
                "admin-it from the form",
                stored.path("config").path("name").get(0).asText(),
                stored.toString());

        // renamed in the console: the option wins, and requests may name the policy by its new name
        ObjectNode renamed = stored.deepCopy();
        ((ObjectNode) renamed.path("config")).putArray("name").add("admin-it renamed");
        Http.Response put = Http.send(Http.request(location, admin())
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(renamed.toString()))
                .build());
        assertEquals(204, put.status(), put.body());
        assertEquals(
                "admin-it renamed",
                Http.get(location, admin()).json().path("name").asText());

        Http.Response duplicate = Http.postJson(
                components,
                admin(),
                Map.of(
                        "name",
                        "admin-it approval",
                        "providerId",
                        "jit-policy",
                        "providerType",
                        "org.keycloak.services.ui.extend.UiPageProvider",
                        "parentId",
                        realmId,
                        "config",
                        Map.of("role", List.of(ROLE), "autoApprove", List.of("true"))));
        assertEquals(400, duplicate.status(), duplicate.body());
        assertTrue(duplicate.body().contains("exists already"), duplicate.body());

        Http.Response nameless = Http.postJson(
                components,
                admin(),
                Map.of(
                        "providerId",
                        "jit-policy",
                        "providerType",
                        "org.keycloak.services.ui.extend.UiPageProvider",
                        "parentId",
                        realmId,
                        "config",
                        Map.of("role", List.of(ROLE), "autoApprove", List.of("true"))));
        assertEquals(400, nameless.status(), nameless.body());
        assertTrue(nameless.body().contains("Give the policy a name"), nameless.body());
        assertEquals(204, Http.delete(location, admin()).status());
    }

    @Test
    @DisplayName(
            "GET /requests filters by user, role, client, status and time, pages with first/max, and refuses bad parameters")
    void requests() {
        String first = contractor("admin-it-req-1");
        String second = contractor("admin-it-req-2");
        String a = created(jit.request(first, approval, "PT30M", "first of two", null))
                .path("id")
                .asText();
        String b = created(jit.request(first, approval, "PT30M", "second of two", null))
                .path("id")
                .asText();
        JsonNode other = created(jit.request(second, auto, "PT10M", null, null));
        assertEquals(200, jit.cancel(first, a).status());

        assertEquals(
                List.of(b, a),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1").json()),
                "newest first");
        assertEquals(
                List.of(b),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&status=pending")
                        .json()));
        assertEquals(
                List.of(a),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&status=CANCELLED")
                        .json()));
        assertEquals(
                List.of(b, a),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&role=prod-maintainer&client=ops-console")
                        .json()));
        assertEquals(
                List.of(),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&role=" + ROLE)
                        .json()));
        assertEquals(
                List.of(other.path("id").asText()),
                ids(jit.adminRequests(admin(), "?role=" + ROLE + "&user=admin-it-req-2")
                        .json()));
        assertEquals(
                List.of(b),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&max=1").json()));
        assertEquals(
                List.of(a),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&first=1&max=1")
                        .json()));

        Instant bAt = Instant.parse(jit.adminRequests(admin(), "?user=admin-it-req-1&max=1")
                .json()
                .get(0)
                .path("createdAt")
                .asText());
        assertEquals(
                List.of(b),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&from=" + bAt)
                        .json()),
                "from is inclusive");
        assertEquals(
                List.of(a),
                ids(jit.adminRequests(admin(), "?user=admin-it-req-1&to=" + bAt).json()),
                "to is exclusive");

        assertRefused(jit.adminRequests(admin(), "?max=0"), 400, "invalid_input");
        assertRefused(jit.adminRequests(admin(), "?max=1001"), 400, "invalid_input");
        assertRefused(jit.adminRequests(admin(), "?first=-1"), 400, "invalid_input");
        assertRefused(jit.adminRequests(admin(), "?first=abc"), 400, "invalid_input");
        assertRefused(jit.adminRequests(admin(), "?from=yesterday"), 400, "invalid_input");
        assertRefused(jit.adminRequests(admin(), "?status=LOST"), 400, "invalid_input");
    }

    @Test
    @DisplayName(
            "GET /grants shows active grants by user, role and client; revoking needs a reason, removes the mapping, once")
    void grantsAndRevoke() {
        String token = contractor("admin-it-grant");
        JsonNode request = created(jit.request(token, auto, "PT30M", null, null));
        String grantId = request.path("grantId").asText();
        String userId = acme.userId("admin-it-grant");
        assertTrue(acme.directRealmRoles(userId).contains(ROLE), "the grant is not a role mapping");

        JsonNode active = jit.adminGrants(admin(), "?user=admin-it-grant").json();
        assertEquals(List.of(grantId), ids(active));
        assertEquals("ACTIVE", active.get(0).path("status").asText());
        assertEquals(ROLE, active.get(0).path("role").asText());
        assertEquals(
                List.of(grantId),
                ids(jit.adminGrants(admin(), "?user=admin-it-grant&role=" + ROLE)
                        .json()));
        assertEquals(
                List.of(),
                ids(jit.adminGrants(admin(), "?user=admin-it-grant&client=ops-console")
                        .json()));
        assertRefused(jit.adminGrants(admin(), "?status=GONE"), 400, "invalid_input");

        assertRefused(
                Http.postJson(
                        server.baseUrl() + "/admin/realms/acme/jit/grants/" + grantId + "/revoke", admin(), Map.of()),
                400,
                "invalid_input");
        assertRefused(jit.revoke(admin(), "no-such-grant", "test"), 404, "not_found");
        Http.Response revoked = jit.revoke(admin(), grantId, "Incident closed");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals("REVOKED", revoked.json().path("status").asText());
        assertEquals("Incident closed", revoked.json().path("endReason").asText());
        assertFalse(acme.directRealmRoles(userId).contains(ROLE), "the mapping outlived the revocation");
        assertRefused(jit.revoke(admin(), grantId, "again"), 409, "illegal_transition");

        assertEquals(
                List.of(), ids(jit.adminGrants(admin(), "?user=admin-it-grant").json()), "ACTIVE is the default");
        assertEquals(
                List.of(grantId),
                ids(jit.adminGrants(admin(), "?user=admin-it-grant&status=ALL").json()));
        assertEquals(
                List.of(grantId),
                ids(jit.adminGrants(admin(), "?user=admin-it-grant&status=revoked")
                        .json()));

        // the Events page of the admin console shows the revocation, with the audit entry as representation
        JsonNode events = Http.get(
                        server.baseUrl() + "/admin/realms/acme/admin-events?resourceTypes=CUSTOM&max=200", admin())
                .json();
        JsonNode event = null;
        for (JsonNode candidate : events) {
            if (("jit/grants/" + grantId).equals(candidate.path("resourcePath").asText())
                    && candidate.path("representation").asText().contains("jit_grant_revoked")) {
                event = candidate;
            }
        }
        assertTrue(event != null, "no admin event for the revocation in " + events);
        assertEquals("ACTION", event.path("operationType").asText());
        assertEquals("CUSTOM", event.path("resourceType").asText());
        JsonNode representation =
                new Http.Response(200, event.path("representation").asText(), null).json();
        assertEquals("revoked: Incident closed", representation.path("reason").asText(), representation.toString());
        assertEquals("admin-it-grant", representation.path("subject").asText(), representation.toString());
    }

    @Test
    @DisplayName(
            "GET /audit exports JSON and CSV in chain order over a time range and in pages; /audit/verify walks the chain")
    void audit() {
        String token = contractor("admin-it-audit");
        Instant before = Instant.now().minusSeconds(1);
        created(jit.request(token, approval, "PT10M", "audit me, \"quoted\", with a comma", null));

        JsonNode range = jit.audit(admin(), "?from=" + before + "&max=1000").json();
        JsonNode created = null;
        for (JsonNode entry : range) {
            if ("admin-it-audit".equals(entry.path("actor").asText())
                    && "REQUEST_CREATED".equals(entry.path("action").asText())) {
                created = entry;
            }
            assertFalse(Instant.parse(entry.path("time").asText()).isBefore(before.minusMillis(1)), entry.toString());
        }
        assertTrue(created != null, range.toString());
        assertEquals(
                "audit me, \"quoted\", with a comma",
                created.path("justification").asText());
        for (int i = 1; i < range.size(); i++) {
            assertTrue(
                    range.get(i).path("seq").asLong()
                            > range.get(i - 1).path("seq").asLong(),
                    "not in chain order");
        }

        JsonNode firstTwo = jit.audit(admin(), "?max=2").json();
        JsonNode next = jit.audit(admin(), "?first=1&max=1").json();
        assertEquals(2, firstTwo.size());
        assertEquals(
                firstTwo.get(1).path("seq").asLong(), next.get(0).path("seq").asLong(), "pages do not line up");

        Http.Response csv = jit.audit(admin(), "?from=" + before + "&max=1000&format=csv");
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.header("Content-Type").startsWith("text/csv"), csv.header("Content-Type"));
        assertTrue(csv.header("Content-Disposition").contains("jit-audit-acme.csv"), csv.header("Content-Disposition"));
        String[] lines = csv.body().split("\r?\n");
        assertTrue(lines[0].startsWith("seq,time,action"), lines[0]);
        assertTrue(
                csv.body().contains("\"audit me, \"\"quoted\"\", with a comma\""),
                "the CSV does not quote: " + csv.body());

        assertRefused(jit.audit(admin(), "?format=xml"), 400, "invalid_input");
        assertRefused(jit.audit(admin(), "?to=soon"), 400, "invalid_input");
        Http.Response verified = jit.verify(admin());
        assertEquals(200, verified.status(), verified.body());
        assertTrue(verified.json().path("intact").asBoolean(), verified.body());
        assertTrue(verified.json().path("entriesChecked").asLong() >= range.size(), verified.body());
    }

    @Test
    @DisplayName("reading needs view-users, changing needs manage-users; others get 403 and nothing changes")
    void permissions() {
        String viewer = realmUserWith("admin-it-viewer", "view-users");
        String nobody = realmUserWith("admin-it-nobody", null);
        String token = contractor("admin-it-perm");
        String grantId = created(jit.request(token, auto, "PT10M", null, null))
                .path("grantId")
                .asText();

        JitApi acme = new JitApi(server, "acme");
        assertEquals(200, acme.adminGrants(viewer, "?user=admin-it-perm").status());
        assertEquals(200, acme.audit(viewer, "?max=1").status());
        assertEquals(403, acme.revoke(viewer, grantId, "not allowed").status());
        assertEquals(
                403,
                Http.postJson(
                                server.baseUrl() + "/admin/realms/acme/jit/grants/end-all",
                                viewer,
                                Map.of("reason", "no"))
                        .status());
        assertEquals(403, acme.adminGrants(nobody, "").status());
        assertEquals(403, acme.audit(nobody, "").status());
        assertEquals(401, acme.adminGrants(null, "").status());
        assertEquals(
                List.of(grantId),
                ids(jit.adminGrants(admin(), "?user=admin-it-perm").json()),
                "a refused revocation ended the grant");
        assertEquals(200, jit.revoke(admin(), grantId, "test over").status());
    }

    /** A user of realm acme without OTP, with one client role of realm-management (or none), signed in to admin-cli. */
    private String realmUserWith(String username, String managementRole) {
        Http.Response created = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/users",
                admin(),
                Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "email",
                        username + "@acme.example",
                        "emailVerified",
                        true,
                        "firstName",
                        "Admin",
                        "lastName",
                        "It",
                        "credentials",
                        List.of(Map.of("type", "password", "value", username + "-pw", "temporary", false))));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
        if (managementRole != null) {
            String clientId = Http.get(
                            server.baseUrl() + "/admin/realms/acme/clients?clientId=realm-management", admin())
                    .json()
                    .get(0)
                    .path("id")
                    .asText();
            JsonNode role = Http.get(
                            server.baseUrl() + "/admin/realms/acme/clients/" + clientId + "/roles/" + managementRole,
                            admin())
                    .json();
            Http.Response mapped = Http.postJson(
                    server.baseUrl() + "/admin/realms/acme/users/" + acme.userId(username) + "/role-mappings/clients/"
                            + clientId,
                    admin(),
                    List.of(role));
            assertEquals(204, mapped.status(), mapped.body());
        }
        Http.Response login = Http.postForm(
                server.baseUrl() + "/realms/acme/protocol/openid-connect/token",
                null,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        username,
                        "password",
                        username + "-pw"));
        assertEquals(200, login.status(), login.body());
        return login.json().path("access_token").asText();
    }

    @Test
    @DisplayName(
            "POST /grants/end-all ends every active grant of one realm (mappings removed, audited) and no other realm's")
    void endAll() {
        new Admin(server).createRealmLikeAcme(OTHER_REALM);
        JitApi other = new JitApi(server, OTHER_REALM);
        String otherAdmin = admin();
        String operatorPolicy = other.createPolicy(
                otherAdmin,
                "admin-it deploy-bot operator",
                Map.of(
                        "role",
                        List.of("ops-console.operator"),
                        "eligibleServiceAccounts",
                        List.of(DEPLOY_BOT),
                        "autoApprove",
                        List.of("true"),
                        "maxDuration",
                        List.of("PT1H"),
                        "justificationRequired",
                        List.of("false")));
        String bot = Tokens.clientCredentials(server, OTHER_REALM, DEPLOY_BOT, DEPLOY_BOT_SECRET)
                .json()
                .path("access_token")
                .asText();
        created(other.request(bot, "prod-admin for deploy-bot", "PT10M", "release", null));
        created(other.request(bot, operatorPolicy, "PT10M", null, null));
        assertEquals(2, other.adminGrants(otherAdmin, "").json().size());
        Admin otherRealm = new Admin(server, OTHER_REALM);
        String botUser = otherRealm.serviceAccountId(DEPLOY_BOT);
        assertTrue(otherRealm.directRealmRoles(botUser).contains("prod-admin"));

        String acmeGrant = created(jit.request(contractor("admin-it-kept"), auto, "PT10M", null, null))
                .path("grantId")
                .asText();

        String endAll = server.baseUrl() + "/admin/realms/" + OTHER_REALM + "/jit/grants/end-all";
        assertRefused(Http.postJson(endAll, otherAdmin, Map.of()), 400, "invalid_input");
        assertEquals(2, other.adminGrants(otherAdmin, "").json().size(), "a refused end-all ended grants");
        Http.Response ended = Http.postJson(endAll, otherAdmin, Map.of("reason", "Uninstalling JIT Access"));
        assertEquals(200, ended.status(), ended.body());
        assertEquals(2, ended.json().path("ended").asInt(), ended.body());

        assertEquals(0, other.adminGrants(otherAdmin, "").json().size());
        JsonNode revoked = other.adminGrants(otherAdmin, "?status=REVOKED").json();
        assertEquals(2, revoked.size());
        revoked.forEach(
                g -> assertEquals("Uninstalling JIT Access", g.path("endReason").asText(), g.toString()));
        assertFalse(otherRealm.directRealmRoles(botUser).contains("prod-admin"), "end-all left the mapping");
        boolean audited = false;
        for (JsonNode entry : other.auditEntries(otherAdmin)) {
            audited |= "ALL_GRANTS_ENDED".equals(entry.path("action").asText())
                    && entry.path("reason").asText().equals("2 grant(s) ended: Uninstalling JIT Access");
        }
        assertTrue(audited, "end-all is not in the audit");
        assertTrue(other.verify(otherAdmin).json().path("intact").asBoolean());

        assertEquals(
                List.of(acmeGrant),
                ids(jit.adminGrants(admin(), "?user=admin-it-kept").json()),
                "end-all reached another realm");
        assertEquals(200, jit.revoke(admin(), acmeGrant, "test over").status());
    }
}
