package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.AccountClient;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.ServerProcess;
import dev.messenger.server.media.MediaSamples;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Erasure is one durable operation (PROTOCOL.md section 8): a node in its own JVM is killed with
 * SIGKILL while it erases a user who is in 300 groups, once the first {@code member_left} was
 * heard; the store then shows the erasure half done (pending, some groups left, others not), and
 * after a restart the node finishes it by itself: every group left, the messages erased, the media
 * bytes deleted, nothing pending.
 */
class ErasureCrashE2ETest {
  private static final int GROUPS = 300;
  private static final Duration T = Duration.ofSeconds(30);

  @Test
  void kill9_midErasure_isFinishedAfterRestart() throws Exception {
    Path dir = Files.createTempDirectory("messenger-erasure-crash");
    String eveId;
    String firstGroup;
    String password = "password-eve";
    try (ServerProcess server = ServerProcess.start(dir)) {
      MessengerClient anon = new MessengerClient(URI.create("http://127.0.0.1:" + server.port()));
      anon.register("crash_eve", password, null);
      anon.register("crash_bob", "password-bob", null);
      LoginResult e = anon.login("crash_eve", password, null);
      LoginResult b = anon.login("crash_bob", "password-bob", null);
      eveId = e.userId();
      MessengerClient eve = anon.withToken(e.token());
      MessengerClient bob = anon.withToken(b.token());
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < GROUPS; i++) {
        groups.add(bob.createGroup("g" + i, List.of(eveId)).id());
      }
      firstGroup = groups.get(0);
      String mediaId = eve.uploadMedia(MediaSamples.png(6, 6), "image/png").id();
      eve.postMessage(firstGroup, "e-1", "to be erased", List.of(mediaId));
      assertThat(mediaFiles(dir)).isPositive();

      RecordingSocket watch = RecordingSocket.open(bob);
      Thread eraser =
          new Thread(
              () -> {
                try {
                  new AccountClient(eve).deleteAccount(password);
                } catch (RuntimeException killed) {
                  // The node dies under it.
                }
              });
      eraser.start();
      watch.await(f -> "member_left".equals(f.path("event").path("action").asText()), T);
      server.kill();
      eraser.join(T.toMillis());
    }

    // Half done, as the store shows it.
    try (Connection c = sqlite(dir)) {
      assertThat(count(c, "SELECT COUNT(*) FROM erasures WHERE user_id = ?", eveId)).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM users WHERE id = ? AND deleted_at > 0", eveId))
          .isEqualTo(1);
      long still = activeGroups(c, eveId);
      System.out.println(
          "ErasureCrashE2ETest: killed with " + still + " of " + GROUPS + " groups left to leave");
      assertThat(still).as("groups eve is still in after the kill").isBetween(1L, GROUPS - 1L);
    }

    try (ServerProcess again = ServerProcess.start(dir)) {
      long deadline = System.nanoTime() + T.toNanos();
      long pending;
      do {
        Thread.sleep(100);
        try (Connection c = sqlite(dir)) {
          pending = count(c, "SELECT COUNT(*) FROM erasures", null);
        }
      } while (pending > 0 && System.nanoTime() < deadline);
      assertThat(pending).isZero();
      try (Connection c = sqlite(dir)) {
        assertThat(activeGroups(c, eveId)).isZero();
        assertThat(
                count(
                    c,
                    "SELECT COUNT(*) FROM messages WHERE sender_id = ? AND kind = 'text'"
                        + " AND (deleted = 0 OR body <> '')",
                    eveId))
            .isZero();
        assertThat(count(c, "SELECT COUNT(*) FROM media WHERE owner_id = ?", eveId)).isZero();
        assertThat(
                count(
                    c, "SELECT COUNT(*) FROM devices WHERE user_id = ? AND revoked_at = 0", eveId))
            .isZero();
      }
      assertThat(mediaFiles(dir)).isZero();
      MessengerClient anon = new MessengerClient(URI.create("http://127.0.0.1:" + again.port()));
      MessengerClient bob = anon.loginAs("crash_bob", "password-bob");
      assertThat(bob.user(eveId).deleted()).isTrue();
      assertThat(bob.conversation(firstGroup).member(eveId)).isEmpty();
    }
  }

  private static Connection sqlite(Path dir) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("messenger.db"));
  }

  private static long activeGroups(Connection c, String userId) throws Exception {
    return count(
        c,
        "SELECT COUNT(*) FROM members m JOIN conversations k ON k.id = m.conversation_id"
            + " WHERE m.user_id = ? AND m.left_seq = 0 AND k.kind = 'group'",
        userId);
  }

  private static long count(Connection c, String sql, String param) throws Exception {
    try (var ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static long mediaFiles(Path dir) throws Exception {
    Path media = dir.resolve("media");
    if (!Files.exists(media)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(media)) {
      return s.filter(Files::isRegularFile).count();
    }
  }
}
