package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * No token that carries a granted role outlives the grant, whatever the client: every client of a realm whose
 * clients have no jit client scope (the built-in account-console and security-admin-console by code, admin-cli by
 * password, a confidential client made after the extension, one made while the cap was not there as before the
 * extension was installed, and a service account). Each first shows the role really works (in the access token,
 * through introspection, or by calling the admin API with it), then that its exp is at most the grant's end, then
 * that after the end neither the role nor its composite's children are in new tokens.
 */
@DisplayName("Token matrix: every client's tokens carry a granted role only until the grant ends, exp capped")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenMatrixIT {

    private static final String REALM = "token-matrix";

    private OwnPostgresServer own;
    private KeycloakServer server;
    private String base;

    @BeforeAll
    void start() throws Exception {
        own = OwnPostgresServer.start("matrix-postgres");
        server = own.server;
        base = server.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect";
        importRealmWithoutJitScope();
        Admin admin = new Admin(server, REALM);
        admin.createRole("matrix-role");
        admin.createRole("matrix-child");
        String realmManagement = admin.clientUuid("realm-management");
        JsonNode viewUsers = Http.get(
                        server.baseUrl() + "/admin/realms/" + REALM + "/clients/" + realmManagement
                                + "/roles/view-users",
                        Tokens.admin(server))
                .json();
        assertEquals(
                204,
                Http.postJson(
                                server.baseUrl() + "/admin/realms/" + REALM + "/roles/matrix-role/composites",
                                Tokens.admin(server),
                                List.of(admin.role("matrix-child"), viewUsers))
                        .status());
        // account-console carries only the roles in its scope: give it the granted role, as an admin may
        admin.addScopeMapping("account-console", "matrix-role");
        confidentialClient("matrix-app", false);
        confidentialClient("matrix-legacy", false);
        confidentialClient("matrix-bot", true);
        new JitApi(server, REALM)
                .createPolicy(
                        Tokens.admin(server),
                        "matrix",
                        Map.of(
                                "role",
                                List.of("matrix-role"),
                                "eligibleUsers",
                                List.of("alice"),
                                "eligibleServiceAccounts",
                                List.of("matrix-bot"),
                                "autoApprove",
                                List.of("true"),
                                "maxDuration",
                                List.of("PT1H"),
                                "justificationRequired",
                                List.of("false"),
                                "maxActiveGrants",
                                List.of("5")));

        // as before the extension was installed: no client has the cap, and no mark says it ever had
        String realmId = Http.get(server.baseUrl() + "/admin/realms/" + REALM, Tokens.admin(server))
                .json()
                .path("id")
                .asText();
        String ofRealm = " IN (SELECT ID FROM CLIENT WHERE REALM_ID = ?)";
        server.stop();
        own.updateWith(
                "DELETE FROM PROTOCOL_MAPPER_CONFIG WHERE PROTOCOL_MAPPER_ID IN (SELECT ID FROM PROTOCOL_MAPPER"
                        + " WHERE PROTOCOL_MAPPER_NAME = 'jit-grants' AND CLIENT_ID" + ofRealm + ")",
                realmId);
        own.updateWith(
                "DELETE FROM PROTOCOL_MAPPER WHERE PROTOCOL_MAPPER_NAME = 'jit-grants' AND CLIENT_ID" + ofRealm,
                realmId);
        own.updateWith("DELETE FROM CLIENT_ATTRIBUTES WHERE NAME LIKE 'jit.cap%' AND CLIENT_ID" + ofRealm, realmId);
        assertEquals(
                "0",
                own.value(
                        "SELECT COUNT(*) FROM PROTOCOL_MAPPER WHERE PROTOCOL_MAPPER_NAME = 'jit-grants' AND CLIENT_ID"
                                + ofRealm,
                        realmId),
                "a client kept its cap; the test would not show the start-up's");
        server.restart();
    }

    @AfterAll
    void stop() {
        if (own != null) {
            own.close();
        }
    }

    @Test
    @DisplayName(
            "account-console, security-admin-console, admin-cli, a new and an older confidential client, and a service account")
    void everyClient() {
        FormLogin browser = new FormLogin(server, REALM);
        Map<String, String[]> clients = new LinkedHashMap<>(); // client → {secret, refresh token}
        clients.put("account-console", new String[] {
            null, code(browser, "account-console", server.baseUrl() + "/realms/" + REALM + "/account/", null)
        });
        clients.put("security-admin-console", new String[] {
            null, code(browser, "security-admin-console", server.baseUrl() + "/admin/" + REALM + "/console/", null)
        });
        clients.put("matrix-app", new String[] {
            "matrix-app-secret", code(browser, "matrix-app", "http://127.0.0.1:9/cb", "matrix-app-secret")
        });
        clients.put("matrix-legacy", new String[] {
            "matrix-legacy-secret", code(browser, "matrix-legacy", "http://127.0.0.1:9/cb", "matrix-legacy-secret")
        });
        String otp = FormLogin.freshCode(DemoUsers.ALICE.otpSecret());
        Http.Response password = Http.postForm(
                base + "/token",
                null,
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        "alice",
                        "password",
                        DemoUsers.ALICE.password(),
                        "otp",
                        otp,
                        "totp",
                        otp));
        assertEquals(200, password.status(), password.body());
        clients.put(
                "admin-cli",
                new String[] {null, password.json().path("refresh_token").asText()});

        String accountToken = refresh("account-console", clients.get("account-console"))
                .path("access_token")
                .asText();
        Http.Response granted = new JitApi(server, REALM).request(accountToken, "matrix", "PT40S", null, null);
        assertEquals(201, granted.status(), granted.body());
        Http.Response botGranted = new JitApi(server, REALM).request(botToken(), "matrix", "PT40S", null, null);
        assertEquals(201, botGranted.status(), botGranted.body());
        long end = grantEnd(granted.json().path("grantId").asText());
        long botEnd = grantEnd(botGranted.json().path("grantId").asText());

        for (Map.Entry<String, String[]> client : clients.entrySet()) {
            String token = refresh(client.getKey(), client.getValue())
                    .path("access_token")
                    .asText();
            assertRoleWorks(client.getKey(), client.getValue()[0], token, true);
            assertTrue(
                    Tokens.claims(token).path("exp").asLong() <= end,
                    client.getKey() + "'s token outlives the grant: "
                            + Tokens.claims(token).path("exp") + " > " + end);
        }
        String bot = botToken();
        assertRoleWorks("matrix-bot", "matrix-bot-secret", bot, true);
        assertTrue(Tokens.claims(bot).path("exp").asLong() <= botEnd, "the service account's token outlives the grant");

        await("both grants end")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Instant.now().getEpochSecond() > Math.max(end, botEnd)
                        && status(granted)
                        && status(botGranted));
        for (Map.Entry<String, String[]> client : clients.entrySet()) {
            String token = refresh(client.getKey(), client.getValue())
                    .path("access_token")
                    .asText();
            assertRoleWorks(client.getKey(), client.getValue()[0], token, false);
            assertTrue(
                    Tokens.claims(token).path("exp").asLong() > end,
                    client.getKey() + "'s token is still capped after the end");
        }
        assertRoleWorks("matrix-bot", "matrix-bot-secret", botToken(), false);

        // every client got its cap at start-up, as at a first installation (no removal to report)
        for (String client : List.of(
                "account-console",
                "security-admin-console",
                "admin-cli",
                "matrix-app",
                "matrix-legacy",
                "matrix-bot")) {
            JsonNode source = capReport(client);
            assertTrue(
                    source.path("capped").asBoolean()
                            && !source.path("capRestoredAt").isTextual(),
                    "start-up did not cap it: " + source);
        }
    }

    /**
     * The role at work, or gone: in the access token (with its composite's children) where the client's tokens carry
     * roles; through introspection for a confidential client; through the admin API (the child view-users) for a
     * lightweight token.
     */
    private void assertRoleWorks(String client, String secret, String token, boolean granted) {
        JsonNode claims = Tokens.claims(token);
        String roles = claims.path("realm_access").toString()
                + claims.path("resource_access").toString();
        boolean lightweight = claims.path("realm_access").isMissingNode()
                && claims.path("resource_access").isMissingNode();
        if (!lightweight) {
            for (String role : List.of("matrix-role", "matrix-child", "view-users")) {
                assertEquals(granted, roles.contains(role), client + ": " + role + " in " + roles);
            }
        }
        if (secret != null) {
            JsonNode introspected = Http.postForm(
                            base + "/token/introspect",
                            null,
                            Map.of("token", token, "client_id", client, "client_secret", secret))
                    .json();
            assertTrue(introspected.path("active").asBoolean(), client + ": " + introspected);
            assertEquals(
                    granted,
                    introspected.path("realm_access").toString().contains("matrix-child"),
                    client + ": " + introspected);
        }
        int users = Http.get(server.baseUrl() + "/admin/realms/" + REALM + "/users?max=1", token)
                .status();
        assertEquals(
                granted ? 200 : 403,
                users,
                client + ": the admin API with a token of " + (granted ? "a granted" : "an ended") + " grant");
    }

    private String code(FormLogin browser, String client, String redirect, String secret) {
        String code = browser.loginForCode(
                client, redirect, "alice", DemoUsers.ALICE.password(), DemoUsers.ALICE.otpSecret(), "&acr_values=mfa");
        Http.Response tokens = browser.exchange(client, secret, redirect, code);
        assertEquals(200, tokens.status(), client + ": " + tokens.body());
        return tokens.json().path("refresh_token").asText();
    }

    private JsonNode refresh(String client, String[] secretAndRefresh) {
        Map<String, String> form = new java.util.HashMap<>(
                Map.of("grant_type", "refresh_token", "client_id", client, "refresh_token", secretAndRefresh[1]));
        if (secretAndRefresh[0] != null) {
            form.put("client_secret", secretAndRefresh[0]);
        }
        Http.Response refreshed = Http.postForm(base + "/token", null, form);
        assertEquals(200, refreshed.status(), client + ": " + refreshed.body());
        secretAndRefresh[1] = refreshed.json().path("refresh_token").asText();
        return refreshed.json();
    }

    private String botToken() {
        return Tokens.clientCredentials(server, REALM, "matrix-bot", "matrix-bot-secret")
                .json()
                .path("access_token")
                .asText();
    }

    private long grantEnd(String grantId) {
        for (JsonNode grant : new JitApi(server, REALM)
                .adminGrants(Tokens.admin(server), "?status=ALL")
                .json()) {
            if (grant.path("id").asText().equals(grantId)) {
                return Instant.parse(grant.path("endsAt").asText()).getEpochSecond();
            }
        }
        throw new AssertionError("no grant " + grantId);
    }

    private boolean status(Http.Response granted) throws Exception {
        return "EXPIRED"
                .equals(own.value(
                        "SELECT STATUS FROM JIT_GRANT WHERE ID = ?",
                        granted.json().path("grantId").asText()));
    }

    private JsonNode capReport(String client) {
        for (JsonNode source : Http.get(
                        server.baseUrl() + "/admin/realms/" + REALM + "/jit/report/token-cap", Tokens.admin(server))
                .json()) {
            if (source.path("type").asText().equals("client")
                    && source.path("name").asText().equals(client)) {
                return source;
            }
        }
        throw new AssertionError("no client " + client + " in the token-cap report");
    }

    /** A confidential client with no jit scope, its own audience so that it may introspect its tokens. */
    private void confidentialClient(String clientId, boolean serviceAccount) {
        Map<String, Object> client = new LinkedHashMap<>(Map.of(
                "clientId",
                clientId,
                "secret",
                clientId + "-secret",
                "publicClient",
                false,
                "standardFlowEnabled",
                !serviceAccount,
                "serviceAccountsEnabled",
                serviceAccount,
                "redirectUris",
                List.of("http://127.0.0.1:9/cb"),
                "defaultClientScopes",
                serviceAccount ? List.of("roles", "basic", "jit-api") : List.of("roles", "basic", "acr", "profile"),
                "protocolMappers",
                List.of(Map.of(
                        "name",
                        "own audience",
                        "protocol",
                        "openid-connect",
                        "protocolMapper",
                        "oidc-audience-mapper",
                        "config",
                        Map.of(
                                "included.client.audience",
                                clientId,
                                "access.token.claim",
                                "true",
                                "introspection.token.claim",
                                "true")))));
        Http.Response created =
                Http.postJson(server.baseUrl() + "/admin/realms/" + REALM + "/clients", Tokens.admin(server), client);
        assertEquals(201, created.status(), created.body());
    }

    /** The demo realm under another name, with the jit client scope on no client and among no defaults. */
    private void importRealmWithoutJitScope() throws Exception {
        ObjectNode realm = (ObjectNode) Http.JSON.readTree(java.nio.file.Files.readString(TestServers.realmFile()));
        realm.put("realm", REALM);
        realm.remove("components");
        withoutJit((ArrayNode) realm.path("defaultDefaultClientScopes"));
        realm.path("clients").forEach(client -> withoutJit((ArrayNode) client.path("defaultClientScopes")));
        Http.Response created = Http.postJson(server.baseUrl() + "/admin/realms", Tokens.admin(server), realm);
        assertEquals(201, created.status(), created.body());
    }

    private static void withoutJit(ArrayNode scopes) {
        for (int i = scopes.size() - 1; i >= 0; i--) {
            if (scopes.get(i).asText().equals("jit")) {
                scopes.remove(i);
            }
        }
        assertFalse(scopes.toString().contains("\"jit\""));
    }
}
