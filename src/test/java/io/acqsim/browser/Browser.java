package io.acqsim.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for tests, driven through Selenium: Debian's {@code chromium} and
 * {@code chromium-driver} packages, named by path so Selenium Manager neither looks for nor downloads a
 * browser or a driver. Each instance gets its own profile directory (a fresh {@code --user-data-dir})
 * and no background traffic (no component updates, sync or first-run pages).
 * <p>
 * The browser console is recorded ({@code goog:loggingPrefs}, browser ALL): {@link #consoleErrors()}
 * returns the SEVERE entries (script errors, resources that failed to load, Content-Security-Policy
 * violations) since the last call. Screenshots go to {@code BUILD/screenshots/} as test artifacts, and
 * also to the directory named by {@value #PUBLISH_PROPERTY} when a run sets it
 * ({@code -Dacqsim.screenshots=docs/images}, relative to the project), so ordinary runs leave the
 * work tree alone.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String PUBLISH_PROPERTY = "acqsim.screenshots";
    static final Duration PATIENCE = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test class (JUnit assumption) where the Debian packages are not installed. */
    public static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromium-driver are not installed (/usr/bin/chromium, /usr/bin/chromedriver); browser tests skipped");
    }

    /** A browser with a window of {@code width} × {@code height} CSS pixels, its profile in a new temporary directory. */
    public static Browser start(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("acqsim-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver, profile);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (up to 15 s, polling) until {@code condition} gives something other than null or false, and returns it. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).until(condition::apply);
    }

    /** The console's SEVERE entries since the last call (the browser hands each entry out once). */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) errors.add(e.getMessage());
        }
        return errors;
    }

    /**
     * Saves what the window shows as {@code BUILD/screenshots/NAME.png} and returns that path; with
     * {@code publish}, copies it to the directory {@value #PUBLISH_PROPERTY} names too, when a run sets it.
     */
    public Path screenshot(String name, boolean publish) {
        try {
            Path file = buildDir().resolve("screenshots").resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            String published = System.getProperty(PUBLISH_PROPERTY, "");
            if (publish && !published.isBlank()) {
                Path dir = Path.of(System.getProperty("acqsim.home", ".")).resolve(published);
                Files.createDirectories(dir);
                Files.copy(file, dir.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The build directory (the parent of test-classes), whatever {@code -Dacqsim.build.dir} named it. */
    static Path buildDir() {
        try {
            return Path.of(Browser.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a profile left in the temporary directory is harmless
        }
    }
}
