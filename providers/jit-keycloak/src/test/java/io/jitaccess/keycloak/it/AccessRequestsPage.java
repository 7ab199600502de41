package io.jitaccess.keycloak.it;

import io.jitaccess.harness.KeycloakEndpoint;
import org.openqa.selenium.By;

/**
 * Page object of the account console page "Access requests" (themes/account-ui), driven in a real browser.
 * It finds things by the page's {@code data-testid}s, as a person finds them by their place on the page.
 */
final class AccessRequestsPage {

    private final Browser browser;
    private final LoginScreens screens;
    private final String url;

    AccessRequestsPage(Browser browser, KeycloakEndpoint server) {
        this.browser = browser;
        this.screens = new LoginScreens(browser);
        this.url = server.baseUrl() + "/realms/acme/account/access-requests";
    }

    /** Opens the page and signs in with the password only (the console asks for no more). */
    AccessRequestsPage signInWithPassword(String username, String password) {
        browser.open(url);
        screens.signIn(username, password);
        return loaded();
    }

    /** Opens the page and signs in with password and one-time code ({@code acr_values=mfa}). */
    AccessRequestsPage signInWithSecondFactor(String username, String password, String otpSecret) {
        browser.open(url);
        screens.waitFor("#kc-form-login");
        // the console's own login is password-only; ask Keycloak for the second factor as a step-up app would
        browser.open(browser.url()
                .replace("/protocol/openid-connect/auth?", "/protocol/openid-connect/auth?acr_values=mfa&"));
        screens.signIn(username, password);
        screens.otp(FormLogin.freshCode(otpSecret));
        return loaded();
    }

    /** Waits until the page has read the ledger once. */
    AccessRequestsPage loaded() {
        screens.waitFor("[data-testid='jit-access-requests'][data-loaded='true']");
        return this;
    }

    AccessRequestsPage tab(String name) {
        screens.waitFor("[data-testid='jit-tab-" + name + "']");
        browser.find("[data-testid='jit-tab-" + name + "']").click();
        screens.waitFor("[data-testid='jit-" + name + "']");
        return this;
    }

    /** Waits (the page refreshes itself) until a request card is shown, and returns it. */
    RequestCard request(String requestId) {
        String css = "[data-testid='jit-request'][data-request-id='" + requestId + "']";
        screens.waitFor(css);
        return new RequestCard(css);
    }

    boolean shows(String css) {
        return browser.has(css);
    }

    String text(String css) {
        return browser.find(css).getText().strip();
    }

    LoginScreens waitFor(String css) {
        return screens.waitFor(css);
    }

    /** The alert the console shows after an action. */
    String alert() {
        screens.waitFor(".pf-v5-c-alert-group .pf-v5-c-alert__title");
        return text(".pf-v5-c-alert-group .pf-v5-c-alert__title");
    }

    /** The decision dialog, open. */
    DecisionModal decision() {
        screens.waitFor("[data-testid='jit-decision-modal']");
        return new DecisionModal();
    }

    RequestForm requestForm() {
        screens.waitFor("#jit-request-form");
        return new RequestForm();
    }

    /**
     * Confirms the second factor again in the login Keycloak shows for a step-up: the one-time code, and the
     * password first when Keycloak asks for a whole new sign-in (a {@code max_age} older than the session).
     */
    void confirmSecondFactor(String username, String password, String otpSecret) {
        screens.waitFor("#otp, #password");
        if (browser.has("#password")) {
            if (browser.has("#username")
                    && browser.find("#username").isEnabled()
                    && browser.find("#username").getAttribute("value").isEmpty()) {
                browser.find("#username").sendKeys(username);
            }
            browser.find("#password").sendKeys(password);
            browser.find("#kc-login").click();
        }
        screens.otp(FormLogin.freshCode(otpSecret));
        loaded();
    }

    /** One request card. */
    final class RequestCard {

        private final String css;

        private RequestCard(String css) {
            this.css = css;
        }

        String field(String name) {
            return browser.find(css + " [data-testid='jit-field-" + name + "']")
                    .getText()
                    .strip();
        }

        /** Whether the field holds elements other than PatternFly's own text wrapper (that is, rendered markup). */
        boolean hasMarkupIn(String name) {
            String field = css + " [data-testid='jit-field-" + name + "']";
            return !browser.driver()
                    .findElements(By.cssSelector(field + " *:not(.pf-v5-c-description-list__text)"))
                    .isEmpty();
        }

        String status() {
            return browser.find(css + " [data-status]").getAttribute("data-status");
        }

        boolean has(String testId) {
            return browser.has(css + " [data-testid='" + testId + "']");
        }

        DecisionModal approve() {
            browser.find(css + " [data-testid='jit-approve']").click();
            return decision();
        }

        DecisionModal deny() {
            browser.find(css + " [data-testid='jit-deny']").click();
            return decision();
        }
    }

    /** The approve / deny dialog. */
    final class DecisionModal {

        DecisionModal comment(String text) {
            browser.type("[data-testid='jit-comment']", text);
            return this;
        }

        String typedComment() {
            return browser.value("[data-testid='jit-comment']");
        }

        void confirm() {
            browser.find("[data-testid='jit-confirm-decision']").click();
        }

        /** The title of the error the dialog shows, once it shows one. */
        String problem() {
            String css = "[data-testid='jit-decision-modal'] [data-testid='jit-problem']";
            screens.waitFor(css);
            return text(css + " .pf-v5-c-alert__title")
                    .replaceFirst("^Danger alert:", "")
                    .strip();
        }

        /** The error code behind the problem shown. */
        String problemCode() {
            return browser.find("[data-testid='jit-decision-modal'] [data-testid='jit-problem']")
                    .getAttribute("data-error");
        }
    }

    /** The dialog "Request access". */
    final class RequestForm {

        RequestForm policy(String policyId) {
            browser.select("#jit-policy", policyId);
            return this;
        }

        RequestForm duration(String isoDuration) {
            browser.select("#jit-duration", isoDuration);
            return this;
        }

        RequestForm justification(String text) {
            browser.type("#jit-justification", text);
            return this;
        }

        RequestForm ticket(String text) {
            browser.type("#jit-ticket", text);
            return this;
        }

        String typedJustification() {
            return browser.value("#jit-justification");
        }

        void send() {
            browser.find("[data-testid='jit-send-request']").click();
        }
    }
}
