package dev.messenger.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.LoginResult;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Acknowledged means durable: a node in its own JVM is killed with SIGKILL in the middle of 1,000
 * sends; after a restart every acknowledged message is there, and seqs have no gaps.
 */
class CrashE2ETest {

  @Test
  void kill9_midStream_losesNoAcknowledgedMessage() throws Exception {
    Path dir = Files.createTempDirectory("messenger-crash");
    String conversationId;
    Map<Long, String> acked = new ConcurrentHashMap<>();
    try (ServerProcess server = ServerProcess.start(dir)) {
      MessengerClient anon = new MessengerClient(URI.create("http://127.0.0.1:" + server.port()));
      anon.register("crash_alice", "password-a", null);
      anon.register("crash_bob", "password-b", null);
      LoginResult a = anon.login("crash_alice", "password-a", null);
      LoginResult b = anon.login("crash_bob", "password-b", null);
      MessengerClient alice = anon.withToken(a.token());
      conversationId = alice.openDirect(b.userId()).id();
      RecordingSocket socket = RecordingSocket.open(alice);
      // At most 10 sends in flight, so the kill lands in the middle of the 1,000.
      Semaphore window = new Semaphore(10);
      CompletableFuture<Void> enoughAcked = new CompletableFuture<>();
      Thread sender =
          new Thread(
              () -> {
                for (int i = 1; i <= 1000 && !enoughAcked.isDone(); i++) {
                  String clientId = "crash-" + i;
                  window.acquireUninterruptibly();
                  socket
                      .send(conversationId, clientId, "body " + i)
                      .whenComplete(
                          (r, err) -> {
                            window.release();
                            if (r != null && "sent".equals(r.path("type").asText())) {
                              acked.put(r.get("seq").asLong(), clientId);
                              if (acked.size() >= 300) {
                                enoughAcked.complete(null);
                              }
                            }
                          });
                }
              },
              "crash-sender");
      sender.start();
      enoughAcked.get(60, TimeUnit.SECONDS);
      server.kill();
      socket.closeCode().get(10, TimeUnit.SECONDS);
      sender.join(10_000);
    }
    Map<Long, String> ackedSnapshot = new HashMap<>(acked);
    // Killed mid-stream: some of the 1,000 were never acknowledged.
    assertThat(ackedSnapshot).hasSizeGreaterThanOrEqualTo(300).hasSizeLessThan(1000);

    try (ServerProcess restarted = ServerProcess.start(dir)) {
      MessengerClient anon =
          new MessengerClient(URI.create("http://127.0.0.1:" + restarted.port()));
      MessengerClient alice = anon.loginAs("crash_alice", "password-a");
      long lastSeq = alice.conversation(conversationId).lastSeq();
      assertThat(lastSeq).isGreaterThanOrEqualTo(ackedSnapshot.size());
      List<MessageView> all = new ArrayList<>();
      Long after = 0L;
      while (true) {
        var page = alice.history(conversationId, null, after, 200);
        all.addAll(page.messages());
        if (!page.hasMore()) {
          break;
        }
        after = page.messages().get(page.messages().size() - 1).seq();
      }
      assertThat(all).hasSize((int) lastSeq);
      for (int i = 0; i < all.size(); i++) {
        assertThat(all.get(i).seq()).isEqualTo(i + 1);
        // Sends were pipelined in order, so seq n carries clientId crash-n.
        assertThat(all.get(i).clientId()).isEqualTo("crash-" + (i + 1));
      }
      ackedSnapshot.forEach(
          (seq, clientId) -> assertThat(all.get((int) (seq - 1)).clientId()).isEqualTo(clientId));
      // Resending an acknowledged clientId after the restart stores nothing new.
      MessageView again = alice.postMessage(conversationId, "crash-1", "body 1");
      assertThat(again.seq()).isEqualTo(1);
      assertThat(alice.conversation(conversationId).lastSeq()).isEqualTo(lastSeq);
    }
  }

  @Test
  void sigterm_closesGracefully_exit0_andKeepsEverything() throws Exception {
    Path dir = Files.createTempDirectory("messenger-term");
    String cid;
    try (ServerProcess server = ServerProcess.start(dir)) {
      MessengerClient anon = new MessengerClient(URI.create("http://127.0.0.1:" + server.port()));
      anon.register("term_a", "password-a", null);
      anon.register("term_b", "password-b", null);
      MessengerClient a = anon.loginAs("term_a", "password-a");
      String bId = a.userByUsername("term_b").id();
      cid = a.openDirect(bId).id();
      RecordingSocket s = RecordingSocket.open(a);
      for (int i = 1; i <= 50; i++) {
        s.send(cid, "t" + i, "m" + i).join();
      }
      assertThat(server.terminate()).isEqualTo(0);
      assertThat(s.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(1001);
    }
    try (ServerProcess again = ServerProcess.start(dir)) {
      MessengerClient a =
          new MessengerClient(URI.create("http://127.0.0.1:" + again.port()))
              .loginAs("term_a", "password-a");
      assertThat(a.conversation(cid).lastSeq()).isEqualTo(50);
    }
  }
}
