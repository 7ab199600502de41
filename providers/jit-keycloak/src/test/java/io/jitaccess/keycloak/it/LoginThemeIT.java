package io.jitaccess.keycloak.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jitaccess.harness.KeycloakEndpoint;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Realm acme's login page is rendered by our jit theme on top of keycloak.v2")
class LoginThemeIT {

    private final KeycloakEndpoint server = TestServers.acme();

    @Test
    @DisplayName("the login page loads jit.css and keeps keycloak.v2's PatternFly 5 layout")
    void loginPage() {
        FormLogin.Page page =
                new FormLogin(server, "acme").open(DemoUsers.OPS_CONSOLE, DemoUsers.OPS_CONSOLE_REDIRECT, "");

        assertEquals(200, page.status());
        assertTrue(page.html().contains("/login/jit/css/jit.css"), "our stylesheet is not linked");
        assertTrue(page.html().contains("/login/jit/css/styles.css"), "the parent's stylesheet is not linked");
        assertTrue(page.html().contains("pf-v5-c-login"), "not keycloak.v2's PatternFly 5 layout");
        assertTrue(page.html().contains("id=\"kc-form-login\""), "no login form");
    }

    @Test
    @DisplayName("the login page speaks German and French too")
    void languages() {
        FormLogin.Page german = new FormLogin(server, "acme")
                .open(DemoUsers.OPS_CONSOLE, DemoUsers.OPS_CONSOLE_REDIRECT, "&ui_locales=de");
        FormLogin.Page french = new FormLogin(server, "acme")
                .open(DemoUsers.OPS_CONSOLE, DemoUsers.OPS_CONSOLE_REDIRECT, "&ui_locales=fr");

        assertTrue(german.html().contains("lang=\"de\""), "no German page");
        assertTrue(french.html().contains("lang=\"fr\""), "no French page");
    }
}
