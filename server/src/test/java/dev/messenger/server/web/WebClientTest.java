package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.byTestIdIn;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.item;
import static dev.messenger.server.web.BrowserSupport.js;
import static dev.messenger.server.web.BrowserSupport.messageWith;
import static dev.messenger.server.web.BrowserSupport.openChat;
import static dev.messenger.server.web.BrowserSupport.send;
import static dev.messenger.server.web.BrowserSupport.testId;
import static dev.messenger.server.web.BrowserSupport.token;
import static dev.messenger.server.web.BrowserSupport.type;
import static dev.messenger.server.web.BrowserSupport.waitMessage;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.server.MessengerNode;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.MessagingSettings;
import dev.messenger.server.settings.NodeSettings;
import dev.messenger.server.settings.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The browser client (webroot/) end to end: real headless Chromium pages against a real node.
 *
 * <p>The tests run in order and build on each other (users registered in the first are used by the
 * later ones), like a person using the app: two browsers for Alice and Bob for the whole class, a
 * third (phone-sized) one for Carol in the group test. Needs Debian's {@code chromium} and {@code
 * chromium-driver}; without {@code /usr/bin/chromedriver} the class is skipped, or fails when the
 * environment variable {@code CI} is {@code true}.
 *
 * <p>A screenshot of the desktop chat view is written to {@code
 * target/web-screenshots/chat-desktop.png}, and also to the path in the system property {@code
 * messenger.screenshot} when it is set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientTest {
  private static final String PASSWORD = BrowserSupport.PASSWORD;

  @TempDir static Path tempDir;

  private Path dataDir;
  private MessengerNode node;
  private int port;
  private String base;
  private ChromeDriver alice;
  private ChromeDriver bob;
  private ChromeDriver carol;
  private final List<ChromeDriver> drivers = new ArrayList<>();
  private final Map<String, List<String>> consoles = new java.util.LinkedHashMap<>();
  private final List<String> scriptErrors = new ArrayList<>();
  private final HttpClient http = HttpClient.newHttpClient();

  /** On a failure: each browser's console and a screenshot, to see what the page did. */
  @RegisterExtension
  final TestWatcher dumpOnFailure =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          dumpBrowsers(context.getDisplayName());
        }
      };

  /** Why the browser tests cannot run here, or null when they can. */
  private String missing;

  @BeforeAll
  void startNodeAndBrowsers() throws Exception {
    missing = BrowserSupport.missing();
    if (missing != null) {
      System.out.println("WebClientTest: " + missing);
      return;
    }
    dataDir = Files.createDirectories(tempDir.resolve("data"));
    node = new MessengerNode(settings(0));
    port = node.start();
    base = "http://127.0.0.1:" + port + "/";
    CompletableFuture<ChromeDriver> a = CompletableFuture.supplyAsync(() -> browser(1280, 800));
    CompletableFuture<ChromeDriver> b = CompletableFuture.supplyAsync(() -> browser(1100, 760));
    alice = a.join();
    bob = b.join();
  }

  /** Keeps each page's console, and notes script errors (not failed network requests). */
  @AfterEach
  void collectConsoles() {
    collect("alice", alice);
    collect("bob", bob);
    collect("carol", carol);
  }

  private void collect(String name, ChromeDriver d) {
    if (d == null) {
      return;
    }
    try {
      for (LogEntry e : d.manage().logs().get(LogType.BROWSER)) {
        String line = e.getLevel() + " " + e.getMessage();
        consoles.computeIfAbsent(name, k -> new ArrayList<>()).add(line);
        boolean network =
            e.getMessage().contains("Failed to load resource")
                || e.getMessage().contains("WebSocket connection to");
        if (e.getLevel() == Level.SEVERE && !network) {
          scriptErrors.add(name + ": " + e.getMessage());
        }
      }
    } catch (RuntimeException e) {
      // the browser is gone
    }
  }

  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  @AfterAll
  void stopAll() {
    for (ChromeDriver d : drivers) {
      try {
        d.quit();
      } catch (RuntimeException e) {
        // already gone
      }
    }
    if (node != null) {
      node.close();
    }
  }

  private Settings settings(int p) {
    return Settings.defaults()
        .with(
            b ->
                b.set(NodeSettings.PORT, p)
                    .set(NodeSettings.DATA_DIR, dataDir)
                    .set(AccountSettings.ARGON2_MEMORY_KIB, 1024)
                    .set(MessagingSettings.PRESENCE_GRACE, Duration.ofMillis(500)));
  }

  private ChromeDriver browser(int width, int height) {
    ChromeDriver d = BrowserSupport.start(tempDir, width, height);
    synchronized (drivers) {
      drivers.add(d);
    }
    return d;
  }

  // ---- the scenarios ---------------------------------------------------------------

  @Test
  @Order(1)
  void twoUsersRegisterAndChatBothWays() {
    register(alice, "alice", "Alice Martin");
    register(bob, "bob", "Bob Stone");

    // Alice starts a direct chat with Bob by username.
    click(alice, "new-chat");
    type(alice, "new-chat-username", "bob");
    click(alice, "new-chat-submit");
    waitText(alice, "chat-title", "Bob Stone");

    // User text is shown as text, never as markup.
    String tricky = "Use <b>bold</b> & <img src=x onerror=alert(1)> freely";
    send(alice, tricky);
    WebElement own = waitMessage(alice, tricky);
    assertThat(own.getAttribute("data-own")).isEqualTo("true");

    // Bob sees the new chat in his list with one unread message, and delivers it.
    waitUntil(bob, d -> "1".equals(item(d, "Alice Martin").getAttribute("data-unread")));
    assertThat(text(item(bob, "Alice Martin"), "unread-badge")).isEqualTo("1");
    waitUntil(alice, d -> "delivered".equals(ticksOf(d, tricky)));

    openChat(bob, "Alice Martin");
    WebElement seen = waitMessage(bob, tricky);
    assertThat(seen.findElements(By.tagName("b"))).isEmpty();
    assertThat(seen.findElements(By.tagName("img"))).isEmpty();
    assertThat(seen.getAttribute("data-own")).isEqualTo("false");
    waitUntil(alice, d -> "read".equals(ticksOf(d, tricky)));

    // Typing shows on the other side, and goes away when the text is cleared.
    byTestId(bob, "composer-input").sendKeys("Sure");
    waitUntil(
        alice, d -> "true".equals(byTestId(d, "typing-indicator").getAttribute("data-active")));
    assertThat(byTestId(alice, "chat-status").getText()).isEqualTo("typing…");
    byTestId(bob, "composer-input").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
    waitUntil(
        alice, d -> "false".equals(byTestId(d, "typing-indicator").getAttribute("data-active")));

    // Both ways.
    send(bob, "Sure! Lunch at 12:30 at the usual place? 🍜");
    waitMessage(alice, "Sure! Lunch at 12:30 at the usual place? 🍜");
    waitUntil(bob, d -> "read".equals(ticksOf(d, "Sure! Lunch at 12:30 at the usual place? 🍜")));
    send(alice, "Perfect, see you there.");
    waitMessage(bob, "Perfect, see you there.");
  }

  @Test
  @Order(2)
  void ticksTurnToReadWhenTheOtherOpensTheChat() {
    // Bob leaves the chat with the keyboard (Escape) and only sees his list.
    byTestId(bob, "composer-input").sendKeys(Keys.ESCAPE);
    waitUntil(bob, d -> !byTestId(d, "chat-view").isDisplayed());

    send(alice, "Also, can you bring the slides?");
    send(alice, "The client wants the new numbers.");
    waitUntil(alice, d -> "delivered".equals(ticksOf(d, "The client wants the new numbers.")));
    assertThat(ticksOf(alice, "Also, can you bring the slides?")).isEqualTo("delivered");
    waitUntil(bob, d -> "2".equals(item(d, "Alice Martin").getAttribute("data-unread")));

    // Keyboard: focus the list item and open it with Enter.
    item(bob, "Alice Martin").sendKeys(Keys.ENTER);
    waitText(bob, "chat-title", "Alice Martin");
    waitMessage(bob, "The client wants the new numbers.");
    waitUntil(alice, d -> "read".equals(ticksOf(d, "The client wants the new numbers.")));
    assertThat(ticksOf(alice, "Also, can you bring the slides?")).isEqualTo("read");
    waitUntil(bob, d -> "0".equals(item(d, "Alice Martin").getAttribute("data-unread")));

    send(bob, "Will do 👍");
    waitMessage(alice, "Will do 👍");
    waitUntil(bob, d -> "read".equals(ticksOf(d, "Will do 👍")));
    // The read ticks are blue.
    String color =
        byTestIdIn(messageWith(bob, "Will do 👍"), "ticks").getCssValue("color").replace(" ", "");
    assertThat(color).isEqualTo("rgba(29,155,240,1)");
  }

  @Test
  @Order(3)
  void presenceGoesOfflineWhenThePageCloses() {
    waitUntil(
        alice, d -> "online".equals(byTestId(d, "chat-status").getAttribute("data-presence")));
    assertThat(byTestId(alice, "chat-status").getText()).isEqualTo("online");
    assertThat(byTestIdIn(item(alice, "Bob Stone"), "presence-dot").getAttribute("data-status"))
        .isEqualTo("online");

    // Bob closes his tab (a fresh tab stays so that the browser keeps running).
    String closing = bob.getWindowHandle();
    bob.switchTo().newWindow(WindowType.TAB);
    String fresh = bob.getWindowHandle();
    bob.switchTo().window(closing).close();
    bob.switchTo().window(fresh);
    waitUntil(
        alice, d -> "offline".equals(byTestId(d, "chat-status").getAttribute("data-presence")));
    assertThat(byTestId(alice, "chat-status").getText()).startsWith("last seen");

    // Back again: the session is kept in localStorage.
    bob.get(base);
    waitUntil(bob, d -> "online".equals(byTestId(d, "conn-status").getAttribute("data-state")));
    waitUntil(
        alice, d -> "online".equals(byTestId(d, "chat-status").getAttribute("data-presence")));

    // Navigating away (the page may sit in the back/forward cache) is leaving too; Back returns.
    bob.get("about:blank");
    waitUntil(
        alice, d -> "offline".equals(byTestId(d, "chat-status").getAttribute("data-presence")));
    bob.navigate().back();
    waitUntil(bob, d -> "online".equals(byTestId(d, "conn-status").getAttribute("data-state")));
    waitUntil(
        alice, d -> "online".equals(byTestId(d, "chat-status").getAttribute("data-presence")));
  }

  @Test
  @Order(4)
  void reloadKeepsTheHistoryAndOlderPagesLoadOnScrollUp() throws Exception {
    String conversationId = item(alice, "Bob Stone").getAttribute("data-conversation-id");
    String token = token(alice);
    for (int i = 1; i <= 70; i++) {
      HttpResponse<String> r =
          api(
              "POST",
              "/api/v1/conversations/" + conversationId + "/messages",
              token,
              "{\"clientId\":\"seed-" + i + "\",\"body\":\"Seed message " + i + "\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
    long lastSeq = lastSeq(conversationId, token);

    alice.navigate().refresh();
    waitText(alice, "chat-title", "Bob Stone");
    waitMessage(alice, "Seed message 70");
    // Only the newest page is loaded; the rest comes when scrolling up.
    waitUntil(alice, d -> byTestId(d, "load-older").isDisplayed());
    assertThat(seqs(alice)).hasSizeLessThan((int) lastSeq).contains(lastSeq);

    for (int round = 0; round < 5 && seqs(alice).get(0) > 1; round++) {
      long first = seqs(alice).get(0);
      js(alice).executeScript("document.getElementById('message-scroller').scrollTop = 0;");
      waitUntil(alice, d -> seqs(d).get(0) < first);
    }
    List<Long> seqs = seqs(alice);
    assertThat(seqs.get(0)).isEqualTo(1L);
    assertContiguous(seqs, lastSeq);
    waitMessage(alice, "Use <b>bold</b> & <img src=x onerror=alert(1)> freely");
    assertThat(byTestId(alice, "load-older").isDisplayed()).isFalse();
  }

  @Test
  @Order(5)
  void aGroupOfThreeChats() throws IOException {
    // Carol uses a phone-sized screen: one pane at a time.
    carol = browser(390, 844);
    register(carol, "carol", "Carol Diaz");

    click(alice, "new-group");
    type(alice, "group-name", "Weekend trip");
    type(alice, "group-members", "bob, carol");
    click(alice, "group-create-submit");
    waitText(alice, "chat-title", "Weekend trip");
    waitSystemNote(alice, "You created the group “Weekend trip”");

    openChat(bob, "Weekend trip");
    waitSystemNote(bob, "Alice Martin created the group “Weekend trip”");

    waitUntil(carol, d -> item(d, "Weekend trip") != null);
    assertThat(byTestId(carol, "chat-pane").isDisplayed()).isFalse();
    openChat(carol, "Weekend trip");
    assertThat(byTestId(carol, "conversation-list").isDisplayed()).isFalse();
    assertThat(byTestId(carol, "chat-back").isDisplayed()).isTrue();

    send(alice, "Who's in for hiking on Saturday? ⛰️");
    send(bob, "Me! I'll bring snacks.");
    send(carol, "Count me in 🙌");
    for (ChromeDriver d : List.of(alice, bob, carol)) {
      waitMessage(d, "Who's in for hiking on Saturday? ⛰️");
      waitMessage(d, "Me! I'll bring snacks.");
      waitMessage(d, "Count me in 🙌");
    }
    screenshot(carol, "chat-phone.png", false);
    // Sender names are shown in groups.
    assertThat(text(messageWith(carol, "Me! I'll bring snacks."), "message-sender"))
        .isEqualTo("Bob Stone");
    // All three have the chat open: Alice's first message is read by both others.
    waitUntil(
        alice,
        d -> {
          WebElement t = byTestIdIn(messageWith(d, "Who's in for hiking on Saturday? ⛰️"), "ticks");
          return "read".equals(t.getAttribute("data-status"))
              && "2".equals(t.getAttribute("data-read-by"));
        });

    // Carol goes back to the list on her phone; Alice's next message is read by 1 of 2.
    click(carol, "chat-back");
    waitUntil(carol, d -> byTestId(d, "conversation-list").isDisplayed());
    send(alice, "Great, leaving at 8 from the station.");
    waitUntil(
        alice,
        d -> {
          WebElement t =
              byTestIdIn(messageWith(d, "Great, leaving at 8 from the station."), "ticks");
          return "1".equals(t.getAttribute("data-read-by"))
              && "delivered".equals(t.getAttribute("data-status"));
        });
    assertThat(text(messageWith(alice, "Great, leaving at 8 from the station."), "read-by").trim())
        .isEqualTo("read by 1");
    screenshot(alice, "chat-desktop.png", true);

    // Rename: everyone sees the new name and a note.
    click(alice, "group-info-button");
    WebElement name = byTestId(alice, "group-info-name");
    name.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Hiking Saturday");
    click(alice, "group-rename-submit");
    waitText(alice, "chat-title", "Hiking Saturday");
    waitSystemNote(bob, "Alice Martin renamed the group to “Hiking Saturday”");
    waitText(bob, "chat-title", "Hiking Saturday");
    waitUntil(carol, d -> item(d, "Hiking Saturday") != null);

    // Remove Carol: her chat disappears; the others see a note.
    waitUntil(alice, d -> byTestId(d, "group-member-list").findElements(memberRow()).size() == 3);
    waitUntil(
        alice,
        d -> {
          for (WebElement row : byTestId(d, "group-member-list").findElements(memberRow())) {
            if (row.getText().contains("Carol Diaz")) {
              byTestIdIn(row, "group-remove-member").click();
              return true;
            }
          }
          return false;
        });
    click(alice, "confirm-ok"); // "Remove Carol Diaz?"
    waitSystemNote(bob, "Alice Martin removed Carol Diaz");
    waitUntil(carol, d -> item(d, "Hiking Saturday") == null);
    waitUntil(alice, d -> byTestId(d, "group-member-list").findElements(memberRow()).size() == 2);
    byTestId(alice, "group-info-name").sendKeys(Keys.ESCAPE);
    waitUntil(alice, d -> !byTestId(d, "group-info-dialog").isDisplayed());

    // Bob leaves.
    click(bob, "group-info-button");
    click(bob, "group-leave");
    click(bob, "confirm-ok"); // "Leave “Hiking Saturday”?"
    waitUntil(bob, d -> item(d, "Hiking Saturday") == null);
    waitSystemNote(alice, "Bob Stone left");

    // Alice adds Carol back: Carol sees the group again, from her join on. The note of her
    // join is not unread: unread counts only others' text messages (PROTOCOL.md section 5).
    click(alice, "group-info-button");
    type(alice, "group-add-username", "carol");
    click(alice, "group-add-submit");
    waitUntil(alice, d -> byTestId(d, "group-member-list").findElements(memberRow()).size() == 2);
    byTestId(alice, "group-add-username").sendKeys(Keys.ESCAPE);
    waitSystemNote(alice, "You added Carol Diaz");
    waitUntil(carol, d -> item(d, "Hiking Saturday") != null);
    assertThat(item(carol, "Hiking Saturday").getAttribute("data-unread")).isEqualTo("0");
    openChat(carol, "Hiking Saturday");
    waitSystemNote(carol, "Alice Martin added you");
    assertThat(carol.findElements(testId("message"))).isEmpty();

    carol.quit();
    drivers.remove(carol);
    carol = null;
  }

  @Test
  @Order(6)
  void thePageRecoversAfterTheServerRestarts() throws Exception {
    openChat(alice, "Bob Stone");
    openChat(bob, "Alice Martin");
    waitUntil(alice, d -> "online".equals(byTestId(d, "conn-status").getAttribute("data-state")));
    String conversationId = item(alice, "Bob Stone").getAttribute("data-conversation-id");
    String bobToken = token(bob);

    node.close();
    node = null;
    waitUntil(alice, d -> !"online".equals(byTestId(d, "conn-status").getAttribute("data-state")));
    waitUntil(bob, d -> !"online".equals(byTestId(d, "conn-status").getAttribute("data-state")));

    node = new MessengerNode(settings(port));
    assertThat(node.start()).isEqualTo(port);
    // Written while the pages may still be waiting to reconnect: they must fetch it after sync.
    HttpResponse<String> r =
        api(
            "POST",
            "/api/v1/conversations/" + conversationId + "/messages",
            bobToken,
            "{\"clientId\":\"while-away\",\"body\":\"Sent while you were reconnecting\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

    waitUntil(alice, d -> "online".equals(byTestId(d, "conn-status").getAttribute("data-state")));
    waitUntil(bob, d -> "online".equals(byTestId(d, "conn-status").getAttribute("data-state")));
    waitMessage(alice, "Sent while you were reconnecting");

    send(alice, "Server is back, can you read me?");
    waitMessage(bob, "Server is back, can you read me?");
    send(bob, "Loud and clear.");
    waitMessage(alice, "Loud and clear.");
    waitUntil(alice, d -> "read".equals(ticksOf(d, "Server is back, can you read me?")));

    long lastSeq = lastSeq(conversationId, bobToken);
    assertContiguous(seqs(alice), lastSeq);
    assertContiguous(seqs(bob), lastSeq);
  }

  @Test
  @Order(7)
  void logoutAndRevokedTokenGoBackToTheLoginScreen() throws Exception {
    // A token revoked elsewhere closes the socket with 4001: the page shows the login screen.
    HttpResponse<String> r = api("DELETE", "/api/v1/sessions/current", token(bob), null);
    assertThat(r.statusCode()).isEqualTo(204);
    waitUntil(bob, d -> byTestId(d, "auth-submit").isDisplayed());
    assertThat(js(bob).executeScript("return localStorage.getItem('messenger.session')")).isNull();

    click(alice, "logout");
    waitUntil(alice, d -> byTestId(d, "auth-submit").isDisplayed());
    assertThat(js(alice).executeScript("return localStorage.getItem('messenger.session')"))
        .isNull();

    // Wrong password, then the right one: the chats are back.
    type(alice, "auth-username", "alice");
    type(alice, "auth-password", "not the password");
    click(alice, "auth-submit");
    waitText(alice, "auth-error", "Wrong username or password.");
    byTestId(alice, "auth-password").clear();
    type(alice, "auth-password", PASSWORD);
    click(alice, "auth-submit");
    waitUntil(alice, d -> item(d, "Bob Stone") != null);
    openChat(alice, "Bob Stone");
    waitMessage(alice, "Loud and clear.");

    collectConsoles();
    assertThat(scriptErrors).as("script errors in the pages").isEmpty();
  }

  // ---- page helpers --------------------------------------------------------------------

  private void register(ChromeDriver d, String username, String displayName) {
    BrowserSupport.register(d, base, username, displayName);
  }

  private static By memberRow() {
    return testId("group-member");
  }

  private static String text(WebElement e, String id) {
    return byTestIdIn(e, id).getText();
  }

  private static void waitSystemNote(WebDriver d, String text) {
    waitUntil(
        d,
        x ->
            x.findElements(testId("system-message")).stream()
                .anyMatch(e -> text.equals(e.getText())));
  }

  /** The data-status of the ticks of one's own message with this body, or null. */
  private static String ticksOf(WebDriver d, String body) {
    WebElement m = messageWith(d, body);
    if (m == null) {
      return null;
    }
    List<WebElement> t = m.findElements(testId("ticks"));
    return t.isEmpty() ? null : t.get(0).getAttribute("data-status");
  }

  private static void waitText(WebDriver d, String id, String expected) {
    try {
      waitUntil(d, x -> expected.equals(byTestId(x, id).getText()));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "expected [" + expected + "] in " + id + ", found [" + safeText(d, id) + "]", e);
    }
  }

  private static String safeText(WebDriver d, String id) {
    try {
      return byTestId(d, id).getText();
    } catch (RuntimeException e) {
      return "<" + e.getClass().getSimpleName() + ">";
    }
  }

  /** The seqs of every message and system note on the page, in page order. */
  @SuppressWarnings("unchecked")
  private static List<Long> seqs(WebDriver d) {
    List<Object> raw =
        (List<Object>)
            js(d)
                .executeScript(
                    "return Array.from(document.querySelectorAll("
                        + "'#message-list [data-seq]:not([data-seq=\"\"])'))"
                        + ".filter(e => e.matches('li')).map(e => Number(e.dataset.seq));");
    List<Long> out = new ArrayList<>();
    for (Object o : raw) {
      out.add(((Number) o).longValue());
    }
    return out;
  }

  private static void assertContiguous(List<Long> seqs, long lastSeq) {
    assertThat(seqs).isNotEmpty();
    long first = seqs.get(0);
    List<Long> expected = new ArrayList<>();
    for (long s = first; s <= lastSeq; s++) {
      expected.add(s);
    }
    assertThat(seqs).as("no holes, no duplicates, in order").isEqualTo(expected);
  }

  // ---- HTTP helpers --------------------------------------------------------------------

  private HttpResponse<String> api(String method, String path, String token, String json)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token);
    if (json != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private long lastSeq(String conversationId, String token) throws Exception {
    HttpResponse<String> r = api("GET", "/api/v1/conversations/" + conversationId, token, null);
    assertThat(r.statusCode()).isEqualTo(200);
    var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    return tree.get("lastSeq").asLong();
  }

  // ---- diagnostics -----------------------------------------------------------------------

  private void screenshot(ChromeDriver d, String name, boolean publish) throws IOException {
    byte[] png = d.getScreenshotAs(OutputType.BYTES);
    Path dir = Files.createDirectories(Path.of("target", "web-screenshots"));
    Files.write(dir.resolve(name), png);
    String extra = System.getProperty("messenger.screenshot");
    if (publish && extra != null && !extra.isBlank()) {
      Path target = Path.of(extra);
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      Files.write(target, png);
    }
  }

  private void dumpBrowsers(String test) {
    collectConsoles();
    String[] names = {"alice", "bob", "carol"};
    ChromeDriver[] all = {alice, bob, carol};
    for (int i = 0; i < all.length; i++) {
      ChromeDriver d = all[i];
      List<String> lines = consoles.getOrDefault(names[i], List.of());
      System.out.println(
          "---- " + names[i] + " after failure of " + test + " (last console lines)");
      for (String line : lines.subList(Math.max(0, lines.size() - 60), lines.size())) {
        System.out.println("  " + line);
      }
      if (d == null) {
        continue;
      }
      try {
        System.out.println("  url: " + d.getCurrentUrl());
        screenshot(d, "failed-" + names[i] + ".png", false);
      } catch (RuntimeException | IOException e) {
        System.out.println("  (no screenshot: " + e + ")");
      }
    }
  }
}
