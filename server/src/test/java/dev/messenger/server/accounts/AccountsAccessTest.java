package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.messenger.client.AdminClient;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The authorization matrix of the endpoints of PROTOCOL.md sections 6 and 8, each called by every
 * kind of caller: no token, a user's token, an admin key, a suspended user's token, a revoked
 * device's token and a token past {@code session-idle-timeout}. User routes: 401 without a valid
 * token and for an admin key, 403 for a suspended user. Admin routes: 401 for anything but an admin
 * key. Every allowed call gets its documented success status; each runs against fresh users, so
 * destructive ones (erasure, suspension) touch nothing else.
 */
class AccountsAccessTest {
  private static final Duration IDLE = Duration.ofSeconds(2);
  private static TestNode node;
  private static HttpClient http;
  private static String revokedToken;
  private static String expiredToken;

  enum Caller {
    NONE,
    USER,
    ADMIN,
    SUSPENDED,
    REVOKED,
    EXPIRED
  }

  record Row(String method, String path, String body, int userStatus, boolean admin) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("GET", "/api/v1/devices", null, 200, false),
          new Row("DELETE", "/api/v1/devices/{device}", null, 204, false),
          new Row(
              "PUT",
              "/api/v1/users/me/password",
              "{\"oldPassword\":\"{password}\",\"newPassword\":\"a new password\"}",
              204,
              false),
          new Row("GET", "/api/v1/users/me", null, 200, false),
          new Row("PATCH", "/api/v1/users/me", "{\"displayName\":\"New\"}", 200, false),
          new Row("GET", "/api/v1/blocks", null, 200, false),
          new Row("PUT", "/api/v1/blocks/{other}", null, 204, false),
          new Row("DELETE", "/api/v1/blocks/{other}", null, 204, false),
          new Row("GET", "/api/v1/users/me/export", null, 200, false),
          new Row("DELETE", "/api/v1/users/me", "{\"password\":\"{password}\"}", 204, false),
          new Row(
              "POST",
              "/api/v1/admin/users",
              "{\"username\":\"{fresh}\",\"externalId\":\"{fresh}\"}",
              201,
              true),
          new Row("GET", "/api/v1/admin/users?externalId={ext}", null, 200, true),
          new Row("POST", "/api/v1/admin/users/{victim}/sessions", "{}", 201, true),
          new Row("POST", "/api/v1/admin/users/{victim}/suspend", null, 204, true),
          new Row("POST", "/api/v1/admin/users/{victim}/unsuspend", null, 204, true),
          new Row("DELETE", "/api/v1/admin/users/{victim}", null, 204, true),
          new Row("GET", "/api/v1/admin/users/{victim}/export", null, 200, true),
          new Row(
              "POST",
              "/api/v1/admin/conversations",
              "{\"kind\":\"group\",\"name\":\"n\",\"creatorId\":\"{victim}\",\"memberIds\":[]}",
              201,
              true),
          new Row(
              "POST",
              "/api/v1/admin/conversations/{group}/messages",
              "{\"senderId\":\"{victim}\",\"clientId\":\"c\",\"body\":\"hi\"}",
              201,
              true),
          new Row("GET", "/api/v1/admin/stats", null, 200, true));

  @BeforeAll
  static void world() throws Exception {
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(
                    b ->
                        b.set(AccountSettings.ADMIN_API_KEYS, Secret.of(AdminApiE2ETest.KEY))
                            .set(AccountSettings.SESSION_IDLE_TIMEOUT, IDLE)));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    TestUser revoked = node.newUser("rev");
    revoked.http().logout();
    revokedToken = revoked.http().token();
    expiredToken = node.newUser("exp").http().token();
    Thread.sleep(IDLE.toMillis() + 700);
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @TestFactory
  Stream<DynamicTest> everyEndpoint_asEveryCaller() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Row row : ROWS) {
      for (Caller caller : Caller.values()) {
        int expected = expected(row, caller);
        tests.add(
            dynamicTest(
                row.method() + " " + row.path() + " as " + caller + " -> " + expected,
                () -> assertThat(call(row, caller)).isEqualTo(expected)));
      }
    }
    return tests.stream();
  }

  private static int expected(Row row, Caller caller) {
    return switch (caller) {
      case NONE, REVOKED, EXPIRED -> 401;
      case ADMIN -> row.admin() ? row.userStatus() : 401;
      case USER -> row.admin() ? 401 : row.userStatus();
      case SUSPENDED -> row.admin() ? 401 : 403;
    };
  }

  /** Carries out one row as {@code caller} against fresh users; returns the status. */
  private static int call(Row row, Caller caller) throws Exception {
    AdminClient admin = new AdminClient(node.uri(), AdminApiE2ETest.KEY);
    String all = row.path() + row.body();
    Map<String, String> vars = new HashMap<>();
    TestUser user = node.newUser("acc");
    vars.put("{password}", user.password());
    vars.put("{fresh}", ("f" + System.nanoTime() % 100_000_000).toLowerCase());
    if (all.contains("{device}")) {
      vars.put("{device}", node.newDevice(user).deviceId());
    }
    if (all.contains("{other}")) {
      vars.put("{other}", node.newUser("oth").id());
    }
    if (all.contains("{ext}")) {
      String ext = "ext-" + System.nanoTime();
      admin.createUser(("x" + System.nanoTime() % 10_000_000).toLowerCase(), null, null, ext);
      vars.put("{ext}", ext);
    }
    if (all.contains("{victim}") || all.contains("{group}")) {
      TestUser victim = node.newUser("vic");
      vars.put("{victim}", victim.id());
      vars.put("{group}", admin.createGroup("g", victim.id(), List.of()).id());
    }
    if (caller == Caller.SUSPENDED) {
      // Suspended just now, so that its token is not also past the idle timeout.
      admin.suspend(user.id());
    }
    String path = fill(row.path(), vars);
    String body = row.body() == null ? null : fill(row.body(), vars);
    String token =
        switch (caller) {
          case NONE -> null;
          case USER, SUSPENDED -> user.http().token();
          case ADMIN -> AdminApiE2ETest.KEY;
          case REVOKED -> revokedToken;
          case EXPIRED -> expiredToken;
        };
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(node.uri() + path));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      req.header("Content-Type", "application/json")
          .method(row.method(), HttpRequest.BodyPublishers.ofString(body));
    } else {
      req.method(row.method(), HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() >= 400) {
      assertThat(res.body()).contains("\"error\"").doesNotContain("Exception");
    }
    return res.statusCode();
  }

  private static String fill(String s, Map<String, String> vars) {
    for (var e : vars.entrySet()) {
      s = s.replace(e.getKey(), e.getValue());
    }
    return s;
  }
}
