package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.item;
import static dev.messenger.server.web.BrowserSupport.messageWith;
import static dev.messenger.server.web.BrowserSupport.testId;
import static dev.messenger.server.web.BrowserSupport.waitMessage;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Issue 13 in the web client, headless Chromium against a real node: the sidebar's search over all
 * chats and inside the open chat, and a result far back in a long chat opening the chat around it
 * (history {@code around}) with the message highlighted. Skipped without chromedriver, except on
 * CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebSearchTest {
  private static final int MESSAGES = 150;
  private static final int TARGET = 20;
  @TempDir static Path tempDir;

  private String missing;
  private TestNode node;
  private ChromeDriver alice;

  @BeforeAll
  void start() throws Exception {
    missing = BrowserSupport.missing();
    if (missing != null) {
      return;
    }
    node = TestNode.start();
    alice = BrowserSupport.start(tempDir, 1200, 800);
    BrowserSupport.register(alice, node.uri() + "/", "alice", "Alice Martin");
  }

  @AfterAll
  void stop() {
    if (alice != null) {
      alice.quit();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void searchAllChatsAndOneChat_aResultFarBackOpensAroundItHighlighted() {
    Assumptions.assumeTrue(missing == null, missing);
    TestUser bob = node.newUser("bob");
    String aliceId = bob.http().userByUsername("alice").id();
    String direct = bob.http().openDirect(aliceId).id();
    for (int i = 1; i <= MESSAGES; i++) {
      String body = i == TARGET ? "the zeppelin lands at noon" : "filler line " + i;
      bob.http().postMessage(direct, "m" + i, body);
    }
    String group = bob.http().createGroup("Airships", List.of(aliceId)).id();
    bob.http().postMessage(group, "g1", "zeppelins everywhere today");
    waitUntil(alice, d -> item(d, "Airships"));

    // All chats: both hits, newest first; the chat list makes room for the results.
    search(alice, "zeppelin");
    List<WebElement> hits = waitUntil(alice, d -> results(d, 2));
    assertThat(hits.get(0).getAttribute("data-conversation-id")).isEqualTo(group);
    assertThat(hits.get(1).getAttribute("data-conversation-id")).isEqualTo(direct);
    assertThat(hits.get(1).getAttribute("data-seq")).isEqualTo(String.valueOf(TARGET));
    assertThat(hits.get(1).getText()).contains("the zeppelin lands at noon");
    assertThat(byTestId(alice, "conversation-list").isDisplayed()).isFalse();

    // The result is 130 messages back: the chat opens around it, highlighted, and the messages
    // down to the newest are held in between (older ones load on scrolling up).
    hits.get(1).click();
    waitUntil(alice, d -> d.getCurrentUrl().endsWith("#/c/" + direct));
    WebElement target = waitMessage(alice, "the zeppelin lands at noon");
    waitUntil(alice, d -> "true".equals(target.getAttribute("data-highlighted")));
    assertThat(messageWith(alice, "filler line " + MESSAGES)).isNotNull();
    assertThat(messageWith(alice, "filler line " + (TARGET + 1))).isNotNull();
    Boolean inView =
        (Boolean)
            BrowserSupport.js(alice)
                .executeScript(
                    "const r = arguments[0].getBoundingClientRect();"
                        + " return r.top >= 0 && r.bottom <= window.innerHeight;",
                    target);
    assertThat(inView).as("the result is scrolled into view").isTrue();

    // Inside the open chat: only its hits.
    click(alice, "chat-search-button");
    waitUntil(alice, d -> byTestId(d, "search-scope").isDisplayed());
    List<WebElement> inChat = waitUntil(alice, d -> results(d, 1));
    assertThat(inChat.get(0).getAttribute("data-conversation-id")).isEqualTo(direct);
    click(alice, "search-scope-clear");
    waitUntil(alice, d -> results(d, 2));

    search(alice, "nothingmatchesthis");
    waitUntil(alice, d -> byTestId(d, "search-status").getText().contains("No messages found"));
  }

  /** Puts {@code text} in the search box as typing would (input event included). */
  private static void search(ChromeDriver d, String text) {
    BrowserSupport.js(d)
        .executeScript(
            "arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
            byTestId(d, "search-input"),
            text);
  }

  /** The search results once there are exactly {@code n}, else null. */
  private static List<WebElement> results(org.openqa.selenium.WebDriver d, int n) {
    List<WebElement> r = d.findElements(testId("search-result"));
    return r.size() == n ? r : null;
  }
}
