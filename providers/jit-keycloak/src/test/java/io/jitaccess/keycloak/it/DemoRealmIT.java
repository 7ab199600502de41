package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The demo realm acme tells the story")
class DemoRealmIT {

    private final KeycloakEndpoint server = TestServers.acme();
    private final String admin = Tokens.admin(server);

    @Test
    @DisplayName("alice, bob, carol and dave exist with their groups and roles")
    void people() {
        assertEquals(List.of("/contractors"), groups("alice"));
        assertTrue(groups("bob").contains("/approvers"), "bob approves");
        assertTrue(clientRoles("carol", "realm-management").contains("realm-admin"), "carol administers the realm");
        assertFalse(groups("dave").contains("/approvers"));
        for (String username : List.of("alice", "bob", "carol", "dave")) {
            JsonNode credentials = get("/users/" + userId(username) + "/credentials");
            List<String> types = new ArrayList<>();
            credentials.forEach(c -> types.add(c.path("type").asText()));
            assertTrue(types.contains("otp"), username + " has OTP set up: " + types);
        }
    }

    @Test
    @DisplayName("the privileged roles exist, and nobody holds them")
    void privilegedRoles() {
        assertEquals("prod-admin", get("/roles/prod-admin").path("name").asText());
        assertEquals(0, get("/roles/prod-admin/users").size(), "prod-admin has standing holders");
        String opsConsole = clientId(OPS_CONSOLE);
        assertEquals(
                "prod-maintainer",
                get("/clients/" + opsConsole + "/roles/prod-maintainer")
                        .path("name")
                        .asText());
        assertEquals(
                0,
                get("/clients/" + opsConsole + "/roles/prod-maintainer/users").size());
    }

    @Test
    @DisplayName("demo clients are confidential and carry only their scope-mapped roles")
    void clients() {
        for (String clientId : List.of(OPS_CONSOLE, REPORTS_APP, DEPLOY_BOT)) {
            JsonNode client = get("/clients/" + clientId(clientId));
            assertFalse(client.path("publicClient").asBoolean(), clientId + " is confidential");
            assertFalse(client.path("fullScopeAllowed").asBoolean(), clientId + " has full scope");
        }
        assertTrue(get("/clients/" + clientId(DEPLOY_BOT))
                .path("serviceAccountsEnabled")
                .asBoolean());
    }

    @Test
    @DisplayName("deploy-bot gets a client-credentials token")
    void deployBotToken() {
        Http.Response response = Tokens.clientCredentials(server, "acme", DEPLOY_BOT, DEPLOY_BOT_SECRET);

        assertEquals(200, response.status(), response.body());
        JsonNode claims = Tokens.claims(response.json().path("access_token").asText());
        assertEquals("deploy-bot", claims.path("azp").asText());
        assertFalse(claims.path("realm_access").path("roles").toString().contains("prod-admin"));
    }

    @Test
    @DisplayName("alice logs in to ops-console with password and OTP; her token has operator, not prod-maintainer")
    void aliceLogsIn() {
        FormLogin browser = new FormLogin(server, "acme");
        String code = browser.loginForCode(
                OPS_CONSOLE, OPS_CONSOLE_REDIRECT, ALICE.username, ALICE.password(), ALICE.otpSecret());

        Http.Response tokens = browser.exchange(OPS_CONSOLE, OPS_CONSOLE_SECRET, OPS_CONSOLE_REDIRECT, code);

        assertEquals(200, tokens.status(), tokens.body());
        JsonNode claims = Tokens.claims(tokens.json().path("access_token").asText());
        assertEquals("alice", claims.path("preferred_username").asText());
        JsonNode roles = claims.path("resource_access").path(OPS_CONSOLE).path("roles");
        assertTrue(roles.toString().contains("\"operator\""), roles.toString());
        assertFalse(roles.toString().contains("prod-maintainer"), roles.toString());
    }

    @Test
    @DisplayName("a wrong OTP code keeps alice on the OTP page with an error")
    void wrongOtp() {
        FormLogin browser = new FormLogin(server, "acme");
        FormLogin.Page login = browser.open(OPS_CONSOLE, OPS_CONSOLE_REDIRECT, "");
        FormLogin.Page otp =
                browser.page(browser.post(login, java.util.Map.of("username", "alice", "password", ALICE.password())));

        FormLogin.Page refused = browser.page(browser.post(otp, java.util.Map.of("otp", "000000")));

        assertEquals(200, refused.status());
        assertTrue(refused.html().contains("Invalid authenticator code"), refused.html());
    }

    private List<String> groups(String username) {
        List<String> paths = new ArrayList<>();
        get("/users/" + userId(username) + "/groups")
                .forEach(g -> paths.add(g.path("path").asText()));
        return paths;
    }

    private List<String> clientRoles(String username, String clientId) {
        List<String> names = new ArrayList<>();
        get("/users/" + userId(username) + "/role-mappings/clients/" + clientId(clientId))
                .forEach(r -> names.add(r.path("name").asText()));
        return names;
    }

    private String userId(String username) {
        JsonNode users = get("/users?exact=true&username=" + username);
        assertEquals(1, users.size(), "user " + username);
        return users.get(0).path("id").asText();
    }

    private String clientId(String clientId) {
        JsonNode clients = get("/clients?clientId=" + clientId);
        assertEquals(1, clients.size(), "client " + clientId);
        return clients.get(0).path("id").asText();
    }

    private JsonNode get(String path) {
        Http.Response response = Http.get(server.baseUrl() + "/admin/realms/acme" + path, admin);
        assertEquals(200, response.status(), path + ": " + response.body());
        return response.json();
    }
}
