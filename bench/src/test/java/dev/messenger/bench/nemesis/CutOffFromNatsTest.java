package dev.messenger.bench.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.LoginResult;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.MessengerNode;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.ClusterSettings;
import dev.messenger.server.settings.LimitSettings;
import dev.messenger.server.settings.NodeSettings;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.StoreKind;
import dev.messenger.server.settings.StoreSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node cut off from NATS (through a {@link NatsProxy}) while its clients still reach it: it
 * answers not ready, acknowledges sends (PostgreSQL still answers) and loses none of them, and once
 * the cut heals the other node's devices get those messages live, in order, without a {@code sync}
 * (the cut node's outbox marks its links on reconnect and the other node asks for what it missed).
 * The heartbeat is 5 s, so the cut (a few seconds) does not make the other node take the cut one
 * for dead (which would re-check every session's store and deliver them earlier). Uses the shared
 * PostgreSQL and NATS; skipped without them, except under CI.
 */
class CutOffFromNatsTest {
  @TempDir Path tmp;

  private Settings settings(String db, String natsUrl, String id) {
    return Settings.defaults()
        .with(
            b ->
                b.set(NodeSettings.PORT, 0)
                    .set(NodeSettings.DATA_DIR, tmp.resolve(id))
                    .set(AccountSettings.ARGON2_MEMORY_KIB, 1024)
                    .set(LimitSettings.RATE_LOGINS_IP, 0)
                    .set(LimitSettings.RATE_REGISTRATIONS_IP, 0)
                    .set(StoreSettings.KIND, StoreKind.POSTGRES)
                    .set(StoreSettings.POSTGRES_URL, db)
                    .set(ClusterSettings.BUS, BusKind.NATS)
                    .set(ClusterSettings.NATS_URL, natsUrl)
                    .set(ClusterSettings.NODE_ID, id + System.nanoTime() % 100_000)
                    .set(ClusterSettings.PRESENCE_HEARTBEAT, Duration.ofSeconds(5)));
  }

  @Test
  @Timeout(120)
  void cutOffNode_isNotReady_losesNothing_andTheOthersGetItsMessagesLiveOnceHealed()
      throws Exception {
    ClusterServicesForBench.requireSharedServices();
    String db = ClusterServicesForBench.newDatabase();
    try (NatsProxy proxy = new NatsProxy(4222);
        MessengerNode cut = new MessengerNode(settings(db, proxy.url(), "cut"));
        MessengerNode other =
            new MessengerNode(settings(db, ClusterServicesForBench.NATS, "other"))) {
      URI cutUri = URI.create("http://127.0.0.1:" + cut.start());
      URI otherUri = URI.create("http://127.0.0.1:" + other.start());
      MessengerClient anon = new MessengerClient(otherUri);
      anon.register("cut_alice", "password-a", null);
      anon.register("cut_bob", "password-b", null);
      LoginResult a = new MessengerClient(cutUri).login("cut_alice", "password-a", null);
      LoginResult b = anon.login("cut_bob", "password-b", null);
      MessengerClient alice = new MessengerClient(cutUri).withToken(a.token());
      String cid = alice.openDirect(b.userId()).id();
      try (RecordingSocket sa = RecordingSocket.open(alice);
          RecordingSocket sb =
              RecordingSocket.open(new MessengerClient(otherUri).withToken(b.token()))) {
        sa.send(cid, "before", "before the cut").get(10, TimeUnit.SECONDS);
        sb.awaitCount("message", 1, Duration.ofSeconds(10));

        proxy.cut();
        Awaitility.await("the cut node answers not ready")
            .atMost(Duration.ofSeconds(15))
            .until(() -> status(cutUri.resolve("/health/ready")) == 503);
        List<CompletableFuture<JsonNode>> replies = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
          replies.add(sa.send(cid, "during-" + i, "m" + i));
        }
        for (var r : replies) {
          assertThat(r.get(15, TimeUnit.SECONDS).path("type").asText()).isEqualTo("sent");
        }
        Thread.sleep(1000);
        assertThat(sb.frames("message")).as("nothing crosses while cut off").hasSize(1);

        proxy.heal();

        List<JsonNode> got = sb.awaitCount("message", 21, Duration.ofSeconds(30));
        for (int i = 0; i < 21; i++) {
          assertThat(got.get(i).path("seq").asLong()).isEqualTo(i + 1);
        }
        Awaitility.await("the cut node is ready again")
            .atMost(Duration.ofSeconds(15))
            .until(() -> status(cutUri.resolve("/health/ready")) == 200);
        assertThat(sb.frames("message")).as("exactly once").hasSize(21);
      }
    } finally {
      ClusterServicesForBench.dropDatabase(db);
    }
  }

  private static int status(URI uri) {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
