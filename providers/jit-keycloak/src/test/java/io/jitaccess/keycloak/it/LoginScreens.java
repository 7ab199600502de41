package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/** Page objects of the Keycloak login screens, ours included, driven in a real browser. */
final class LoginScreens {

    static final Duration PAGE_WAIT = Duration.ofSeconds(20);

    private final Browser browser;

    LoginScreens(Browser browser) {
        this.browser = browser;
    }

    /** Waits until an element is on the page. */
    LoginScreens waitFor(String css) {
        await("page with " + css + " (now at " + browser.url() + ")")
                .atMost(PAGE_WAIT)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> browser.has(css));
        return this;
    }

    void signIn(String username, String password) {
        waitFor("#kc-form-login");
        browser.find("#username").sendKeys(username);
        browser.find("#password").sendKeys(password);
        browser.find("#kc-login").click();
    }

    /** Signs in a person made by {@link TestPeople}: password, then a fresh one-time code of their secret. */
    void signInWithCode(String username) {
        signIn(username, username + "-pw");
        otp(FormLogin.freshCode(username + "-otp"));
    }

    void otp(String code) {
        waitFor("#otp");
        browser.find("#otp").sendKeys(code);
        browser.find("#kc-login").click();
    }

    /** The request form of the elevation step. */
    ElevationForm elevation() {
        waitFor("#jit-request-form");
        return new ElevationForm();
    }

    String pageTitle() {
        return browser.find("#kc-page-title").getText().strip();
    }

    String errorMessage() {
        return browser.find(".kc-feedback-text").getText().strip();
    }

    /** The elevation step's form. */
    final class ElevationForm {

        ElevationForm policy(String policyId) {
            browser.find("input[name='policy'][value='" + policyId + "']").click();
            return this;
        }

        ElevationForm duration(String isoDuration) {
            browser.select("#jit-duration", isoDuration);
            return this;
        }

        ElevationForm justification(String text) {
            browser.type("#jit-justification", text);
            return this;
        }

        ElevationForm ticket(String text) {
            browser.type("#jit-ticket", text);
            return this;
        }

        String typedJustification() {
            return browser.value("#jit-justification");
        }

        void submit() {
            browser.find("#jit-submit").click();
        }

        void skip() {
            browser.find("#jit-skip").click();
        }
    }
}
