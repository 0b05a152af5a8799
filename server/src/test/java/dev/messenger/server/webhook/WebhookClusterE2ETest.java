package dev.messenger.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.Secret;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.WebhookSettings;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one PostgreSQL database share one outbox: every event is delivered once (by one of
 * them), not once per node, and each conversation's events keep their seq order. Needs PostgreSQL
 * and NATS on 127.0.0.1 (fails under CI=true if missing, else skips).
 */
class WebhookClusterE2ETest {

  @Test
  void twoNodes_shareOneOutbox_eachEventDeliveredOnce() throws Exception {
    ClusterServices.require();
    String db = ClusterServices.newDatabase();
    try (WebhookReceiver receiver = new WebhookReceiver(WebhookE2ETest.SECRET, 0, 0);
        TestNode a = TestNode.start(settings(db, "hook-a", receiver));
        TestNode b = TestNode.start(settings(db, "hook-b", receiver))) {
      var alice = a.newUser("hookc_alice");
      var bob = a.newUser("hookc_bob");
      var carol = a.newUser("hookc_carol");
      String ab = alice.http().openDirect(bob.id()).id();
      String ac = alice.http().openDirect(carol.id()).id();
      var aliceOnB = b.newDevice(alice);
      for (int i = 1; i <= 40; i++) {
        // Both nodes write events into the one outbox.
        (i % 2 == 0 ? alice : aliceOnB).http().postMessage(ab, "ab-" + i, "ab " + i);
        (i % 2 == 0 ? aliceOnB : alice).http().postMessage(ac, "ac-" + i, "ac " + i);
      }
      WebhookE2ETest.await(
          () ->
              WebhookE2ETest.messages(receiver, ab).size() >= 40
                  && WebhookE2ETest.messages(receiver, ac).size() >= 40,
          90_000);
      Thread.sleep(1_000); // any duplicate would arrive by now
      Map<String, Long> perId =
          receiver.accepted().stream()
              .collect(Collectors.groupingBy(e -> e.path("id").asText(), Collectors.counting()));
      assertThat(perId.values()).allMatch(n -> n == 1);
      for (String c : List.of(ab, ac)) {
        List<Long> seqs =
            WebhookE2ETest.messages(receiver, c).stream()
                .map(e -> e.path("data").path("seq").asLong())
                .toList();
        assertThat(seqs).hasSize(40).isSorted().doesNotHaveDuplicates();
      }
      assertThat(receiver.badSignatures()).isEmpty();
    } finally {
      ClusterServices.dropDatabase(db);
    }
  }

  private static Settings settings(String db, String nodeId, WebhookReceiver receiver)
      throws Exception {
    return TestNode.testSettings()
        .with(
            b -> {
              TestNode.postgres(db, BusKind.NATS, ClusterServices.NATS, nodeId).accept(b);
              b.set(WebhookSettings.WEBHOOK_URL, receiver.url())
                  .set(WebhookSettings.WEBHOOK_SECRET, Secret.of(WebhookE2ETest.SECRET));
            });
  }
}
