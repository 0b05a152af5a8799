package dev.messenger.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.MessengerNode;
import dev.messenger.server.ServerProcess;
import dev.messenger.server.TestNode;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.ClusterSettings;
import dev.messenger.server.settings.Settings;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Faults in cluster mode: a node killed with SIGKILL mid-traffic, and NATS restarted mid-traffic.
 * Nothing acknowledged is lost; clients end up with every message exactly once.
 */
class ClusterFailoverE2ETest {

  private static Settings nodeSettings(String db, String natsUrl, String id) throws Exception {
    return TestNode.testSettings()
        .with(ClusterSettings.PRESENCE_HEARTBEAT, Duration.ofMillis(500))
        .with(TestNode.postgres(db, BusKind.NATS, natsUrl, id + System.nanoTime() % 100000));
  }

  @Test
  void natsRestartedMidTraffic_connectedClientsStillReceiveEveryAcknowledgedMessage()
      throws Exception {
    ClusterServices.require();
    String db = ClusterServices.newDatabase();
    try (ClusterServices.PrivateNats nats = new ClusterServices.PrivateNats()) {
      MessengerNode n1 = new MessengerNode(nodeSettings(db, nats.url(), "na"));
      MessengerNode n2 = new MessengerNode(nodeSettings(db, nats.url(), "nb"));
      URI u1 = URI.create("http://127.0.0.1:" + n1.start());
      URI u2 = URI.create("http://127.0.0.1:" + n2.start());
      try {
        MessengerClient anon = new MessengerClient(u1);
        anon.register("nr_alice", "password-a", null);
        anon.register("nr_bob", "password-b", null);
        LoginResult a = anon.login("nr_alice", "password-a", null);
        LoginResult b = new MessengerClient(u2).login("nr_bob", "password-b", null);
        MessengerClient alice = anon.withToken(a.token());
        String cid = alice.openDirect(b.userId()).id();
        try (RecordingSocket sa = RecordingSocket.open(alice);
            RecordingSocket sb =
                RecordingSocket.open(new MessengerClient(u2).withToken(b.token()))) {
          List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
          for (int i = 1; i <= 100; i++) {
            replies.add(sa.send(cid, "nr-" + i, "m" + i));
          }
          sb.awaitCount("message", 100, Duration.ofSeconds(15));
          nats.stop();
          // Sent while NATS is down: stored and acknowledged, but the doorbells are lost.
          for (int i = 101; i <= 200; i++) {
            replies.add(sa.send(cid, "nr-" + i, "m" + i));
          }
          for (var r : replies) {
            assertThat(r.get(15, TimeUnit.SECONDS).get("type").asText()).isEqualTo("sent");
          }
          nats.start();
          // After the reconnect the nodes re-check the store and fill the gap.
          List<JsonNode> got = sb.awaitCount("message", 200, Duration.ofSeconds(30));
          for (int i = 0; i < 200; i++) {
            assertThat(got.get(i).get("seq").asLong()).isEqualTo(i + 1);
          }
          // And live traffic flows again, in order, with no duplicates.
          sa.send(cid, "nr-201", "after").get(10, TimeUnit.SECONDS);
          JsonNode last =
              sb.await(
                  f -> "message".equals(f.path("type").asText()) && f.path("seq").asLong() == 201,
                  Duration.ofSeconds(15));
          assertThat(last.get("body").asText()).isEqualTo("after");
          assertThat(sb.frames("message")).hasSize(201);
        }
      } finally {
        n1.close();
        n2.close();
        ClusterServices.dropDatabase(db);
      }
    }
  }

  @Test
  void nodeKilledMidTraffic_clientsReconnectElsewhere_andSyncEverythingExactlyOnce()
      throws Exception {
    ClusterServices.require();
    String db = ClusterServices.newDatabase();
    MessengerNode survivor = new MessengerNode(nodeSettings(db, ClusterServices.NATS, "ks"));
    URI survivorUri = URI.create("http://127.0.0.1:" + survivor.start());
    try (ServerProcess victim =
        ServerProcess.start(
            Files.createTempDirectory("victim"),
            "--store=postgres",
            "--postgres-url=" + db,
            "--bus=nats",
            "--presence-heartbeat=500ms",
            "--presence-grace=300ms")) {
      URI victimUri = URI.create("http://127.0.0.1:" + victim.port());
      MessengerClient anon = new MessengerClient(survivorUri);
      anon.register("kill_alice", "password-a", null);
      anon.register("kill_bob", "password-b", null);
      LoginResult a = new MessengerClient(victimUri).login("kill_alice", "password-a", null);
      LoginResult b = anon.login("kill_bob", "password-b", null);
      MessengerClient aliceOnVictim = new MessengerClient(victimUri).withToken(a.token());
      String cid = aliceOnVictim.openDirect(b.userId()).id();
      MessengerClient bob = anon.withToken(b.token());
      Map<Long, String> acked = new ConcurrentHashMap<>();
      try (RecordingSocket sb = RecordingSocket.open(bob)) {
        sb.subscribePresence(List.of(a.userId()));
        RecordingSocket sa = RecordingSocket.open(aliceOnVictim);
        sb.await(
            f ->
                "presence".equals(f.path("type").asText())
                    && "online".equals(f.path("status").asText()),
            Duration.ofSeconds(10));
        Semaphore window = new Semaphore(10);
        CompletableFuture<Void> enough = new CompletableFuture<>();
        Thread sender =
            new Thread(
                () -> {
                  for (int i = 1; i <= 1000 && !enough.isDone(); i++) {
                    String clientId = "k-" + i;
                    window.acquireUninterruptibly();
                    sa.send(cid, clientId, "m" + i)
                        .whenComplete(
                            (r, err) -> {
                              window.release();
                              if (r != null && "sent".equals(r.path("type").asText())) {
                                acked.put(r.get("seq").asLong(), clientId);
                                if (acked.size() >= 200) {
                                  enough.complete(null);
                                }
                              }
                            });
                  }
                });
        sender.start();
        enough.get(60, TimeUnit.SECONDS);
        long killedAt = System.nanoTime();
        victim.kill();
        sa.closeCode().get(10, TimeUnit.SECONDS);
        sender.join(10_000);

        // Alice's client reconnects to the surviving node and syncs.
        MessengerClient aliceOnSurvivor = new MessengerClient(survivorUri).withToken(a.token());
        try (RecordingSocket again = RecordingSocket.open(aliceOnSurvivor)) {
          JsonNode synced = again.sync();
          long lastSeq = synced.get("conversations").get(0).get("lastSeq").asLong();
          List<MessageView> all = new ArrayList<>();
          long after = 0;
          while (true) {
            var page = aliceOnSurvivor.history(cid, null, after, 200);
            all.addAll(page.messages());
            if (!page.hasMore()) {
              break;
            }
            after = page.messages().get(page.messages().size() - 1).seq();
          }
          long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
          System.out.println(
              "failover (kill -> reconnected and synced): " + failoverMillis + " ms");
          assertThat(all).hasSize((int) lastSeq);
          Set<String> clientIds = new HashSet<>();
          for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).seq()).isEqualTo(i + 1);
            assertThat(clientIds.add(all.get(i).clientId())).isTrue();
          }
          acked.forEach(
              (seq, clientId) ->
                  assertThat(all.get((int) (seq - 1)).clientId()).isEqualTo(clientId));
          // Bob, on the survivor, got every acknowledged message live, in order.
          List<JsonNode> got = sb.awaitCount("message", acked.size(), Duration.ofSeconds(15));
          for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).get("seq").asLong()).isEqualTo(i + 1);
          }
        }
        // Alice's only connection was on the dead node: she goes offline within the bound.
        JsonNode offline =
            sb.await(
                f ->
                    "presence".equals(f.path("type").asText())
                        && "offline".equals(f.path("status").asText()),
                Duration.ofSeconds(20));
        assertThat(offline.get("userId").asText()).isEqualTo(a.userId());
      }
    } finally {
      survivor.close();
      ClusterServices.dropDatabase(db);
    }
  }
}
