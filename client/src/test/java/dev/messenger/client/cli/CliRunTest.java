package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.FakeHttpServer;
import dev.messenger.client.Json;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(20)
class CliRunTest {
  private static final long NOON = 1714564800000L;

  @TempDir Path dir;
  private FakeHttpServer server;
  private Path profile;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    server = new FakeHttpServer();
    profile = dir.resolve("alice.json");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String stdin, String... args) {
    Cli cli =
        new Cli()
            .withInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
            .withClock(Clock.fixed(Instant.ofEpochMilli(NOON), ZoneOffset.UTC));
    CommandLine cl = Cli.commandLine(cli);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + profile;
    all[1] = "--server=" + server.uri();
    System.arraycopy(args, 0, all, 2, args.length);
    return cl.execute(all);
  }

  private void loggedIn() {
    new Profile(server.uri().toString(), "alice", "u1", "d1", "tok").save(profile);
  }

  @Test
  void command_withoutLogin_exits1WithHint() {
    assertThat(run("", "conversations")).isEqualTo(1);
    assertThat(err.toString()).contains("not logged in");
  }

  @Test
  void login_passwordFromInput_savesProfile() {
    server.answer(201, "{\"token\":\"tok\",\"userId\":\"u1\",\"deviceId\":\"d1\"}");

    assertThat(run("secret-pass\n", "login", "alice")).isEqualTo(0);

    assertThat(Json.parse(server.last().body()).path("password").asText()).isEqualTo("secret-pass");
    assertThat(Profile.load(profile))
        .isEqualTo(new Profile(server.uri().toString(), "alice", "u1", "d1", "tok"));
    assertThat(out.toString()).contains("logged in as alice");
  }

  @Test
  void serverError_exits1WithCode() {
    server.answer(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"wrong password\"}}");

    assertThat(run("", "login", "alice", "--password=nope-nope")).isEqualTo(1);
    assertThat(err.toString()).contains("unauthorized").contains("wrong password");
  }

  @Test
  void send_toUsername_opensDirectAndPosts() {
    loggedIn();
    server
        .answer(200, "{\"id\":\"u2\",\"username\":\"bob\",\"displayName\":\"Bob\"}")
        .answer(
            201,
            "{\"id\":\"c1\",\"kind\":\"direct\",\"lastSeq\":0,\"members\":["
                + "{\"userId\":\"u1\",\"role\":\"member\",\"deliveredSeq\":0,\"readSeq\":0},"
                + "{\"userId\":\"u2\",\"role\":\"member\",\"deliveredSeq\":0,\"readSeq\":0}],"
                + "\"createdAt\":1}")
        .answer(
            201,
            "{\"conversationId\":\"c1\",\"seq\":1,\"senderId\":\"u1\",\"clientId\":\"k\","
                + "\"ts\":"
                + NOON
                + ",\"kind\":\"text\",\"body\":\"hello there\"}");

    assertThat(run("", "send", "bob", "hello", "there")).isEqualTo(0);

    assertThat(server.requests())
        .extracting(FakeHttpServer.Request::pathAndQuery)
        .containsExactly(
            "/api/v1/users?username=bob",
            "/api/v1/conversations",
            "/api/v1/conversations/c1/messages");
    assertThat(server.last().authorization()).isEqualTo("Bearer tok");
    assertThat(Json.parse(server.last().body()).path("body").asText()).isEqualTo("hello there");
    assertThat(out.toString()).isEqualTo("[12:00] #1 me: hello there ✓\n");
  }

  @Test
  void conversations_showUnreadCountsAndOwnSettings() {
    loggedIn();
    server.answer(
        200,
        "{\"conversations\":[{\"id\":\"g1\",\"kind\":\"group\",\"name\":\"team\",\"lastSeq\":5,"
            + "\"members\":[{\"userId\":\"u1\",\"role\":\"admin\",\"deliveredSeq\":5,\"readSeq\":2}],"
            + "\"createdAt\":1,\"pinned\":[2,4],\"unreadCount\":3,\"mutedUntil\":"
            + (NOON + 60_000)
            + ",\"archived\":true,\"clearedSeq\":0}]}");

    assertThat(run("", "conversations")).isEqualTo(0);

    assertThat(out.toString())
        .isEqualTo("team  group  unread 3  id g1  muted  archived  pinned #2,#4\n");
  }

  @Test
  void logout_forgetsToken_evenIfAlreadyRevoked() {
    loggedIn();
    server.answer(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"x\"}}");

    assertThat(run("", "logout")).isEqualTo(0);

    assertThat(Profile.load(profile).loggedIn()).isFalse();
  }
}
