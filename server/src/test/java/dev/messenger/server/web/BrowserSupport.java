package dev.messenger.server.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the web client tests, and the page helpers they share: find by {@code
 * data-testid}, wait on conditions (never sleep), register, send, find a message by its text.
 * Static and stateless; each driver is used by one test thread.
 */
final class BrowserSupport {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Duration WAIT = Duration.ofSeconds(15);
  static final String PASSWORD = "correct horse battery";

  private BrowserSupport() {}

  /**
   * Null when Chromium tests can run; else why not. With {@code CI=true} a missing driver fails the
   * test class instead.
   */
  static String missing() {
    if (Files.isExecutable(CHROMEDRIVER)) {
      return null;
    }
    String why = "chromium-driver not installed (apt-get install -y chromium chromium-driver)";
    if ("true".equals(System.getenv("CI"))) {
      fail(why);
    }
    return why;
  }

  /** A headless browser window of this size with a fresh profile under {@code tempDir}. */
  static ChromeDriver start(Path tempDir, int width, int height) {
    return start(tempDir, width, height, new String[0]);
  }

  /** As {@link #start(Path, int, int)}, with more Chromium switches (e.g. a fake microphone). */
  static ChromeDriver start(Path tempDir, int width, int height, String... extra) {
    try {
      ChromeOptions o = new ChromeOptions();
      if (Files.isExecutable(CHROMIUM)) {
        o.setBinary(CHROMIUM.toFile());
      }
      o.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-quic",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--user-data-dir=" + Files.createTempDirectory(tempDir, "chrome"),
          "--window-size=" + width + "," + height);
      o.addArguments(extra);
      o.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      return new ChromeDriver(service, o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void register(ChromeDriver d, String base, String username, String displayName) {
    d.get(base);
    js(d).executeScript("localStorage.setItem('messenger.debug', '1');");
    waitUntil(d, x -> byTestId(x, "auth-submit").isDisplayed());
    click(d, "auth-toggle");
    waitUntil(d, x -> byTestId(x, "auth-displayname").isDisplayed());
    type(d, "auth-username", username);
    type(d, "auth-displayname", displayName);
    type(d, "auth-password", PASSWORD);
    click(d, "auth-submit");
    waitUntil(d, x -> displayName.equals(byTestId(x, "me-name").getText()));
    waitUntil(d, x -> "online".equals(byTestId(x, "conn-status").getAttribute("data-state")));
  }

  /** Opens the client signed in as {@code u} (its session put in localStorage), at {@code hash}. */
  static void signIn(
      ChromeDriver d, String base, dev.messenger.server.TestNode.TestUser u, String hash) {
    d.get(base);
    js(d)
        .executeScript(
            "localStorage.setItem('messenger.session', JSON.stringify(arguments[0]));",
            Map.of(
                "token", u.http().token(),
                "userId", u.id(),
                "deviceId", u.deviceId(),
                "username", u.username()));
    d.get(base + "?signed-in" + hash);
    waitUntil(d, x -> "online".equals(byTestId(x, "conn-status").getAttribute("data-state")));
  }

  static By testId(String id) {
    return By.cssSelector("[data-testid='" + id + "']");
  }

  static WebElement byTestId(WebDriver d, String id) {
    return d.findElement(testId(id));
  }

  static WebElement byTestIdIn(WebElement e, String id) {
    return e.findElement(testId(id));
  }

  static void click(WebDriver d, String id) {
    waitUntil(d, x -> byTestId(x, id).isDisplayed() && byTestId(x, id).isEnabled());
    byTestId(d, id).click();
  }

  static void type(WebDriver d, String id, String text) {
    byTestId(d, id).sendKeys(text);
  }

  /** Types (or pastes, for text beyond the BMP) into the composer and presses Enter. */
  static void send(WebDriver d, String text) {
    setComposer(d, text);
    byTestId(d, "composer-input").sendKeys(Keys.ENTER);
    waitMessage(d, text);
  }

  /** Puts text in the composer as a paste would (input event included). */
  static void setComposer(WebDriver d, String text) {
    WebElement input = byTestId(d, "composer-input");
    js(d)
        .executeScript(
            "arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            input,
            text);
  }

  /** The list item of a conversation by its shown title, or null. */
  static WebElement item(WebDriver d, String title) {
    for (WebElement e : d.findElements(testId("conversation-item"))) {
      if (title.equals(e.getAttribute("data-title"))) {
        return e;
      }
    }
    return null;
  }

  static void openChat(WebDriver d, String title) {
    waitUntil(d, x -> item(x, title) != null && item(x, title).isDisplayed());
    item(d, title).click();
    waitUntil(d, x -> title.equals(byTestId(x, "chat-title").getText()));
  }

  /** The message row whose body text is exactly {@code body}, or null. */
  static WebElement messageWith(WebDriver d, String body) {
    for (WebElement m : d.findElements(testId("message"))) {
      if (body.equals(byTestIdIn(m, "message-body").getText())) {
        return m;
      }
    }
    return null;
  }

  static WebElement waitMessage(WebDriver d, String body) {
    return waitUntil(d, x -> messageWith(x, body));
  }

  /** Opens the menu of the message with this body and clicks one of its entries. */
  static void menu(WebDriver d, String body, String entryTestId) {
    WebElement m = waitMessage(d, body);
    js(d).executeScript("arguments[0].scrollIntoView({block: 'center'});", m);
    byTestIdIn(m, "message-menu-button").click();
    waitUntil(d, x -> byTestId(x, "message-menu").isDisplayed());
    byTestIdIn(byTestId(d, "message-menu"), entryTestId).click();
  }

  static JavascriptExecutor js(WebDriver d) {
    return (JavascriptExecutor) d;
  }

  static String token(WebDriver d) {
    return (String)
        js(d).executeScript("return JSON.parse(localStorage.getItem('messenger.session')).token;");
  }

  static <T> T waitUntil(WebDriver d, Function<WebDriver, T> condition) {
    return new WebDriverWait(d, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .ignoring(NoSuchElementException.class)
        .ignoring(NullPointerException.class)
        .until(
            x -> {
              T v = condition.apply(x);
              return Boolean.FALSE.equals(v) ? null : v;
            });
  }
}
