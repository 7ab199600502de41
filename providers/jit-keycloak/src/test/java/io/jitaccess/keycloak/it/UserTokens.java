package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.jitaccess.harness.KeycloakEndpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * A person's tokens for one client, obtained by a real browser-flow login and renewed with the refresh
 * token (so tests need not spend an OTP step per token).
 */
public final class UserTokens {

    public static final String ACCOUNT_CONSOLE = "account-console";

    private final KeycloakEndpoint server;
    private final String clientId;
    private final String secret;
    private String accessToken;
    private String refreshToken;
    private JsonNode lastResponse;

    private UserTokens(KeycloakEndpoint server, String clientId, String secret, JsonNode response) {
        this.server = server;
        this.clientId = clientId;
        this.secret = secret;
        take(response);
    }

    /** Logs in to the account console (public client); {@code withMfa} asks for level 2 (acr mfa). */
    public static UserTokens accountConsole(
            KeycloakEndpoint server, FormLogin browser, DemoUsers user, boolean withMfa) {
        String redirect = server.baseUrl() + "/realms/acme/account/";
        String code = browser.loginForCode(
                ACCOUNT_CONSOLE,
                redirect,
                user.username,
                user.password(),
                user.otpSecret(),
                withMfa ? "&acr_values=mfa" : "");
        return new UserTokens(server, ACCOUNT_CONSOLE, null, exchange(browser, ACCOUNT_CONSOLE, null, redirect, code));
    }

    /**
     * Logs a person made by {@link TestPeople} in to the account console with a second factor and extra query
     * parameters (e.g. an offline_access scope).
     */
    public static UserTokens accountConsole(
            KeycloakEndpoint server, FormLogin browser, String username, String extraQuery) {
        String redirect = server.baseUrl() + "/realms/acme/account/";
        String code = browser.loginForCode(
                ACCOUNT_CONSOLE,
                redirect,
                username,
                username + "-pw",
                username + "-otp",
                "&acr_values=mfa" + extraQuery);
        return new UserTokens(server, ACCOUNT_CONSOLE, null, exchange(browser, ACCOUNT_CONSOLE, null, redirect, code));
    }

    /** Logs in a person made by {@link TestPeople} to the account console. */
    public static UserTokens accountConsole(
            KeycloakEndpoint server, FormLogin browser, String username, boolean withMfa) {
        String redirect = server.baseUrl() + "/realms/acme/account/";
        String code = browser.loginForCode(
                ACCOUNT_CONSOLE,
                redirect,
                username,
                username + "-pw",
                username + "-otp",
                withMfa ? "&acr_values=mfa" : "");
        return new UserTokens(server, ACCOUNT_CONSOLE, null, exchange(browser, ACCOUNT_CONSOLE, null, redirect, code));
    }

    /** Logs in someone whose password and OTP secret are not named after them (a renamed person). */
    public static UserTokens accountConsole(
            KeycloakEndpoint server, FormLogin browser, String username, String password, String otpSecret) {
        String redirect = server.baseUrl() + "/realms/acme/account/";
        String code = browser.loginForCode(ACCOUNT_CONSOLE, redirect, username, password, otpSecret, "&acr_values=mfa");
        return new UserTokens(server, ACCOUNT_CONSOLE, null, exchange(browser, ACCOUNT_CONSOLE, null, redirect, code));
    }

    /** Logs in to ops-console (which asks for a second factor by default). */
    public static UserTokens opsConsole(KeycloakEndpoint server, FormLogin browser, DemoUsers user) {
        return opsConsole(server, browser, user, "");
    }

    /** Logs in to ops-console with extra query parameters, e.g. {@code &scope=openid%20offline_access}. */
    public static UserTokens opsConsole(KeycloakEndpoint server, FormLogin browser, DemoUsers user, String extraQuery) {
        String code = browser.loginForCode(
                DemoUsers.OPS_CONSOLE,
                DemoUsers.OPS_CONSOLE_REDIRECT,
                user.username,
                user.password(),
                user.otpSecret(),
                extraQuery);
        return new UserTokens(
                server,
                DemoUsers.OPS_CONSOLE,
                DemoUsers.OPS_CONSOLE_SECRET,
                exchange(
                        browser,
                        DemoUsers.OPS_CONSOLE,
                        DemoUsers.OPS_CONSOLE_SECRET,
                        DemoUsers.OPS_CONSOLE_REDIRECT,
                        code));
    }

    /** Logs in to any confidential client with the standard flow (its secret and a redirect it allows). */
    public static UserTokens app(
            KeycloakEndpoint server,
            FormLogin browser,
            DemoUsers user,
            String clientId,
            String secret,
            String redirect) {
        String code = browser.loginForCode(clientId, redirect, user.username, user.password(), user.otpSecret());
        return new UserTokens(server, clientId, secret, exchange(browser, clientId, secret, redirect, code));
    }

    /** Logs in to reports-app, the second app. */
    public static UserTokens reportsApp(KeycloakEndpoint server, FormLogin browser, DemoUsers user) {
        String code = browser.loginForCode(
                DemoUsers.REPORTS_APP,
                DemoUsers.REPORTS_APP_REDIRECT,
                user.username,
                user.password(),
                user.otpSecret());
        return new UserTokens(
                server,
                DemoUsers.REPORTS_APP,
                DemoUsers.REPORTS_APP_SECRET,
                exchange(
                        browser,
                        DemoUsers.REPORTS_APP,
                        DemoUsers.REPORTS_APP_SECRET,
                        DemoUsers.REPORTS_APP_REDIRECT,
                        code));
    }

    public String refreshToken() {
        return refreshToken;
    }

    public String idToken() {
        return lastResponse.path("id_token").asText();
    }

    private static JsonNode exchange(FormLogin browser, String clientId, String secret, String redirect, String code) {
        Http.Response response = browser.exchange(clientId, secret, redirect, code);
        assertEquals(200, response.status(), response.body());
        return response.json();
    }

    public String access() {
        return accessToken;
    }

    public JsonNode claims() {
        return Tokens.claims(accessToken);
    }

    public JsonNode lastResponse() {
        return lastResponse;
    }

    /** Refreshes; returns the token endpoint's answer (the tokens are kept when it succeeds). */
    public Http.Response refresh() {
        Map<String, String> form = new HashMap<>(
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken, "client_id", clientId));
        if (secret != null) {
            form.put("client_secret", secret);
        }
        Http.Response response =
                Http.postForm(server.baseUrl() + "/realms/acme/protocol/openid-connect/token", null, form);
        if (response.status() == 200) {
            take(response.json());
        }
        return response;
    }

    private void take(JsonNode response) {
        lastResponse = response;
        accessToken = response.path("access_token").asText();
        refreshToken = response.path("refresh_token").asText();
    }
}
