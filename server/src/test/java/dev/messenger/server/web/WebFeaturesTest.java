package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.byTestIdIn;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.item;
import static dev.messenger.server.web.BrowserSupport.js;
import static dev.messenger.server.web.BrowserSupport.menu;
import static dev.messenger.server.web.BrowserSupport.messageWith;
import static dev.messenger.server.web.BrowserSupport.openChat;
import static dev.messenger.server.web.BrowserSupport.send;
import static dev.messenger.server.web.BrowserSupport.setComposer;
import static dev.messenger.server.web.BrowserSupport.testId;
import static dev.messenger.server.web.BrowserSupport.token;
import static dev.messenger.server.web.BrowserSupport.waitMessage;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.messenger.server.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The web client's version 2 features (PROTOCOL.md sections 4 and 5) in headless Chromium against a
 * real node: edit, delete, react, reply and jump to the original (loading older pages), forward,
 * mute, and "read by" with names. The tests run in order on one chat between Alice and Bob (two
 * browsers). Skipped without chromedriver, except on CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebFeaturesTest {
  @TempDir static Path tempDir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private String missing;
  private TestNode node;
  private ChromeDriver alice;
  private ChromeDriver bob;
  private String chatId;

  @BeforeAll
  void start() throws Exception {
    missing = BrowserSupport.missing();
    if (missing != null) {
      return;
    }
    node = TestNode.start();
    alice = BrowserSupport.start(tempDir, 1200, 800);
    bob = BrowserSupport.start(tempDir, 1100, 800);
    String base = node.uri() + "/";
    BrowserSupport.register(alice, base, "alice", "Alice Martin");
    BrowserSupport.register(bob, base, "bob", "Bob Stone");
    click(alice, "new-chat");
    BrowserSupport.type(alice, "new-chat-username", "bob");
    click(alice, "new-chat-submit");
    waitUntil(alice, d -> "Bob Stone".equals(byTestId(d, "chat-title").getText()));
    chatId = item(alice, "Bob Stone").getAttribute("data-conversation-id");
    send(alice, "Hello there");
    send(alice, "Second line");
    openChat(bob, "Alice Martin");
    waitMessage(bob, "Second line");
  }

  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(missing == null, missing);
  }

  @AfterAll
  void stop() {
    for (ChromeDriver d : new ChromeDriver[] {alice, bob}) {
      if (d != null) {
        d.quit();
      }
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void editFromTheMenu_theOtherSideSeesTheNewTextMarkedEdited() {
    menu(alice, "Hello there", "menu-edit");
    waitUntil(alice, d -> "edit".equals(byTestId(d, "composer-context").getAttribute("data-mode")));
    assertThat(byTestId(alice, "composer-input").getAttribute("value")).isEqualTo("Hello there");
    setComposer(alice, "Hello there, edited");
    byTestId(alice, "composer-input").sendKeys(Keys.ENTER);
    WebElement atBob = waitMessage(bob, "Hello there, edited");
    assertThat(byTestIdIn(atBob, "edited-label").getText()).isEqualTo("edited");
    waitMessage(alice, "Hello there, edited");
    assertThat(messageWith(alice, "Hello there")).isNull();
    // Bob's menu on Alice's message offers no edit.
    byTestIdIn(atBob, "message-menu-button").click();
    assertThat(byTestId(bob, "message-menu").findElements(testId("menu-edit"))).isEmpty();
    assertThat(byTestId(bob, "message-menu").findElements(testId("menu-delete"))).isEmpty();
    new Actions(bob).sendKeys(Keys.ESCAPE).perform();
    waitUntil(bob, d -> d.findElements(testId("message-menu")).isEmpty());
  }

  @Test
  @Order(2)
  void reactFromThePicker_chipsShowWhoReacted() {
    WebElement m = waitMessage(bob, "Hello there, edited");
    byTestIdIn(m, "message-menu-button").click();
    waitUntil(bob, d -> byTestId(d, "reaction-picker").isDisplayed());
    byTestId(bob, "reaction-picker").findElements(testId("reaction-option")).get(0).click();
    WebElement chip =
        waitUntil(alice, d -> byTestIdIn(messageWith(d, "Hello there, edited"), "reaction-chip"));
    assertThat(chip.getAttribute("data-emoji")).isEqualTo("👍");
    assertThat(chip.getAttribute("data-count")).isEqualTo("1");
    assertThat(chip.getAttribute("data-users")).isEqualTo("Bob Stone");
    // Alice adds hers with the chip; then two.
    chip.click();
    waitUntil(
        bob,
        d ->
            "2"
                .equals(
                    byTestIdIn(messageWith(d, "Hello there, edited"), "reaction-chip")
                        .getAttribute("data-count")));
  }

  @Test
  @Order(3)
  void replyQuotesTheOriginal_andTheQuoteJumpsToIt_loadingOlderPages() throws Exception {
    menu(bob, "Second line", "menu-reply");
    waitUntil(bob, d -> byTestId(d, "composer-context").isDisplayed());
    send(bob, "Replying to you");
    WebElement reply = waitMessage(alice, "Replying to you");
    assertThat(byTestIdIn(reply, "reply-quote").getText()).contains("Second line");

    // An answer to a message 80 messages up: its original is not loaded after a reload.
    long original = seqOf(alice, "Second line");
    for (int i = 1; i <= 80; i++) {
      post(token(bob), "/messages", "{\"clientId\":\"f-" + i + "\",\"body\":\"Filler " + i + "\"}");
    }
    post(
        token(bob),
        "/messages",
        "{\"clientId\":\"late\",\"body\":\"Late answer\",\"replyTo\":" + original + "}");
    alice.navigate().refresh();
    WebElement late = waitMessage(alice, "Late answer");
    assertThat(messageWith(alice, "Second line")).isNull();
    byTestIdIn(late, "reply-quote").click();
    WebElement target = waitMessage(alice, "Second line");
    waitUntil(
        alice, d -> "true".equals(messageWith(d, "Second line").getAttribute("data-highlighted")));
    assertThat(target.getAttribute("data-seq")).isEqualTo(String.valueOf(original));
  }

  @Test
  @Order(4)
  void forwardToAnotherChat() throws Exception {
    // Carol exists; Alice has a chat with her.
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(node.uri().resolve("/api/v1/users"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"carol\",\"password\":\"carol-password\","
                            + "\"displayName\":\"Carol Diaz\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    click(alice, "new-chat");
    BrowserSupport.type(alice, "new-chat-username", "carol");
    click(alice, "new-chat-submit");
    waitUntil(alice, d -> "Carol Diaz".equals(byTestId(d, "chat-title").getText()));
    openChat(alice, "Bob Stone");

    menu(alice, "Late answer", "menu-forward");
    waitUntil(alice, d -> byTestId(d, "forward-dialog").isDisplayed());
    for (WebElement t : alice.findElements(testId("forward-target"))) {
      if ("Carol Diaz".equals(t.getAttribute("data-title"))) {
        t.click();
        break;
      }
    }
    openChat(alice, "Carol Diaz");
    WebElement fwd = waitMessage(alice, "Late answer");
    assertThat(byTestIdIn(fwd, "forwarded-label").getText()).contains("Forwarded");
  }

  @Test
  @Order(5)
  void deleteForEveryone_andReadByWithNames() {
    openChat(alice, "Bob Stone");
    send(alice, "Delete me");
    waitMessage(bob, "Delete me");
    menu(alice, "Delete me", "menu-delete");
    alice.switchTo().alert().accept();
    waitUntil(
        bob,
        d ->
            d.findElements(testId("message")).stream()
                .anyMatch(m -> "true".equals(m.getAttribute("data-deleted"))));
    assertThat(messageWith(bob, "Delete me")).isNull();
    assertThat(messageWith(bob, "This message was deleted")).isNotNull();

    send(alice, "Read me please");
    waitMessage(bob, "Read me please");
    waitUntil(
        alice,
        d ->
            "read"
                .equals(
                    byTestIdIn(messageWith(d, "Read me please"), "ticks")
                        .getAttribute("data-status")));
    menu(alice, "Read me please", "menu-read-by");
    WebElement entry = waitUntil(alice, d -> byTestId(d, "read-by-entry"));
    assertThat(entry.getText()).contains("Bob Stone");
    assertThat(entry.getAttribute("data-status")).isEqualTo("read");
    click(alice, "read-by-close");
  }

  @Test
  @Order(6)
  void muteFromTheChatMenu_theListShowsItAndUnmuteUndoes() {
    click(bob, "chat-menu-button");
    click(bob, "chat-mute");
    waitUntil(bob, d -> "true".equals(item(d, "Alice Martin").getAttribute("data-muted")));
    assertThat(byTestIdIn(item(bob, "Alice Martin"), "muted-icon").isDisplayed()).isTrue();
    // Another device of Bob hears of it through the server: a reload shows it still muted.
    bob.navigate().refresh();
    waitUntil(bob, d -> "true".equals(item(d, "Alice Martin").getAttribute("data-muted")));
    click(bob, "chat-menu-button");
    click(bob, "chat-unmute");
    waitUntil(bob, d -> "false".equals(item(d, "Alice Martin").getAttribute("data-muted")));
    assertThat(js(bob).executeScript("return document.title")).isEqualTo("Messenger");
  }

  @Test
  @Order(7)
  void pinFromTheMenu_bothSeeThePinnedBar_whichJumpsToTheMessage() {
    openChat(alice, "Bob Stone");
    menu(alice, "Read me please", "menu-pin");
    for (ChromeDriver d : new ChromeDriver[] {alice, bob}) {
      waitUntil(d, x -> byTestId(x, "pinned-bar").isDisplayed());
      waitUntil(d, x -> "Read me please".equals(byTestId(x, "pinned-text").getText()));
    }
    js(bob).executeScript("document.getElementById('message-scroller').scrollTop = 0;");
    click(bob, "pinned-bar");
    waitUntil(
        bob, d -> "true".equals(messageWith(d, "Read me please").getAttribute("data-highlighted")));
  }

  @Test
  @Order(8)
  void mentionsCompleteFromTheMemberList() {
    click(alice, "new-group");
    BrowserSupport.type(alice, "group-name", "Team");
    BrowserSupport.type(alice, "group-members", "bob");
    click(alice, "group-create-submit");
    waitUntil(alice, d -> "Team".equals(byTestId(d, "chat-title").getText()));
    waitUntil(alice, d -> byTestId(d, "chat-status").getText().startsWith("2 members"));
    WebElement input = byTestId(alice, "composer-input");
    input.sendKeys("Hi @bo");
    WebElement option = waitUntil(alice, d -> byTestId(d, "mention-option"));
    assertThat(option.getAttribute("data-username")).isEqualTo("bob");
    input.sendKeys(Keys.ENTER);
    assertThat(input.getAttribute("value")).isEqualTo("Hi @bob ");
    input.sendKeys("see this", Keys.ENTER);
    openChat(bob, "Team");
    WebElement m = waitMessage(bob, "Hi @bob see this");
    assertThat(byTestIdIn(m, "mention").getText()).isEqualTo("@bob");
  }

  // ---- helpers ----

  private long seqOf(ChromeDriver d, String body) {
    return Long.parseLong(waitMessage(d, body).getAttribute("data-seq"));
  }

  private JsonNode post(String token, String path, String body) throws Exception {
    HttpResponse<String> r = api("POST", "/api/v1/conversations/" + chatId + path, token, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return json.readTree(r.body());
  }

  private HttpResponse<String> api(String method, String path, String token, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(node.uri() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
