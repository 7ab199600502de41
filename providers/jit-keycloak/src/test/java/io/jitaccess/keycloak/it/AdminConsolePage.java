package io.jitaccess.keycloak.it;

import static org.awaitility.Awaitility.await;

import io.jitaccess.harness.KeycloakEndpoint;
import io.jitaccess.harness.KeycloakServer;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Page object of Keycloak's own realm admin console (keycloak.v2 admin theme), signed in as the master realm's
 * admin, on the parts an admin of JIT access uses: the "JIT policies" page, a user's role mapping tab and the
 * admin events. It finds things by the console's {@code data-testid}s and the texts a person reads.
 */
final class AdminConsolePage {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Browser browser;
    private final LoginScreens screens;
    private final String console;

    AdminConsolePage(Browser browser, KeycloakEndpoint server, String realm) {
        this.browser = browser;
        this.screens = new LoginScreens(browser);
        this.console = server.baseUrl() + "/admin/master/console/#/" + realm;
        // wide enough that the console keeps its menu open (it folds it away below 1200 pixels)
        browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1100));
    }

    /** Opens a page of the console (a path after the realm, such as {@code /page-section/jit-policy}), signing in when asked. */
    AdminConsolePage open(String path) {
        browser.open(console + path);
        await("the admin console or its login (now at " + browser.url() + ")")
                .atMost(WAIT)
                .ignoreExceptions()
                .until(() -> browser.has("#kc-form-login") || browser.has(".pf-v5-c-page__sidebar"));
        if (browser.has("#kc-form-login")) {
            screens.signIn(KeycloakServer.ADMIN_USER, KeycloakServer.ADMIN_PASSWORD);
        }
        return this;
    }

    /** Waits until something shows, and returns it. */
    WebElement waitFor(String css) {
        screens.waitFor(css);
        return browser.find(css);
    }

    /** The text of the first element that shows for {@code css}, once it shows. */
    String text(String css) {
        return waitFor(css).getText().strip();
    }

    void click(String css) {
        WebElement element = waitFor(css);
        await("clickable " + css).atMost(WAIT).ignoreExceptions().until(() -> {
            element.click();
            return true;
        });
    }

    /**
     * Flips a PatternFly switch. Its input is hidden under the drawn toggle, so the click goes to the input as a
     * person's click on the toggle would.
     */
    void flip(String switchId) {
        browser.script("document.getElementById('" + switchId + "').click()");
    }

    boolean switchOn(String switchId) {
        return Boolean.TRUE.equals(browser.script("return document.getElementById('" + switchId + "').checked"));
    }

    /** Replaces the text of a field of the current form. */
    void type(String css, String text) {
        WebElement field = waitFor(css);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /**
     * Picks a role in the role field of a component form: "Assign role", the realm or client roles filter, a search
     * by name, the role's row, "Assign".
     */
    void pickRole(String roleName, boolean clientRole) {
        click("[data-testid='add-role-mapping-button']");
        click(clientRole ? "[data-testid='client-role']" : "[data-testid='roles-role']");
        WebElement search = waitFor(".pf-v5-c-modal-box input[placeholder='Search by role name']");
        search.sendKeys(roleName, Keys.ENTER);
        By radio = By.xpath("//div[contains(@class,'pf-v5-c-modal-box')]//tbody/tr[.//td[normalize-space()='" + roleName
                + "'] or .//*[normalize-space()='" + roleName + "']]//input[@type='radio' or @type='checkbox']");
        await("role " + roleName + " in the picker")
                .atMost(WAIT)
                .ignoreExceptions()
                .until(() -> {
                    browser.driver().findElement(radio).click();
                    return browser.driver().findElement(radio).isSelected();
                });
        click("[data-testid='assign']");
        await("picker closed").atMost(WAIT).until(() -> !browser.has(".pf-v5-c-modal-box"));
    }

    /** Waits for a new alert (toast) whose text contains {@code expected}, and returns every alert's text. */
    String alert(String expected) {
        await("an alert saying '" + expected + "'")
                .atMost(WAIT)
                .ignoreExceptions()
                .until(() -> alerts().contains(expected));
        return alerts();
    }

    String alerts() {
        return String.join(
                "\n",
                browser.driver().findElements(By.cssSelector(".pf-v5-c-alert")).stream()
                        .map(WebElement::getText)
                        .toList());
    }

    /** Closes every alert, so that the next one is told apart. */
    void dismissAlerts() {
        browser.script("document.querySelectorAll('.pf-v5-c-alert__action button').forEach(b => b.click())");
        await("alerts gone").atMost(WAIT).until(() -> !browser.has(".pf-v5-c-alert"));
    }

    /** Types into the list's search box ("Search item") and searches. */
    void search(String text) {
        WebElement box = waitFor("input[placeholder='Search item']");
        box.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        box.sendKeys(text, Keys.ENTER);
    }

    /** The rows of the table on the page, each as its cells' texts, once a row contains {@code expected}. */
    List<List<String>> rowsOnceShowing(String expected) {
        await("a table row with '" + expected + "' (now at " + browser.url() + ")")
                .atMost(WAIT)
                .ignoreExceptions()
                .until(() -> rows().stream().anyMatch(row -> row.stream().anyMatch(cell -> cell.contains(expected))));
        return rows();
    }

    List<List<String>> rows() {
        return browser.driver().findElements(By.cssSelector("table tbody tr")).stream()
                .map(row -> row.findElements(By.cssSelector("td")).stream()
                        .map(td -> td.getText().strip())
                        .toList())
                .toList();
    }

    List<String> columnHeaders() {
        waitFor("table thead th");
        return browser.driver().findElements(By.cssSelector("table thead th")).stream()
                .map(th -> th.getText().strip())
                .filter(text -> !text.isEmpty())
                .toList();
    }

    /** Opens the kebab menu of the table row that contains {@code rowText}, and chooses {@code item}. */
    void rowAction(String rowText, String item) {
        menu(
                By.xpath("//table/tbody/tr[.//*[contains(normalize-space(), '" + rowText + "')]]"
                        + "//button[@aria-label='Kebab toggle']"),
                item);
    }

    /**
     * The text of the "Representation" dialog of the {@code index}-th row of the admin events table (from 0); the
     * dialog is closed again.
     */
    String representationOfRow(int index) {
        menu(By.xpath("(//table/tbody/tr)[" + (index + 1) + "]//button[@aria-label='Kebab toggle']"), "Representation");
        String text = waitFor(".pf-v5-c-modal-box textarea").getAttribute("value");
        click(".pf-v5-c-modal-box button[aria-label='Close']");
        await("dialog closed").atMost(WAIT).until(() -> !browser.has(".pf-v5-c-modal-box"));
        return text;
    }

    private void menu(By kebab, String item) {
        await("a row's menu").atMost(WAIT).ignoreExceptions().until(() -> {
            WebElement toggle = browser.driver().findElement(kebab);
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                    .executeScript("arguments[0].scrollIntoView({block: 'center'})", toggle);
            toggle.click();
            return true;
        });
        By menuItem = By.xpath("//*[@role='menuitem'][normalize-space()='" + item + "']");
        await("menu item " + item).atMost(WAIT).ignoreExceptions().until(() -> {
            browser.driver().findElement(menuItem).click();
            return true;
        });
    }
}
