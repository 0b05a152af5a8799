package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.byTestIdIn;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.js;
import static dev.messenger.server.web.BrowserSupport.waitMessage;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Composing and being told (issue 19): system notifications and a sound while the tab is hidden,
 * permission asked only from the button; the emoji picker; grouped bubbles; safe links; the count
 * of new messages on "jump to newest". Headless Chromium at desktop and phone sizes; the
 * Notification API and the page's visibility are stubbed before the page loads (headless Chromium
 * shows no notifications). Skipped without chromedriver, except on CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebComposeTest {
  @TempDir static Path tempDir;

  /** A Notification that records, a permission prompt that counts, a settable visibility. */
  private static final String STUBS =
      "window.__notes = []; window.__asked = 0; window.__vis = 'visible';"
          + "class FakeNotification {"
          + "  constructor(title, opts) { this.title = title; this.opts = opts || {};"
          + "    window.__notes.push({title, body: this.opts.body, tag: this.opts.tag}); window.__last = this; }"
          + "  close() {} }"
          + "FakeNotification.permission = 'default';"
          + "FakeNotification.requestPermission = () => { window.__asked++;"
          + "  FakeNotification.permission = 'granted'; return Promise.resolve('granted'); };"
          + "window.Notification = FakeNotification;"
          + "Object.defineProperty(Document.prototype, 'visibilityState',"
          + "  {get() { return window.__vis; }, configurable: true});";

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

  private void open(TestUser u, String conversationId, int w, int h) {
    browser = BrowserSupport.start(tempDir, w, h);
    browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", STUBS));
    // --window-size has a floor of 500 px in headless Chromium; resizing reaches phone widths.
    browser.manage().window().setSize(new org.openqa.selenium.Dimension(w, h));
    BrowserSupport.signIn(browser, node.uri() + "/", u, "#/c/" + conversationId);
    waitUntil(browser, d -> byTestId(d, "composer-input").isDisplayed());
  }

  private Object eval(String script) {
    return js(browser).executeScript(script);
  }

  private void shot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "web-screenshots"));
    Files.write(dir.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void hiddenTab_notifiesAndChimes_permissionOnlyFromTheButton() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String withBob = alice.http().openDirect(bob.id()).id();
    String withCarol = carol.http().openDirect(alice.id()).id();
    open(alice, withBob, 1280, 900);
    String bobTitle = waitUntil(browser, d -> byTestId(d, "chat-title").getText());

    bob.http().postMessage(withBob, "n-1", "hello while you look");
    waitMessage(browser, "hello while you look");
    assertThat(eval("return window.__asked;")).isEqualTo(0L);
    assertThat(eval("return window.__notes.length;")).isEqualTo(0L);

    click(browser, "notify-button");
    WebElement state = waitUntil(browser, d -> byTestId(d, "notify-state"));
    assertThat(state.getAttribute("data-permission")).isEqualTo("default");
    click(browser, "notify-enable");
    waitUntil(
        browser,
        d -> "granted".equals(byTestId(d, "notify-state").getAttribute("data-permission")));
    assertThat(eval("return window.__asked;")).isEqualTo(1L);
    byTestId(browser, "notify-sound").click();
    assertThat(eval("return localStorage.getItem('messenger.sound');")).isEqualTo("1");
    shot("notify-panel.png");
    byTestId(browser, "notify-button").click();

    // The tab goes to the background: a notification (and a chime) per new message.
    eval("window.__vis = 'hidden'; document.dispatchEvent(new Event('visibilitychange'));");
    String beepsBefore = (String) eval("return document.body.dataset.beeps || '0';");
    bob.http().postMessage(withBob, "n-2", "are you there?");
    waitUntil(browser, d -> (Long) eval("return window.__notes.length;") == 1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> note = (Map<String, Object>) eval("return window.__notes[0];");
    assertThat(note.get("title")).isEqualTo(bobTitle);
    assertThat(note.get("body")).isEqualTo("are you there?");
    assertThat(note.get("tag")).isEqualTo(withBob);
    assertThat(Integer.parseInt((String) eval("return document.body.dataset.beeps || '0';")))
        .isGreaterThan(Integer.parseInt(beepsBefore));

    // A click on a notification opens its chat.
    carol.http().postMessage(withCarol, "n-3", "lunch?");
    waitUntil(browser, d -> (Long) eval("return window.__notes.length;") == 2L);
    eval("window.__last.onclick();");
    waitUntil(browser, d -> !bobTitle.equals(byTestId(d, "chat-title").getText()));
    assertThat(browser.getCurrentUrl()).endsWith("#/c/" + withCarol);

    // Visible again: no notification. Reloading asks nothing.
    eval("window.__vis = 'visible';");
    bob.http().postMessage(withBob, "n-4", "back?");
    carol.http().postMessage(withCarol, "n-5", "see you");
    waitMessage(browser, "see you");
    assertThat(eval("return window.__notes.length;")).isEqualTo(2L);
    browser.navigate().refresh();
    waitUntil(browser, d -> byTestId(d, "composer-input").isDisplayed());
    assertThat(eval("return window.__asked;")).isEqualTo(0L);
  }

  @Test
  void emojiPicker_insertsAtTheCursor_andEmojiOnlyIsLarge_onDesktopAndPhone() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    String c = alice.http().openDirect(bob.id()).id();
    for (int[] size : new int[][] {{1280, 900}, {390, 844}}) {
      open(alice, c, size[0], size[1]);
      click(browser, "emoji-button");
      WebElement panel = waitUntil(browser, d -> byTestId(d, "emoji-panel"));
      waitUntil(browser, d -> panel.isDisplayed());
      assertThat(panel.getRect().getX()).isGreaterThanOrEqualTo(0);
      assertThat(panel.getRect().getX() + panel.getRect().getWidth()).isLessThanOrEqualTo(size[0]);
      panel.findElement(org.openqa.selenium.By.cssSelector("[data-emoji='😀']")).click();
      panel.findElement(org.openqa.selenium.By.cssSelector("[data-emoji='🎉']")).click();
      assertThat(byTestId(browser, "composer-input").getAttribute("value")).isEqualTo("😀🎉");
      shot(size[0] < 500 ? "emoji-phone.png" : "emoji.png");
      panel
          .findElement(org.openqa.selenium.By.cssSelector("[data-emoji='🎉']"))
          .sendKeys(Keys.ESCAPE);
      waitUntil(browser, d -> !panel.isDisplayed());
      // Esc closed the picker, not the chat; the composer has the focus back.
      assertThat(byTestId(browser, "chat-view").isDisplayed()).isTrue();
      assertThat(eval("return document.activeElement.id;")).isEqualTo("composer-input");
      byTestId(browser, "composer-input").sendKeys(Keys.ENTER);
      waitUntil(
          browser,
          d ->
              browser.findElements(BrowserSupport.testId("message")).size()
                  == (size[0] < 500 ? 2 : 1));
      List<WebElement> rows = browser.findElements(BrowserSupport.testId("message"));
      WebElement body = byTestIdIn(rows.get(rows.size() - 1), "message-body");
      assertThat(body.getText()).isEqualTo("😀🎉");
      assertThat(Double.parseDouble(body.getCssValue("font-size").replace("px", "")))
          .isGreaterThanOrEqualTo(32);
      quit();
    }
  }

  @Test
  void consecutiveBubblesGroup_linksAreSafe_andJumpToNewestCountsNewMessages() throws Exception {
    TestUser alice = node.newUser("alice");
    TestUser bob = node.newUser("bob");
    TestUser carol = node.newUser("carol");
    String g = alice.http().createGroup("Trip", List.of(bob.id(), carol.id())).id();
    bob.http().postMessage(g, "g-1", "first from bob");
    bob.http().postMessage(g, "g-2", "second from bob");
    bob.http().postMessage(g, "g-3", "third: javascript:alert(1) and https://example.org/x.");
    carol.http().postMessage(g, "g-4", "carol here");
    open(alice, g, 1280, 900);
    WebElement first = waitMessage(browser, "first from bob");
    WebElement second = waitMessage(browser, "second from bob");
    WebElement third =
        waitMessage(browser, "third: javascript:alert(1) and https://example.org/x.");
    WebElement carols = waitMessage(browser, "carol here");
    assertThat(first.findElements(BrowserSupport.testId("message-sender"))).hasSize(1);
    assertThat(first.getAttribute("class")).doesNotContain("grouped");
    for (WebElement m : List.of(second, third)) {
      assertThat(m.getAttribute("class")).contains("grouped");
      assertThat(m.findElements(BrowserSupport.testId("message-sender"))).isEmpty();
    }
    assertThat(carols.getAttribute("class")).doesNotContain("grouped");
    assertThat(carols.findElements(BrowserSupport.testId("message-sender"))).hasSize(1);
    // Tighter spacing inside a group than between senders.
    int gapInGroup =
        second.getRect().getY() - (first.getRect().getY() + first.getRect().getHeight());
    int gapBetween =
        carols.getRect().getY() - (third.getRect().getY() + third.getRect().getHeight());
    assertThat(gapInGroup).isLessThan(gapBetween);
    List<WebElement> links = third.findElements(BrowserSupport.testId("message-link"));
    assertThat(links).hasSize(1);
    assertThat(links.get(0).getAttribute("href")).isEqualTo("https://example.org/x");
    assertThat(links.get(0).getAttribute("rel")).isEqualTo("noopener noreferrer");
    shot("grouped.png");

    // Scrolled up, new messages are counted on the jump button.
    for (int i = 1; i <= 30; i++) {
      bob.http().postMessage(g, "f-" + i, "filler " + i);
    }
    waitMessage(browser, "filler 30");
    eval("document.getElementById('message-scroller').scrollTop = 0;");
    waitUntil(browser, d -> byTestId(d, "jump-latest").isDisplayed());
    carol.http().postMessage(g, "n-1", "new one");
    carol.http().postMessage(g, "n-2", "new two");
    waitUntil(browser, d -> "2".equals(byTestId(d, "jump-latest").getAttribute("data-count")));
    assertThat(byTestId(browser, "jump-latest").getText()).contains("2");
    click(browser, "jump-latest");
    waitUntil(browser, d -> !byTestId(d, "jump-latest").isDisplayed());
    assertThat(byTestId(browser, "jump-latest").getAttribute("data-count")).isEqualTo("0");
  }
}
