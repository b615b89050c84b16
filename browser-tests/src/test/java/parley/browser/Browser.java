package parley.browser;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * One person's browser: headless Chromium (Debian's), driven through chromedriver, with a fresh profile
 * and its own download folder. Started so that it reaches nothing but the test's server. Steps are
 * written as a person does them: fill the form, click the button, read the room.
 */
final class Browser implements AutoCloseable {

    static final Duration LONG = Duration.ofSeconds(30);

    final String name;
    final Path downloads;
    private final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(String name, Path downloads, ChromeDriver driver, ChromeDriverService service) {
        this.name = name;
        this.downloads = downloads;
        this.driver = driver;
        this.service = service;
    }

    /** A browser window of this size (a desktop, or a phone's 390 x 844). */
    static Browser open(String name, Path home, int width, int height, String... moreArgs) throws IOException {
        Path profile = Files.createDirectories(home.resolve(name + "-profile"));
        Path downloads = Files.createDirectories(home.resolve(name + "-downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.browser().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-default-apps",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=" + width + "," + height);
        options.addArguments(moreArgs);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false,
                "safebrowsing.enabled", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.driver().toFile())
                .usingAnyFreePort()
                .withLogFile(home.resolve(name + "-chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(name, downloads, driver, service);
    }

    void get(String url) {
        driver.get(url);
    }

    /** Fills the login form and waits for the chat. */
    void logIn(String pseudo) {
        field("#pseudo").sendKeys(pseudo);
        find("#login").click();
        await().atMost(LONG).until(() -> find("#chat-screen").isDisplayed());
        awaitText("#status", "connected as " + pseudo);
    }

    /** Joins a room from the room list and waits until the browser says so. */
    void join(String room) {
        find("#rooms li[data-room='" + room + "'] button.join").click();
        await().atMost(LONG).until(() -> texts(room).stream().anyMatch(t -> t.startsWith("you joined " + room + " with ")));
    }

    /** Types a line in the composer and presses Enter; waits until it shows in the log with its id (the browser is named after its pseudo). */
    void say(String room, String text) {
        WebElement box = field("#text");
        box.sendKeys(text);
        box.sendKeys(Keys.ENTER);
        try {
            await().atMost(LONG).until(() -> messages(room).stream()
                    .anyMatch(m -> text.equals(m.get("text")) && name.equals(m.get("pseudo")) && m.get("id") != null));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(name + "'s \"" + text + "\" never showed as sent; " + state(room), e);
        }
    }

    /** What the page shows: its status, its notices and the room's log, for a failure's message. */
    String state(String room) {
        return "status: " + find("#status").getText() + "; notices: " + find("#notices").getText().replace('\n', ' ')
                + "; " + room + ": " + texts(room);
    }

    /** The text of each entry of a room's log, in order. */
    List<String> texts(String room) {
        return messages(room).stream().map(m -> (String) m.get("all")).toList();
    }

    /**
     * Each entry of a room's log as {all, cls, id, pseudo, text}: its whole text, its classes, the room
     * event's id (null for the client's own lines), and a message's pseudo and text.
     */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages(String room) {
        return (List<Map<String, Object>>) js("""
                return [...document.querySelectorAll(".room-log[data-room='" + arguments[0] + "'] > li")].map(li => ({
                  all: li.textContent, cls: li.className, id: li.dataset.id === undefined ? null : Number(li.dataset.id),
                  pseudo: li.querySelector('.pseudo')?.textContent ?? null, text: li.querySelector('.text')?.textContent ?? null}));
                """, room);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an asynchronous script: it ends by calling its last argument with the result. */
    Object jsAsync(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** A form field, emptied. */
    WebElement field(String css) {
        WebElement field = find(css);
        field.clear();
        return field;
    }

    /** Waits until the element's text contains this. */
    void awaitText(String css, String text) {
        await().atMost(LONG).until(() -> {
            List<WebElement> found = findAll(css);
            return !found.isEmpty() && found.get(0).getText().contains(text);
        });
    }

    /** The browser's console: errors of the page, CSP violations included. Reading it empties it. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves a screenshot of the page as {@code dir/NAME.png}. */
    Path screenshot(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        return Files.copy(shot, dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.close();
        }
    }
}
