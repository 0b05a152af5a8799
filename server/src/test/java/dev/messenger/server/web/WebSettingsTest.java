package dev.messenger.server.web;

import static dev.messenger.server.web.BrowserSupport.byTestId;
import static dev.messenger.server.web.BrowserSupport.byTestIdIn;
import static dev.messenger.server.web.BrowserSupport.click;
import static dev.messenger.server.web.BrowserSupport.item;
import static dev.messenger.server.web.BrowserSupport.js;
import static dev.messenger.server.web.BrowserSupport.openChat;
import static dev.messenger.server.web.BrowserSupport.testId;
import static dev.messenger.server.web.BrowserSupport.token;
import static dev.messenger.server.web.BrowserSupport.type;
import static dev.messenger.server.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.TestNode;
import dev.messenger.server.media.MediaSamples;
import dev.messenger.server.settings.PushSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The settings page of issue 14 in headless Chromium (PROTOCOL.md sections 6 and 8): profile,
 * devices with push status and "Log out", blocked users, password, export and account deletion, at
 * 1280x900 and 390x844. One browser (Alice); her other devices and Bob use HTTP. Writes {@code
 * target/web-screenshots/settings-*.png}, and the desktop one also to the path in the system
 * property {@code messenger.settingsScreenshot} when set. Skipped without chromedriver, except on
 * CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSettingsTest {
  @TempDir static Path tempDir;

  @RegisterExtension final BrowserDump dump = new BrowserDump(() -> this.alice);

  private String missing;
  private TestNode node;
  private WebApi api;
  private ChromeDriver alice;
  private String aliceId;
  private JsonNode phone;
  private JsonNode tablet;
  private JsonNode bob;

  @BeforeAll
  void start() throws Exception {
    missing = BrowserSupport.missing();
    if (missing != null) {
      return;
    }
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(PushSettings.PUSH_ALLOW_HTTP, true)
                // the fake push service is on loopback, which the SSRF guard refuses otherwise
                .with(PushSettings.PUSH_ALLOW_PRIVATE, true));
    api = new WebApi(node.uri());
    alice = BrowserSupport.start(tempDir, 1280, 900);
    BrowserSupport.register(alice, node.uri() + "/", "alice", "Alice Martin");
    aliceId = (String) js(alice).executeScript("return messengerApp.session.userId;");
    phone = api.login("alice", "Alice's phone");
    tablet = api.login("alice", "Alice's tablet");
    bob = api.user("bob", "Bob Stone", "Bob's laptop");
    String chat =
        api.ok(
                "POST",
                "/api/v1/conversations",
                bob.get("token").asText(),
                WebApi.json(Map.of("kind", "direct", "userId", aliceId)))
            .get("id")
            .asText();
    api.ok(
        "POST",
        "/api/v1/conversations/" + chat + "/messages",
        bob.get("token").asText(),
        WebApi.json(Map.of("clientId", "b-1", "body", "Hi Alice")));
    waitUntil(alice, d -> item(d, "Bob Stone") != null);
    // The phone and the tablet subscribe to Web Push (an endpoint on loopback nobody answers).
    for (JsonNode device : List.of(phone, tablet)) {
      api.ok(
          "PUT",
          "/api/v1/devices/current/push",
          device.get("token").asText(),
          WebApi.json(
              Map.of(
                  "type",
                  "webpush",
                  "endpoint",
                  "http://127.0.0.1:9/push/" + device.get("deviceId").asText(),
                  "keys",
                  Map.of("p256dh", PushKeys.p256dh(), "auth", PushKeys.auth()))));
    }
    // What the push dispatcher would have recorded: a failure on the phone, a delivery on the
    // tablet (written to the node's database as the store does).
    pushOutcome(phone.get("deviceId").asText(), 0, "HTTP 500 from the push service");
    pushOutcome(tablet.get("deviceId").asText(), System.currentTimeMillis(), null);
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
  void devicesShowPushStatus_andLogOutRevokesTheOtherDevice() throws Exception {
    click(alice, "open-settings");
    waitUntil(alice, d -> byTestId(d, "settings-page").isDisplayed());
    assertThat(alice.getCurrentUrl()).endsWith("#/settings");
    waitUntil(alice, d -> d.findElements(testId("device")).size() == 3);
    WebElement current = device("true");
    assertThat(byTestIdIn(current, "device-current").getText())
        .isEqualToIgnoringCase("this device");
    assertThat(byTestIdIn(current, "device-push").getText()).contains("off");
    WebElement phoneRow = deviceNamed("Alice's phone");
    assertThat(phoneRow.getAttribute("data-push")).isEqualTo("failing");
    assertThat(byTestIdIn(phoneRow, "device-push").getText())
        .contains("failing: HTTP 500 from the push service");
    WebElement tabletRow = deviceNamed("Alice's tablet");
    assertThat(tabletRow.getAttribute("data-push")).isEqualTo("ok");
    assertThat(byTestIdIn(tabletRow, "device-push").getText()).contains("last delivered today");
    assertThat(byTestIdIn(tabletRow, "device-active").getText()).startsWith("Last active today");
    screenshot("settings-desktop.png", true);

    // Log the tablet out: a confirmation, then its token stops working.
    byTestIdIn(tabletRow, "device-logout").click();
    waitUntil(alice, d -> byTestId(d, "confirm-device-logout").isDisplayed());
    click(alice, "confirm-ok");
    waitUntil(alice, d -> d.findElements(testId("device")).size() == 2);
    assertThat(api.send("GET", "/api/v1/users/me", tablet.get("token").asText(), null).statusCode())
        .isEqualTo(401);
  }

  @Test
  @Order(2)
  void profileNameAndPicture_showInTheHeader_andOthersSeeThem() throws Exception {
    WebElement name = byTestId(alice, "profile-name");
    assertThat(name.getAttribute("value")).isEqualTo("Alice Martin");
    name.clear();
    name.sendKeys("Alice M.");
    click(alice, "profile-form-submit");
    waitUntil(alice, d -> "Alice M.".equals(byTestId(d, "me-name").getText()));
    assertThat(byTestId(alice, "profile-form-note").getText()).isEqualTo("Saved.");

    // Not a picture: refused in the page, nothing uploaded.
    Path text = Files.writeString(tempDir.resolve("notes.txt"), "not a picture");
    byTestId(alice, "avatar-input").sendKeys(text.toString());
    waitUntil(alice, d -> byTestId(d, "avatar-error").isDisplayed());
    assertThat(byTestId(alice, "avatar-error").getText()).contains("Choose a picture");

    Path pic = Files.write(tempDir.resolve("me.png"), MediaSamples.png(64, 64));
    byTestId(alice, "avatar-input").sendKeys(pic.toString());
    waitUntil(
        alice, d -> "image".equals(byTestId(d, "profile-avatar").getAttribute("data-avatar")));
    waitUntil(
        alice, d -> "image".equals(d.findElement(By.id("me-avatar")).getAttribute("data-avatar")));
    assertThat(byTestId(alice, "avatar-error").isDisplayed()).isFalse();
    JsonNode seen = api.ok("GET", "/api/v1/users/" + aliceId, bob.get("token").asText(), null);
    assertThat(seen.get("displayName").asText()).isEqualTo("Alice M.");
    String avatar = seen.get("avatar").asText();
    assertThat(
            api.send("GET", "/api/v1/media/" + avatar, bob.get("token").asText(), null)
                .statusCode())
        .isEqualTo(200);

    // Bob's picture shows on his row in Alice's chat list.
    JsonNode media = api.upload(bob.get("token").asText(), MediaSamples.png(48, 48), "image/png");
    api.ok(
        "PATCH",
        "/api/v1/users/me",
        bob.get("token").asText(),
        WebApi.json(Map.of("avatar", media.get("id").asText())));
    alice.navigate().refresh();
    waitUntil(alice, d -> byTestId(d, "settings-page").isDisplayed());
    waitUntil(
        alice,
        d ->
            "image"
                .equals(
                    item(d, "Bob Stone")
                        .findElement(By.cssSelector(".avatar"))
                        .getAttribute("data-avatar")));

    click(alice, "avatar-remove");
    waitUntil(
        alice, d -> "initials".equals(byTestId(d, "profile-avatar").getAttribute("data-avatar")));
    assertThat(api.ok("GET", "/api/v1/users/me", token(alice), null).has("avatar")).isFalse();
  }

  @Test
  @Order(3)
  void blockFromTheChat_listedInSettings_andUnblock() throws Exception {
    openChat(alice, "Bob Stone");
    click(alice, "chat-menu-button");
    click(alice, "chat-block");
    waitUntil(alice, d -> byTestId(d, "confirm-block").isDisplayed());
    click(alice, "confirm-ok");
    waitUntil(alice, d -> blocks().size() == 1);
    click(alice, "open-settings");
    waitUntil(alice, d -> d.findElements(testId("blocked-user")).size() == 1);
    WebElement row = alice.findElement(testId("blocked-user"));
    assertThat(row.getText()).contains("Bob Stone").contains("@bob");
    byTestIdIn(row, "unblock").click();
    waitUntil(alice, d -> byTestId(d, "blocked-none").isDisplayed());
    assertThat(blocks()).isEmpty();
  }

  @Test
  @Order(4)
  void changePassword_refusesAWrongOne_thenLogsOutTheOtherDevices() throws Exception {
    type(alice, "password-old", "not my password");
    type(alice, "password-new", "a brand new secret");
    type(alice, "password-again", "a brand new secret");
    click(alice, "password-form-submit");
    waitUntil(alice, d -> byTestId(d, "password-form-error").isDisplayed());
    assertThat(byTestId(alice, "password-form-error").getText())
        .isEqualTo("The old password is wrong.");
    assertThat(api.send("GET", "/api/v1/users/me", phone.get("token").asText(), null).statusCode())
        .isEqualTo(200);

    WebElement old = byTestId(alice, "password-old");
    old.clear();
    old.sendKeys(BrowserSupport.PASSWORD);
    click(alice, "password-form-submit");
    waitUntil(alice, d -> byTestId(d, "password-form-note").isDisplayed());
    assertThat(byTestId(alice, "password-form-error").isDisplayed()).isFalse();
    assertThat(api.send("GET", "/api/v1/users/me", phone.get("token").asText(), null).statusCode())
        .isEqualTo(401);
    waitUntil(alice, d -> d.findElements(testId("device")).size() == 1);
    assertThat(byTestId(alice, "conn-status").getAttribute("data-state")).isEqualTo("online");
  }

  @Test
  @Order(5)
  void downloadMyData_savesTheExportAsAFile() throws Exception {
    Path downloads = Files.createDirectories(tempDir.resolve("downloads"));
    alice.executeCdpCommand(
        "Browser.setDownloadBehavior",
        Map.of("behavior", "allow", "downloadPath", downloads.toString()));
    click(alice, "export-data");
    Path file =
        waitUntil(
            alice,
            d -> {
              try (var files = Files.list(downloads)) {
                return files
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .findFirst()
                    .orElse(null);
              } catch (java.io.IOException e) {
                return null;
              }
            });
    assertThat(file.getFileName().toString()).startsWith("messenger-export-alice-");
    JsonNode doc = waitUntil(alice, d -> parseOrNull(file));
    assertThat(doc.get("user").get("username").asText()).isEqualTo("alice");
    assertThat(doc.has("devices")).isTrue();
    assertThat(doc.has("conversations")).isTrue();
  }

  @Test
  @Order(6)
  void onAPhone_settingsTakeTheScreen_withoutOverflow_andBackReturnsToTheList() throws Exception {
    alice.manage().window().setSize(new Dimension(390, 844));
    waitUntil(alice, d -> byTestId(d, "settings-page").isDisplayed());
    assertThat(byTestId(alice, "conversation-list").isDisplayed()).isFalse();
    assertThat(overflow()).as("settings wider than the screen").isFalse();
    screenshot("settings-phone.png", false);
    click(alice, "settings-back");
    waitUntil(alice, d -> byTestId(d, "conversation-list").isDisplayed());
    assertThat(byTestId(alice, "settings-page").isDisplayed()).isFalse();
    click(alice, "open-settings");
    waitUntil(alice, d -> byTestId(d, "settings-page").isDisplayed());
    alice.manage().window().setSize(new Dimension(1280, 900));
  }

  @Test
  @Order(7)
  void deleteAccount_needsTheUsernameAndPassword_thenReturnsToSignIn() throws Exception {
    click(alice, "delete-account");
    waitUntil(alice, d -> byTestId(d, "confirm-delete-account").isDisplayed());
    assertThat(byTestId(alice, "confirm-ok").isEnabled()).isFalse();
    type(alice, "delete-confirm-username", "alice");
    waitUntil(alice, d -> byTestId(d, "confirm-ok").isEnabled());
    type(alice, "delete-confirm-password", "wrong password");
    click(alice, "confirm-ok");
    waitUntil(alice, d -> byTestId(d, "confirm-error").isDisplayed());
    assertThat(byTestId(alice, "confirm-error").getText()).isEqualTo("The password is wrong.");
    assertThat(
            api.ok("GET", "/api/v1/users/" + aliceId, bob.get("token").asText(), null)
                .has("deleted"))
        .isFalse();

    WebElement pw = byTestId(alice, "delete-confirm-password");
    pw.clear();
    pw.sendKeys("a brand new secret");
    click(alice, "confirm-ok");
    waitUntil(alice, d -> byTestId(d, "auth-submit").isDisplayed());
    assertThat(byTestId(alice, "auth-error").getText()).isEqualTo("Your account was deleted.");
    JsonNode gone = api.ok("GET", "/api/v1/users/" + aliceId, bob.get("token").asText(), null);
    assertThat(gone.get("deleted").asBoolean()).isTrue();
  }

  // ---- helpers ----

  private WebElement device(String current) {
    for (WebElement e : alice.findElements(testId("device"))) {
      if (current.equals(e.getAttribute("data-current"))) {
        return e;
      }
    }
    throw new AssertionError("no device with current=" + current);
  }

  private WebElement deviceNamed(String name) {
    for (WebElement e : alice.findElements(testId("device"))) {
      if (byTestIdIn(e, "device-name").getText().startsWith(name)) {
        return e;
      }
    }
    throw new AssertionError("no device " + name);
  }

  private List<JsonNode> blocks() {
    try {
      JsonNode res = api.ok("GET", "/api/v1/blocks", token(alice), null);
      List<JsonNode> out = new java.util.ArrayList<>();
      res.get("blocks").forEach(out::add);
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parseOrNull(Path file) {
    try {
      return WebApi.parse(Files.readString(file));
    } catch (Exception e) {
      return null; // still being written
    }
  }

  private void pushOutcome(String deviceId, long successAt, String error) throws Exception {
    String url = "jdbc:sqlite:" + node.dataDir().resolve("messenger.db");
    try (var c = DriverManager.getConnection(url);
        var ps =
            c.prepareStatement(
                "UPDATE devices SET push_last_success_at = ?, push_last_error = ? WHERE id = ?")) {
      ps.setLong(1, successAt);
      ps.setString(2, error);
      ps.setString(3, deviceId);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  private boolean overflow() {
    return (Boolean)
        js(alice)
            .executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth"
                    + " || document.body.scrollWidth > window.innerWidth;");
  }

  private void screenshot(String name, boolean publish) throws Exception {
    byte[] png = alice.getScreenshotAs(OutputType.BYTES);
    Path dir = Files.createDirectories(Path.of("target", "web-screenshots"));
    Files.write(dir.resolve(name), png);
    String extra = System.getProperty("messenger.settingsScreenshot");
    if (publish && extra != null && !extra.isBlank()) {
      Files.write(Path.of(extra), png);
    }
  }
}
