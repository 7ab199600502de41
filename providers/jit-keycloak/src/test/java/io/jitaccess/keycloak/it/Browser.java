package io.jitaccess.keycloak.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real headless Chromium (Debian's, driven by Debian's chromedriver: nothing is downloaded), with an empty
 * profile of its own. Screenshots go to {@code target/screenshots} for review.
 */
final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path profile;

    Browser() {
        this("en-US", false);
    }

    /**
     * A browser whose person reads {@code language} first (its {@code Accept-Language}) and, when {@code dark},
     * prefers a dark colour scheme (as a system set to dark mode tells pages).
     */
    Browser(String language, boolean dark) {
        try {
            profile = Files.createTempDirectory("jit-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("jit.chromium", "/usr/bin/chromium"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=1100,1300",
                "--lang=" + language,
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("jit.chromedriver", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        if (dark) {
            driver.executeCdpCommand(
                    "Emulation.setEmulatedMedia",
                    java.util.Map.of(
                            "features",
                            java.util.List.of(java.util.Map.of("name", "prefers-color-scheme", "value", "dark"))));
        }
    }

    /** Runs a script in the page and returns its result. */
    Object script(String javascript) {
        return driver.executeScript(javascript);
    }

    WebDriver driver() {
        return driver;
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Replaces the text of a text field or text area. */
    void type(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /** Chooses an option of a {@code <select>} by its value. */
    void select(String css, String value) {
        new org.openqa.selenium.support.ui.Select(find(css)).selectByValue(value);
    }

    /** What a form field holds now. */
    String value(String css) {
        return find(css).getAttribute("value");
    }

    boolean has(String css) {
        return !driver.findElements(By.cssSelector(css)).isEmpty();
    }

    String url() {
        return driver.getCurrentUrl();
    }

    /** Saves a PNG of the page as {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Path dir = Path.of(System.getProperty("jit.screenshots.dir", "target/screenshots"));
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }
}
