package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.byTestIdIn;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.item;
import static dev.messenger.server.web.BrowserSupport.js;
import static dev.messenger.server.web.BrowserSupport.testId;
import static dev.messenger.server.web.BrowserSupport.token;
import static dev.messenger.server.web.BrowserSupport.type;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The People page and group management of issue 19 in headless Chromium, at 1280x900 and 390x844:
 * contacts with live presence, add by username, remove (confirmed), open a chat; members picked
 * from known people as one types; confirmed removal and leaving; members' presence in group info.
 * One browser (Alice); Bob, Carol and Dave use HTTP and WebSocket. Skipped without chromedriver,
 * except on CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPeopleTest {
  @TempDir static Path tempDir;

  @RegisterExtension final BrowserDump dump = new BrowserDump(() -> this.alice);

  private String missing;
  private TestNode node;
  private WebApi api;
  private ChromeDriver alice;
  private JsonNode bob;
  private JsonNode carol;
  private JsonNode dave;
  private String groupId;

  @BeforeAll
  void start() throws Exception {
    missing = BrowserSupport.missing();
    if (missing != null) {
      return;
    }
    node = TestNode.start();
    api = new WebApi(node.uri());
    alice = BrowserSupport.start(tempDir, 1280, 900);
    BrowserSupport.register(alice, node.uri() + "/", "alice", "Alice Martin");
    bob = api.user("bob", "Bob Stone", "laptop");
    carol = api.user("carol", "Carol Diaz", "laptop");
    dave = api.user("dave", "Dave Lee", "laptop");
    String aliceId = (String) js(alice).executeScript("return messengerApp.session.userId;");
    String chat =
        api.ok(
                "POST",
                "/api/v1/conversations",
                tok(carol),
                WebApi.json(Map.of("kind", "direct", "userId", aliceId)))
            .get("id")
            .asText();
    api.ok(
        "POST",
        "/api/v1/conversations/" + chat + "/messages",
        tok(carol),
        WebApi.json(Map.of("clientId", "c-1", "body", "Hello from Carol")));
    waitUntil(alice, d -> item(d, "Carol Diaz") != null);
    // Bob has Alice in his contacts: she may see his presence (PROTOCOL.md section 2).
    api.ok("PUT", "/api/v1/contacts/" + aliceId, tok(bob), null);
  }

  @BeforeEach
  void requireBrowser() {
    Assumptions.assumeTrue(missing == null, missing);
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
  @Order(1)
  void addByUsername_refusesAnUnknownOne_andShowsPresenceLive() throws Exception {
    click(alice, "open-people");
    waitUntil(alice, d -> byTestId(d, "people-page").isDisplayed());
    assertThat(alice.getCurrentUrl()).endsWith("#/people");
    waitUntil(alice, d -> byTestId(d, "contacts-none").isDisplayed());

    type(alice, "contact-add-username", "nobody_here");
    click(alice, "contact-add-form-submit");
    waitUntil(alice, d -> byTestId(d, "contact-add-form-error").isDisplayed());
    assertThat(byTestId(alice, "contact-add-form-error").getText())
        .isEqualTo("No user named “nobody_here”.");

    byTestId(alice, "contact-add-username").clear();
    type(alice, "contact-add-username", "bob");
    click(alice, "contact-add-form-submit");
    WebElement row = waitUntil(alice, d -> contact("bob"));
    assertThat(byTestIdIn(row, "contact-name").getText()).isEqualTo("Bob Stone");
    assertThat(byTestId(alice, "contact-add-form-error").isDisplayed()).isFalse();
    assertThat(contactIds()).containsExactly(bob.get("userId").asText());

    try (RecordingSocket s = RecordingSocket.open(node.anonymous().withToken(tok(bob)))) {
      waitUntil(alice, d -> "online".equals(contact("bob").getAttribute("data-presence")));
      assertThat(byTestIdIn(contact("bob"), "contact-presence").getText()).contains("online");
      screenshot("people-desktop.png");
    }
    waitUntil(alice, d -> "offline".equals(contact("bob").getAttribute("data-presence")));
    assertThat(byTestIdIn(contact("bob"), "contact-presence").getText()).contains("last seen");
  }

  @Test
  @Order(2)
  void messageOpensTheDirectChat() {
    byTestIdIn(contact("bob"), "contact-message").click();
    waitUntil(alice, d -> "Bob Stone".equals(byTestId(d, "chat-title").getText()));
    assertThat(byTestId(alice, "people-page").isDisplayed()).isFalse();
    assertThat(alice.getCurrentUrl()).contains("#/c/");
  }

  @Test
  @Order(3)
  void removeAsksFirst_cancelKeeps_confirmRemoves() throws Exception {
    click(alice, "open-people");
    WebElement row = waitUntil(alice, d -> contact("bob"));
    byTestIdIn(row, "contact-remove").click();
    waitUntil(alice, d -> byTestId(d, "confirm-remove-contact").isDisplayed());
    click(alice, "confirm-cancel");
    waitUntil(alice, d -> d.findElements(testId("confirm-remove-contact")).isEmpty());
    assertThat(contactIds()).hasSize(1);
    byTestIdIn(contact("bob"), "contact-remove").click();
    click(alice, "confirm-ok");
    waitUntil(alice, d -> byTestId(d, "contacts-none").isDisplayed());
    assertThat(contactIds()).isEmpty();
  }

  @Test
  @Order(4)
  void newGroup_picksMembersFromKnownPeopleAsOneTypes_andFindsOthersByUsername() throws Exception {
    click(alice, "new-group");
    type(alice, "group-name", "Trip");
    type(alice, "group-members", "car");
    WebElement option = waitUntil(alice, d -> option("carol"));
    assertThat(option.getText()).contains("Carol Diaz");
    option.click();
    waitUntil(alice, d -> chips().size() == 1);
    assertThat(byTestId(alice, "group-members").getAttribute("value")).isEmpty();
    type(alice, "group-members", "Bo");
    waitUntil(alice, d -> option("bob") != null);
    byTestId(alice, "group-members").sendKeys(Keys.ENTER);
    waitUntil(alice, d -> chips().size() == 2);
    // Dave shares nothing with Alice: offered as a lookup by username.
    type(alice, "group-members", "dave");
    assertThat(option("dave")).isNull();
    WebElement lookup = waitUntil(alice, d -> lookup());
    assertThat(lookup.getText()).isEqualTo("Find “@dave”");
    lookup.click();
    waitUntil(alice, d -> chips().size() == 3);
    // A chip can be taken back.
    byTestIdIn(chips().get(2), "picker-chip-remove").click();
    waitUntil(alice, d -> chips().size() == 2);
    type(alice, "group-members", "dave");
    waitUntil(alice, d -> lookup()).click();
    waitUntil(alice, d -> chips().size() == 3);
    click(alice, "group-create-submit");
    waitUntil(alice, d -> "Trip".equals(byTestId(d, "chat-title").getText()));
    groupId = item(alice, "Trip").getAttribute("data-conversation-id");
    JsonNode g = api.ok("GET", "/api/v1/conversations/" + groupId, token(alice), null);
    assertThat(g.get("members")).hasSize(4);
  }

  @Test
  @Order(5)
  void groupInfoShowsPresence_removeAndLeaveAskFirst_addPicksFromKnownPeople() throws Exception {
    try (RecordingSocket s = RecordingSocket.open(node.anonymous().withToken(tok(bob)))) {
      click(alice, "group-info-button");
      waitUntil(alice, d -> "online".equals(member("Bob Stone").getAttribute("data-presence")));
      assertThat(byTestIdIn(member("Bob Stone"), "member-presence").getText()).isEqualTo("online");
    }
    waitUntil(alice, d -> "offline".equals(member("Bob Stone").getAttribute("data-presence")));
    assertThat(byTestIdIn(member("Bob Stone"), "member-presence").getText()).contains("last seen");

    byTestIdIn(member("Dave Lee"), "group-remove-member").click();
    waitUntil(alice, d -> byTestId(d, "confirm-remove-member").isDisplayed());
    click(alice, "confirm-cancel");
    assertThat(members()).hasSize(4);
    byTestIdIn(member("Dave Lee"), "group-remove-member").click();
    waitUntil(alice, d -> byTestId(d, "confirm-remove-member").isDisplayed());
    click(alice, "confirm-ok");
    waitUntil(alice, d -> d.findElements(testId("group-member")).size() == 3);
    assertThat(members()).hasSize(3);

    // Members are not offered again; Dave is found by username.
    type(alice, "group-add-username", "bo");
    assertThat(option("bob")).isNull();
    byTestId(alice, "group-add-username").clear();
    type(alice, "group-add-username", "dave");
    waitUntil(alice, d -> lookup()).click();
    waitUntil(alice, d -> chips().size() == 1);
    click(alice, "group-add-submit");
    waitUntil(alice, d -> d.findElements(testId("group-member")).size() == 4);
    assertThat(members()).hasSize(4);

    click(alice, "group-leave");
    waitUntil(alice, d -> byTestId(d, "confirm-leave").isDisplayed());
    click(alice, "confirm-ok");
    waitUntil(alice, d -> item(d, "Trip") == null);
    assertThat(api.send("GET", "/api/v1/conversations/" + groupId, token(alice), null).statusCode())
        .isIn(403, 404);
  }

  @Test
  @Order(6)
  void onAPhone_peopleTakeTheScreen_andThePickerFits() throws Exception {
    alice.manage().window().setSize(new Dimension(390, 844));
    try {
      api.ok("PUT", "/api/v1/contacts/" + carol.get("userId").asText(), token(alice), null);
      click(alice, "open-people");
      waitUntil(alice, d -> byTestId(d, "people-page").isDisplayed());
      waitUntil(alice, d -> contact("carol") != null);
      assertThat(byTestId(alice, "conversation-list").isDisplayed()).isFalse();
      assertThat(overflow()).as("people page wider than the screen").isFalse();
      screenshot("people-phone.png");
      click(alice, "people-back");
      waitUntil(alice, d -> byTestId(d, "conversation-list").isDisplayed());
      click(alice, "new-group");
      type(alice, "group-members", "Dia");
      WebElement option = waitUntil(alice, d -> option("carol"));
      assertThat(option.isDisplayed()).isTrue();
      assertThat(overflow()).as("picker wider than the screen").isFalse();
      byTestId(alice, "group-members").sendKeys(Keys.ESCAPE);
      waitUntil(alice, d -> !byTestId(d, "group-members-suggestions").isDisplayed());
      assertThat(alice.findElement(By.id("new-group-dialog")).isDisplayed()).isTrue();
      byTestId(alice, "group-members").sendKeys(Keys.ESCAPE);
      waitUntil(alice, d -> !d.findElement(By.id("new-group-dialog")).isDisplayed());
    } finally {
      alice.manage().window().setSize(new Dimension(1280, 900));
    }
  }

  // ---- helpers ----

  private static String tok(JsonNode session) {
    return session.get("token").asText();
  }

  private WebElement contact(String username) {
    for (WebElement e : alice.findElements(testId("contact"))) {
      if (username.equals(e.getAttribute("data-username"))) {
        return e;
      }
    }
    return null;
  }

  private WebElement option(String username) {
    for (WebElement e : alice.findElements(testId("picker-option"))) {
      if (username.equals(e.getAttribute("data-username")) && e.isDisplayed()) {
        return e;
      }
    }
    return null;
  }

  /** The shown "Find @name" entry of a picker, or null. */
  private WebElement lookup() {
    for (WebElement e : alice.findElements(testId("picker-lookup"))) {
      if (e.isDisplayed()) {
        return e;
      }
    }
    return null;
  }

  private List<WebElement> chips() {
    List<WebElement> out = new ArrayList<>();
    for (WebElement e : alice.findElements(testId("picker-chip"))) {
      if (e.isDisplayed()) {
        out.add(e);
      }
    }
    return out;
  }

  private WebElement member(String name) {
    for (WebElement e : byTestId(alice, "group-member-list").findElements(testId("group-member"))) {
      if (e.getText().contains(name)) {
        return e;
      }
    }
    return null;
  }

  private List<String> contactIds() throws Exception {
    List<String> ids = new ArrayList<>();
    api.ok("GET", "/api/v1/contacts", token(alice), null)
        .get("contacts")
        .forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  private JsonNode members() throws Exception {
    return api.ok("GET", "/api/v1/conversations/" + groupId, token(alice), null).get("members");
  }

  private boolean overflow() {
    return (Boolean)
        js(alice)
            .executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth"
                    + " || document.body.scrollWidth > window.innerWidth;");
  }

  private void screenshot(String name) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "web-screenshots"));
    Files.write(dir.resolve(name), alice.getScreenshotAs(OutputType.BYTES));
  }
}
