package dev.messenger.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.messenger.client.MediaView;
import dev.messenger.client.MessageView;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.media.MediaSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Media in the browser client: pictures inline, audio players, and sending a file with the picker
 * (headless Chromium against a real node). Skipped without {@code /usr/bin/chromedriver}, except on
 * CI. Writes {@code target/web-screenshots/media.png}.
 */
class MediaWebTest {
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static TestNode node;
  private static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMEDRIVER)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("chromium-driver is not installed");
      }
      Assumptions.assumeTrue(false, "chromium-driver is not installed");
    }
    node = TestNode.start();
    ChromeOptions o = new ChromeOptions();
    if (Files.isExecutable(CHROMIUM)) {
      o.setBinary(CHROMIUM.toFile());
    }
    o.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--no-first-run",
        "--user-data-dir=" + Files.createTempDirectory("chrome-media"),
        "--window-size=1100,800");
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            o);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void picturesShowInline_audioPlays_andThePickerSendsAFile() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    MediaView pic = alice.http().uploadMedia(MediaSamples.png(900, 500), "image/png");
    MediaView sound = alice.http().uploadMedia(MediaSamples.wav(8000), "audio/wav");
    String c = alice.http().openDirect(bob.id()).id();
    alice.http().postMessage(c, "w-1", "a picture", List.of(pic.id()));
    alice.http().postMessage(c, "w-2", "", List.of(sound.id()));

    browser.get(node.uri() + "/");
    browser.executeScript(
        "localStorage.setItem('messenger.session', JSON.stringify(arguments[0]));",
        java.util.Map.of(
            "token", bob.http().token(),
            "userId", bob.id(),
            "deviceId", bob.deviceId(),
            "username", bob.username()));
    browser.get(node.uri() + "/?signed-in#/c/" + c);

    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    try {
      wait.until(
          d ->
              (Boolean)
                  browser.executeScript(
                      "const i = document.querySelector('[data-testid=attachment-image]');"
                          + " return !!i && i.complete && i.naturalWidth === 320;"));
      wait.until(
          d ->
              (Boolean)
                  browser.executeScript(
                      "const a = document.querySelector('audio[data-testid=attachment-player]');"
                          + " return !!a && a.src.startsWith('blob:');"));
    } catch (RuntimeException e) {
      dump("media-failed.png");
      throw e;
    }

    Path file = Files.write(Files.createTempFile("photo", ".png"), MediaSamples.png(60, 40));
    browser.executeScript("document.querySelector('[data-testid=attach-input]').hidden = false;");
    browser.findElement(By.cssSelector("[data-testid=attach-input]")).sendKeys(file.toString());
    // The file waits in the tray (a preview) until Send.
    wait.until(d -> browser.findElements(By.cssSelector("[data-testid=attach-item]")).size() == 1);
    browser.findElement(By.cssSelector("[data-testid=send-button]")).click();
    wait.until(
        d -> browser.findElements(By.cssSelector("[data-testid=attachment-image]")).size() == 2);
    List<MessageView> history = alice.http().history(c, null, null, null).messages();
    assertThat(history).hasSize(3);
    assertThat(history.get(2).senderId()).isEqualTo(bob.id());
    assertThat(history.get(2).attachments()).hasSize(1);
    dump("media.png");
  }

  /** A screenshot, and the console and attachments on standard output. */
  private static void dump(String name) throws Exception {
    Path shots = Files.createDirectories(Path.of("target", "web-screenshots"));
    Files.write(shots.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    browser
        .manage()
        .logs()
        .get(org.openqa.selenium.logging.LogType.BROWSER)
        .forEach(l -> System.out.println("console: " + l.getMessage()));
    System.out.println(
        "attachments: "
            + browser.executeScript(
                "return Array.from(document.querySelectorAll('[data-testid=attachments]'))"
                    + ".map(x => x.outerHTML).join(' | ')"));
  }
}
