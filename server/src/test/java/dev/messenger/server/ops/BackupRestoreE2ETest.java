package dev.messenger.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.HistoryPage;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.media.MediaSamples;
import dev.messenger.server.settings.NodeSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code backup} taken while four sockets send as fast as they are acknowledged, {@code restore}
 * into a new data dir, and a node on it: every message acknowledged before the backup began is
 * there, every conversation's history is gap-free up to its lastSeq, tokens, media and the VAPID
 * key survive; restore refuses a data dir in use and a damaged file.
 */
class BackupRestoreE2ETest {
  private record Ack(String conversationId, long seq, String body) {}

  @Test
  void backupDuringSends_restoredToNewDir_hasEveryAcknowledgedMessage() throws Exception {
    Path work = Files.createTempDirectory("backup-test");
    Path file = work.resolve("messenger.backup");
    Path restored = work.resolve("restored");
    List<Ack> ackedBefore;
    String aliceToken;
    String mediaId;
    String vapid;
    List<String> conversations = new ArrayList<>();
    byte[] png = MediaSamples.png(32, 32);
    int afterBackup;
    try (TestNode node = TestNode.start()) {
      TestUser alice = node.newUser("alice");
      List<TestUser> others =
          List.of(node.newUser("bob"), node.newUser("carol"), node.newUser("dan"));
      aliceToken = alice.http().token();
      mediaId = alice.http().uploadMedia(png, "image/png").id();
      vapid = alice.http().vapidPublicKey();
      Queue<Ack> acked = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> senders = new ArrayList<>();
      for (TestUser other : others) {
        String conv = alice.http().openDirect(other.id()).id();
        conversations.add(conv);
        Thread t =
            new Thread(() -> sendUntil(other, conv, stop, acked), "sender-" + other.username());
        senders.add(t);
        t.start();
      }
      while (acked.size() < 300) {
        Thread.sleep(20);
      }
      ackedBefore = List.copyOf(acked);
      int code = run("backup", "--data-dir=" + node.dataDir(), "--to=" + file);
      assertThat(code).isEqualTo(0);
      afterBackup = acked.size() - ackedBefore.size();
      System.out.println(
          lastOut.strip()
              + "; acknowledged before: "
              + ackedBefore.size()
              + ", during and after: "
              + afterBackup);
      stop.set(true);
      for (Thread t : senders) {
        t.join(30_000);
      }
      // Restore never writes into a data dir in use, and leaves it as it was.
      long before = Files.size(node.dataDir().resolve("messenger.db"));
      assertThat(run("restore", "--from=" + file, "--data-dir=" + node.dataDir())).isEqualTo(1);
      assertThat(lastErr).contains("holds a store");
      assertThat(Files.size(node.dataDir().resolve("messenger.db"))).isGreaterThanOrEqualTo(before);
    }
    assertThat(afterBackup).as("sends went on while the backup ran").isGreaterThan(0);

    assertThat(run("restore", "--from=" + file, "--data-dir=" + restored)).isEqualTo(0);
    assertThat(lastOut).contains("checked against SHA256SUMS");
    try (TestNode node =
        TestNode.start(TestNode.testSettings().with(NodeSettings.DATA_DIR, restored))) {
      MessengerClient alice = node.anonymous().withToken(aliceToken); // the token still works
      Map<String, Map<Long, String>> history = new HashMap<>();
      for (String conv : conversations) {
        Map<Long, String> bySeq = new HashMap<>();
        for (MessageView m : all(alice, conv)) {
          bySeq.put(m.seq(), m.body());
        }
        long lastSeq = alice.conversation(conv).lastSeq();
        assertThat(bySeq.keySet()).as("no gaps in " + conv).hasSize((int) lastSeq);
        history.put(conv, bySeq);
      }
      for (Ack a : ackedBefore) {
        assertThat(history.get(a.conversationId()).get(a.seq()))
            .as("acknowledged before the backup: %s", a)
            .isEqualTo(a.body());
      }
      assertThat(alice.downloadMedia(mediaId, false)).isEqualTo(png);
      assertThat(alice.vapidPublicKey()).isEqualTo(vapid);
    }
  }

  @Test
  void restore_refusesDamagedFile_andLeavesNothing() throws Exception {
    Path work = Files.createTempDirectory("backup-damaged");
    Path file = work.resolve("b.zip");
    try (TestNode node = TestNode.start()) {
      node.newUser("erin");
      assertThat(run("backup", "--data-dir=" + node.dataDir(), "--to=" + file)).isEqualTo(0);
      // A second backup never overwrites the first.
      assertThat(run("backup", "--data-dir=" + node.dataDir(), "--to=" + file)).isEqualTo(1);
      assertThat(lastErr).contains("never overwrites");
    }
    byte[] bytes = Files.readAllBytes(file);
    Path truncated = work.resolve("truncated.zip");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(run("restore", "--from=" + truncated, "--data-dir=" + work.resolve("x")))
        .isEqualTo(1);
    assertThat(work.resolve("x")).doesNotExist();
    assertThat(run("restore", "--from=" + work.resolve("none"), "--data-dir=" + work.resolve("y")))
        .isEqualTo(1);
    assertThat(lastErr).contains("no backup file");
    assertThat(run("restore", "--from=" + file)).isEqualTo(2); // --data-dir missing
  }

  private static void sendUntil(TestUser user, String conv, AtomicBoolean stop, Queue<Ack> acked) {
    Semaphore window = new Semaphore(16);
    try (RecordingSocket s = user.connect()) {
      for (int i = 0; !stop.get(); i++) {
        window.acquire();
        String body = user.username() + " #" + i;
        CompletableFuture<JsonNode> f = s.send(conv, user.username() + "-" + i, body);
        f.whenComplete(
            (sent, err) -> {
              window.release();
              if (sent != null && "sent".equals(sent.path("type").asText())) {
                acked.add(new Ack(conv, sent.get("seq").asLong(), body));
              }
            });
      }
      window.tryAcquire(16, 10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<MessageView> all(MessengerClient c, String conv) {
    List<MessageView> out = new ArrayList<>();
    long after = 0;
    while (true) {
      HistoryPage page = c.history(conv, null, after, 100);
      out.addAll(page.messages());
      if (page.messages().isEmpty()) {
        return out;
      }
      after = page.messages().get(page.messages().size() - 1).seq();
    }
  }

  private String lastOut = "";
  private String lastErr = "";

  private int run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        OpsCommands.run(
            Map.of(),
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    lastOut = out.toString(StandardCharsets.UTF_8);
    lastErr = err.toString(StandardCharsets.UTF_8);
    return code;
  }
}
