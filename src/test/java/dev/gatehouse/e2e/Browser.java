package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by the system's chromedriver: no downloads (Selenium Manager never runs),
 * a fresh profile per browser, and waits generous enough for a busy two-core machine.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;
    private final Path logDir;

    private Browser(ChromeDriver driver, Path profile, Path logDir) {
        this.driver = driver;
        this.profile = profile;
        this.logDir = logDir;
    }

    /** Starts a browser whose driver log and saved pages go to {@code logDir}. */
    public static Browser start(Path logDir) {
        for (Path file : new Path[] { CHROMIUM, CHROMEDRIVER }) {
            if (!Files.isExecutable(file)) {
                throw new IllegalStateException(file + " is missing: apt-get install -y chromium chromium-driver (./gatehouse test does)");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("gatehouse-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The stack's certificate is self-signed.
        options.setAcceptInsecureCerts(true);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--ignore-certificate-errors", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(logDir.resolve("chromedriver.log").toFile()).build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile, logDir);
        } catch (RuntimeException e) {
            E2e.deleteRecursively(profile);
            throw e;
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebDriverWait await() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Waits until the element is visible and returns it. */
    public WebElement visible(By locator) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until the element is visible, scrolls it to the middle of the viewport and returns it. */
    public WebElement reveal(By locator) {
        WebElement element = visible(locator);
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        return element;
    }

    /**
     * Clicks the element once it is clickable. Pages that animate (modals fading in or out) may
     * briefly cover it, or re-render it; both are retried until the wait runs out.
     */
    public void click(By locator) {
        await().ignoring(ElementClickInterceptedException.class).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
                    if (element == null) {
                        return false;
                    }
                    ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
                    element.click();
                    return true;
                });
    }

    /** A cookie of the current page's site, e.g. the session cookie gatehouse_session. */
    public Optional<Cookie> cookie(String name) {
        return Optional.ofNullable(driver.manage().getCookieNamed(name));
    }

    /** Forgets every cookie of every site, as a fresh browser would have none. */
    public void clearCookies() {
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /**
     * The HTTP status of the response that made the current page (after redirects), which
     * WebDriver itself does not tell; 0 while no document has loaded.
     */
    public int navigationStatus() {
        Object status = driver.executeScript(
                "const entry = performance.getEntriesByType('navigation')[0]; return entry ? entry.responseStatus : 0;");
        return ((Number) status).intValue();
    }

    /** Saves a screenshot of the viewport as PNG. */
    public Path screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves the current page's DOM and a screenshot under the log directory, for a failed test. */
    public void saveForDiagnosis(String name) {
        try {
            Files.writeString(logDir.resolve(name + ".html"), driver.getPageSource());
            screenshot(logDir.resolve(name + ".png"));
        } catch (IOException | RuntimeException e) {
            System.err.println("[e2e] could not save the page for diagnosis: " + e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            E2e.deleteRecursively(profile);
        }
    }
}
