package io.jitaccess.keycloak.it;

import static io.jitaccess.keycloak.it.DemoUsers.*;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.harness.KeycloakEndpoint;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the README promises after the run command: alice signs in to realm acme's account console. */
@DisplayName("alice signs in to the account console of realm acme")
class AccountConsoleBrowserIT {

    private final KeycloakEndpoint server = TestServers.acme();

    @Test
    @DisplayName("the account console opens with alice's name after a password sign-in")
    void aliceSignsIn() {
        try (Browser browser = new Browser()) {
            browser.open(server.baseUrl() + "/realms/acme/account/");
            new LoginScreens(browser).signIn(ALICE.username, ALICE.password());
            await("the account console")
                    .atMost(LoginScreens.PAGE_WAIT)
                    .ignoreExceptions()
                    .until(() -> browser.driver().getPageSource().contains("Alice"));
            browser.screenshot("account-console-alice");
            assertTrue(browser.url().startsWith(server.baseUrl() + "/realms/acme/account"), browser.url());
        }
    }

    @Test
    @DisplayName("a user without a second factor who asks for elevation is sent to set one up, not elevated")
    void noSecondFactorMeansSetUp() {
        String username = "browser-no-otp";
        Http.Response created = Http.postJson(
                server.baseUrl() + "/admin/realms/acme/users",
                Tokens.admin(server),
                java.util.Map.of(
                        "username",
                        username,
                        "enabled",
                        true,
                        "groups",
                        java.util.List.of("/contractors"),
                        "email",
                        username + "@contractor.example",
                        "emailVerified",
                        true,
                        "firstName",
                        "No",
                        "lastName",
                        "Otp",
                        "credentials",
                        java.util.List.of(
                                java.util.Map.of("type", "password", "value", username + "-pw", "temporary", false))));
        assertTrue(created.status() == 201 || created.status() == 409, created.body());
        try (Browser browser = new Browser();
                CallbackApp ops = new CallbackApp(server, OPS_CONSOLE, OPS_CONSOLE_SECRET)) {
            browser.open(ops.loginUrl(""));
            LoginScreens screens = new LoginScreens(browser);
            screens.signIn(username, username + "-pw");
            screens.waitFor("#kc-totp-settings-form");
            browser.screenshot("elevation-7-set-up-otp");
            // sent to set one up: Keycloak's OTP set-up, inside the login, not back at the app
            assertTrue(browser.url().startsWith(server.baseUrl() + "/realms/acme/login-actions/"), browser.url());
            assertTrue(
                    browser.has("#kc-totp-settings-form") && !browser.has("#jit-request-form"),
                    "elevation offered without a second factor");
            // not elevated: no request was made for this user, no grant started, no role mapped
            JitApi jit = new JitApi(server, "acme");
            assertEquals(
                    "[]",
                    jit.adminRequests(Tokens.admin(server), "?user=" + username)
                            .json()
                            .toString());
            assertEquals(
                    "[]",
                    jit.adminGrants(Tokens.admin(server), "?status=ALL&user=" + username)
                            .json()
                            .toString());
            assertEquals(
                    List.of("default-roles-acme"),
                    new Admin(server).directRealmRoles(new Admin(server).userId(username)));
        }
    }
}
