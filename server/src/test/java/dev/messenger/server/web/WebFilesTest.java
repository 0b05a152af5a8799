package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.byTestIdIn;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.js;
import static dev.messenger.server.web.BrowserSupport.setComposer;
import static dev.messenger.server.web.BrowserSupport.waitMessage;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.MediaView;
import dev.messenger.client.MessageView;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.media.MediaSamples;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Files in the web client (issue 19, "Files"): names kept and shown, a preview tray with cancel, a
 * caption, paste, an upload progress bar, file cards that save under the name, the picture viewer
 * with next / previous, and voice messages recorded with MediaRecorder (Chromium's fake
 * microphone). Desktop 1280x900 and phone 390x844. Skipped without chromedriver, except on CI.
 * Screenshots go to {@code target/web-screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebFilesTest {
  @TempDir static Path tempDir;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private String missing;
  private TestNode node;
  private ChromeDriver browser;

  @BeforeAll
  void start() throws Exception {
    missing = BrowserSupport.missing();
    if (missing != null) {
      return;
    }
    node = TestNode.start();
  }

  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  @AfterEach
  void quit() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private ChromeDriver open(TestUser u, String conversationId, int w, int h) {
    browser =
        BrowserSupport.start(
            tempDir,
            w,
            h,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required");
    // --window-size has a floor of 500 px in headless Chromium; resizing reaches phone widths.
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(w, h));
    BrowserSupport.signIn(browser, node.uri() + "/", u, "#/c/" + conversationId);
    waitUntil(browser, d -> byTestId(d, "composer-input").isDisplayed());
    return browser;
  }

  private void pick(Path file) {
    js(browser)
        .executeScript("document.querySelector('[data-testid=attach-input]').hidden = false;");
    browser.findElement(By.cssSelector("[data-testid=attach-input]")).sendKeys(file.toString());
    js(browser)
        .executeScript("document.querySelector('[data-testid=attach-input]').hidden = true;");
  }

  private HttpResponse<byte[]> download(TestUser u, String mediaId) throws Exception {
    return http.send(
        HttpRequest.newBuilder(node.uri().resolve("/api/v1/media/" + mediaId))
            .header("Authorization", "Bearer " + u.http().token())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private Object eval(String script) {
    return js(browser).executeScript(script);
  }

  private void shot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "web-screenshots"));
    Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  private long horizontalOverflow() {
    return (Long)
        js(browser)
            .executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
  }

  /** A PDF of about {@code extra} bytes more than the sample (random bytes after its end). */
  private static byte[] bigPdf(int extra) {
    byte[] head = MediaSamples.pdf();
    byte[] out = new byte[head.length + extra];
    System.arraycopy(head, 0, out, 0, head.length);
    byte[] tail = new byte[extra];
    new Random(7).nextBytes(tail);
    System.arraycopy(tail, 0, out, head.length, extra);
    return out;
  }

  @Test
  void aFileWaitsInTheTray_cancel_thenSendsWithCaptionAndProgress_andKeepsItsName()
      throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    open(alice, c, 1280, 900);
    String name = "Trip plan – été.pdf";
    Path file =
        Files.write(
            Files.createDirectories(tempDir.resolve("f1")).resolve(name), bigPdf(6_000_000));

    // Pick, see the preview, cancel: nothing is sent.
    pick(file);
    WebElement item = waitUntil(browser, d -> byTestId(d, "attach-item"));
    assertThat(item.getAttribute("data-name")).isEqualTo(name);
    assertThat(item.getText()).contains(name).contains("PDF · 5.7 MB");
    assertThat(byTestId(browser, "composer-input").getAttribute("placeholder"))
        .isEqualTo("Add a caption…");
    click(browser, "attach-cancel");
    waitUntil(browser, d -> !byTestId(d, "attach-tray").isDisplayed());
    assertThat(bob.http().history(c, null, null, null).messages()).isEmpty();

    // Pick again, write a caption, press Enter: a progress bar up to 100, one message.
    pick(file);
    waitUntil(browser, d -> byTestId(d, "attach-item"));
    js(browser)
        .executeScript(
            "window.__progress = [];"
                + "const bar = document.querySelector('[data-testid=upload-progress]');"
                + "new MutationObserver(() => window.__progress.push([bar.hidden, bar.getAttribute('value')]))"
                + ".observe(bar, {attributes: true});");
    shot("files-tray.png");
    setComposer(browser, "the plan");
    byTestId(browser, "composer-input").sendKeys(Keys.ENTER);
    WebElement msg = waitMessage(browser, "the plan");
    WebElement card = waitUntil(browser, d -> byTestIdIn(msg, "attachment-file"));
    assertThat(byTestIdIn(card, "file-name").getText()).isEqualTo(name);
    assertThat(byTestIdIn(card, "file-meta").getText()).isEqualTo("PDF · 5.7 MB");
    @SuppressWarnings("unchecked")
    List<List<Object>> progress =
        (List<List<Object>>) js(browser).executeScript("return window.__progress;");
    assertThat(progress).anyMatch(p -> Boolean.FALSE.equals(p.get(0)));
    assertThat(progress).anyMatch(p -> "100".equals(p.get(1)));
    assertThat(byTestId(browser, "attach-tray").isDisplayed()).isFalse();
    assertThat(byTestId(browser, "composer-input").getAttribute("value")).isEmpty();

    List<MessageView> history = bob.http().history(c, null, null, null).messages();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).body()).isEqualTo("the plan");
    HttpResponse<byte[]> got = download(bob, history.get(0).attachments().get(0));
    assertThat(got.headers().firstValue("Content-Disposition").orElse(""))
        .startsWith("attachment;")
        .endsWith("filename*=UTF-8''Trip%20plan%20%E2%80%93%20%C3%A9t%C3%A9.pdf");

    // A click on the card saves the file under its name.
    js(browser)
        .executeScript(
            "window.__saved = [];"
                + "HTMLAnchorElement.prototype.click = function () { window.__saved.push(this.download); };");
    card.click();
    waitUntil(
        browser,
        d -> name.equals(js(d).executeScript("return window.__saved && window.__saved[0];")));
    shot("files-card.png");
  }

  @Test
  void pasteAPicture_thenTheViewerGoesThroughTheChatsPictures() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    for (int i = 1; i <= 3; i++) {
      MediaView m =
          bob.http()
              .uploadMedia(MediaSamples.png(200 + i * 40, 150), "image/png", "cat" + i + ".png");
      bob.http().postMessage(c, "p-" + i, "cat " + i, List.of(m.id()));
    }
    open(alice, c, 1280, 900);
    waitMessage(browser, "cat 3");

    // Paste a picture into the composer: it waits in the tray, then goes with its caption.
    js(browser)
        .executeScript(
            "const b64 = arguments[0];"
                + "const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));"
                + "const dt = new DataTransfer();"
                + "dt.items.add(new File([bytes], 'image.png', {type: 'image/png'}));"
                + "document.querySelector('[data-testid=composer-input]')"
                + ".dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));",
            java.util.Base64.getEncoder().encodeToString(MediaSamples.png(64, 48)));
    WebElement item = waitUntil(browser, d -> byTestId(d, "attach-item"));
    assertThat(item.getAttribute("data-name")).isEqualTo("image.png");
    setComposer(browser, "pasted");
    click(browser, "send-button");
    WebElement pasted = waitMessage(browser, "pasted");
    waitUntil(
        browser,
        d -> byTestIdIn(pasted, "attachment-image").getAttribute("src").startsWith("blob:"));

    // The viewer: opens at the picture clicked, arrows go through all four, Esc closes it.
    WebElement first = waitMessage(browser, "cat 1");
    waitUntil(
        browser,
        d -> byTestIdIn(first, "attachment-image").getAttribute("src").startsWith("blob:"));
    byTestIdIn(first, "attachment-image").click();
    WebElement viewer = waitUntil(browser, d -> byTestId(d, "viewer"));
    waitUntil(browser, d -> viewer.isDisplayed());
    assertThat(byTestId(browser, "viewer-count").getText()).isEqualTo("1 / 4");
    assertThat(byTestId(browser, "viewer-name").getText()).isEqualTo("cat1.png");
    waitUntil(
        browser,
        d ->
            (Boolean)
                js(d)
                    .executeScript(
                        "const i = document.querySelector('[data-testid=viewer-image]'); return i.complete && i.naturalWidth === 240;"));
    assertThat(byTestId(browser, "viewer-prev").isEnabled()).isFalse();
    viewer.sendKeys(Keys.ARROW_RIGHT);
    waitUntil(browser, d -> "2 / 4".equals(byTestId(d, "viewer-count").getText()));
    assertThat(byTestId(browser, "viewer-name").getText()).isEqualTo("cat2.png");
    byTestId(browser, "viewer-next").click();
    byTestId(browser, "viewer-next").click();
    waitUntil(browser, d -> "4 / 4".equals(byTestId(d, "viewer-count").getText()));
    assertThat(byTestId(browser, "viewer-next").isEnabled()).isFalse();
    viewer.sendKeys(Keys.ARROW_LEFT);
    waitUntil(browser, d -> "3 / 4".equals(byTestId(d, "viewer-count").getText()));
    shot("files-viewer.png");
    viewer.sendKeys(Keys.ESCAPE);
    waitUntil(browser, d -> !byTestId(d, "viewer").isDisplayed());
    // Esc closed the viewer only, not the chat.
    assertThat(byTestId(browser, "chat-view").isDisplayed()).isTrue();
  }

  @Test
  void aVoiceMessageIsRecordedWithTheMicrophone_andSentAsAudio() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    open(alice, c, 1280, 900);
    click(browser, "voice-button");
    waitUntil(browser, d -> byTestId(d, "voice-bar").isDisplayed());
    assertThat(byTestId(browser, "composer-input").isDisplayed()).isFalse();
    waitUntil(
        browser,
        d -> Integer.parseInt(byTestId(d, "voice-timer").getAttribute("data-seconds")) >= 2);
    click(browser, "voice-send");
    WebElement voice;
    try {
      voice = waitUntil(browser, d -> byTestId(d, "voice-message"));
    } catch (RuntimeException e) {
      System.out.println(
          "toast: "
              + eval("const t = document.getElementById('toast'); return t && t.textContent;")
              + " attachments: "
              + eval(
                  "return Array.from(document.querySelectorAll('[data-testid=attachments]'))"
                      + ".map(x => x.outerHTML).join(' | ');"));
      browser
          .manage()
          .logs()
          .get(org.openqa.selenium.logging.LogType.BROWSER)
          .forEach(l -> System.out.println("console: " + l.getMessage()));
      throw e;
    }
    assertThat(voice.getText()).contains("Voice message");
    waitUntil(
        browser,
        d -> byTestIdIn(voice, "attachment-player").getAttribute("src").startsWith("blob:"));

    List<MessageView> history = bob.http().history(c, null, null, null).messages();
    assertThat(history).hasSize(1);
    assertThat(history.get(0).body()).isEmpty();
    HttpResponse<byte[]> got = download(bob, history.get(0).attachments().get(0));
    assertThat(got.headers().firstValue("Content-Type")).hasValue("audio/webm");
    assertThat(got.headers().firstValue("Content-Disposition").orElse(""))
        .matches("inline; filename=\"voice-\\d{8}-\\d{6}\\.webm\".*");
    assertThat(got.body().length).isGreaterThan(1000);
    // The picture for the README (-Dmessenger.screenshot.files=PATH): a picture with a caption,
    // a file card and the voice message.
    MediaView pic = bob.http().uploadMedia(MediaSamples.png(640, 360), "image/png", "harbour.png");
    MediaView pdf =
        bob.http().uploadMedia(MediaSamples.pdf(), "application/pdf", "Ferry tickets.pdf");
    bob.http().postMessage(c, "s-1", "The harbour this morning", List.of(pic.id()));
    bob.http().postMessage(c, "s-2", "and the tickets", List.of(pdf.id()));
    WebElement tickets = waitMessage(browser, "and the tickets");
    WebElement harbour = waitMessage(browser, "The harbour this morning");
    waitUntil(
        browser,
        d -> byTestIdIn(harbour, "attachment-image").getAttribute("src").startsWith("blob:"));
    assertThat(byTestIdIn(tickets, "file-name").getText()).isEqualTo("Ferry tickets.pdf");
    shot("files-desktop.png");
    String publish = System.getProperty("messenger.screenshot.files");
    if (publish != null) {
      Files.write(Path.of(publish), browser.getScreenshotAs(OutputType.BYTES));
    }
    // Recording and cancelling sends nothing.
    click(browser, "voice-button");
    waitUntil(browser, d -> byTestId(d, "voice-bar").isDisplayed());
    click(browser, "voice-cancel");
    waitUntil(browser, d -> byTestId(d, "composer-input").isDisplayed());
    Thread.sleep(500);
    assertThat(bob.http().history(c, null, null, null).messages()).hasSize(3);
  }

  @Test
  void onAPhone_theTrayTheCardAndTheViewerFitTheScreen() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    MediaView pdf =
        bob.http()
            .uploadMedia(
                MediaSamples.pdf(),
                "application/pdf",
                "A very long file name for the quarterly report of the travel committee.pdf");
    MediaView pic = bob.http().uploadMedia(MediaSamples.png(900, 600), "image/png", "view.png");
    bob.http().postMessage(c, "q-1", "report", List.of(pdf.id()));
    bob.http().postMessage(c, "q-2", "view", List.of(pic.id()));
    open(alice, c, 390, 844);
    WebElement report = waitMessage(browser, "report");
    WebElement card = byTestIdIn(report, "attachment-file");
    assertThat(card.getRect().getX() + card.getRect().getWidth()).isLessThanOrEqualTo(390);
    Path file =
        Files.write(
            Files.createDirectories(tempDir.resolve("f2")).resolve("photo.png"),
            MediaSamples.png(300, 200));
    pick(file);
    waitUntil(browser, d -> byTestId(d, "attach-item").isDisplayed());
    assertThat(eval("return window.innerWidth;")).isEqualTo(390L);
    for (String id :
        List.of("voice-button", "emoji-button", "attach-button", "send-button", "attach-cancel")) {
      WebElement b = byTestId(browser, id);
      assertThat(b.isDisplayed()).as(id).isTrue();
      assertThat(b.getRect().getX() + b.getRect().getWidth()).as(id).isLessThanOrEqualTo(390);
    }
    assertThat(horizontalOverflow()).isLessThanOrEqualTo(0);
    shot("files-phone-tray.png");
    click(browser, "attach-cancel");

    WebElement view = waitMessage(browser, "view");
    waitUntil(
        browser, d -> byTestIdIn(view, "attachment-image").getAttribute("src").startsWith("blob:"));
    byTestIdIn(view, "attachment-image").click();
    waitUntil(browser, d -> byTestId(d, "viewer").isDisplayed());
    for (String id : List.of("viewer-close", "viewer-prev", "viewer-next", "viewer-download")) {
      WebElement b = byTestId(browser, id);
      assertThat(b.getRect().getX() + b.getRect().getWidth()).as(id).isLessThanOrEqualTo(390);
      assertThat(b.getRect().getX()).as(id).isGreaterThanOrEqualTo(0);
    }
    assertThat(byTestId(browser, "viewer-image").getRect().getWidth()).isLessThanOrEqualTo(390);
    shot("files-phone-viewer.png");
    click(browser, "viewer-close");
    waitUntil(browser, d -> !byTestId(d, "viewer").isDisplayed());
  }
}
