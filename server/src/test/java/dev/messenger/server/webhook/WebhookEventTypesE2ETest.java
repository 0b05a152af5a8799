package dev.messenger.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.server.TestNode;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.settings.BusKind;
import dev.messenger.server.settings.Secret;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.WebhookSettings;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every webhook event type of PROTOCOL.md section 8 arrives signed, with the data docs/protocol.md
 * Part II gives it, in seq order per conversation, on SQLite and on PostgreSQL; {@code
 * webhook-events} keeps the other types out.
 */
class WebhookEventTypesE2ETest {

  @Test
  void everyType_arrivesSignedAndInOrder_onSqlite() throws Exception {
    everyType(b -> {});
  }

  @Test
  void everyType_arrivesSignedAndInOrder_onPostgres() throws Exception {
    ClusterServices.require();
    String db = ClusterServices.newDatabase();
    try {
      everyType(TestNode.postgres(db, BusKind.LOCAL, ClusterServices.NATS, "types-pg"));
    } finally {
      ClusterServices.dropDatabase(db);
    }
  }

  @Test
  void webhookEvents_filtersTypes() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(WebhookE2ETest.SECRET, 0, 0);
        TestNode node =
            TestNode.start(
                settings(
                    receiver,
                    b ->
                        b.set(
                            WebhookSettings.WEBHOOK_EVENTS,
                            List.of("member.added", "user.deleted"))))) {
      Scenario s = Scenario.run(node);
      WebhookE2ETest.await(() -> !ofType(receiver, "user.deleted").isEmpty(), 30_000);
      Thread.sleep(1_000); // anything filtered in by mistake would be here by now
      Set<String> types =
          receiver.accepted().stream()
              .map(e -> e.path("type").asText())
              .collect(Collectors.toSet());
      assertThat(types).containsExactlyInAnyOrder("member.added", "user.deleted");
      assertThat(ofType(receiver, "member.added"))
          .extracting(e -> e.path("data").path("userId").asText())
          .containsExactly(s.carol);
      assertThat(receiver.badSignatures()).isEmpty();
    }
  }

  private static void everyType(Consumer<Settings.Builder> store) throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver(WebhookE2ETest.SECRET, 0, 0);
        TestNode node = TestNode.start(settings(receiver, store))) {
      Scenario s = Scenario.run(node);
      WebhookE2ETest.await(
          () ->
              ofType(receiver, "user.deleted").size() == 1
                  && ofType(receiver, "member.removed").size() == 2
                  && ofType(receiver, "message.updated").size() == 1,
          60_000);
      assertThat(receiver.badSignatures()).isEmpty();

      assertThat(ofType(receiver, "user.created"))
          .extracting(e -> e.path("data").path("id").asText())
          .contains(s.alice, s.bob, s.carol);
      JsonNode created = only(receiver, "user.created", "id", s.carol);
      assertThat(created.path("data").path("username").asText()).startsWith("types_carol");

      JsonNode direct = only(receiver, "conversation.created", "id", s.direct);
      assertThat(direct.path("data").path("kind").asText()).isEqualTo("direct");
      assertThat(direct.path("data").path("members")).hasSize(2);
      JsonNode group = only(receiver, "conversation.created", "id", s.group);
      assertThat(group.path("data").path("kind").asText()).isEqualTo("group");
      assertThat(group.path("data").path("name").asText()).isEqualTo("hooks");
      assertThat(group.path("data").path("members")).hasSize(2);
      assertThat(group.path("data").has("unreadCount")).isFalse();

      JsonNode added = only(receiver, "member.added", "userId", s.carol);
      assertThat(added.path("data").path("conversationId").asText()).isEqualTo(s.group);
      assertThat(added.path("data").path("by").asText()).isEqualTo(s.alice);
      assertThat(added.path("data").path("action").asText()).isEqualTo("member_added");

      JsonNode message = only(receiver, "message.created", "clientId", "types-1");
      assertThat(message.path("data").path("body").asText()).isEqualTo("hello hooks");
      JsonNode updated = ofType(receiver, "message.updated").get(0);
      assertThat(updated.path("data").path("kind").asText()).isEqualTo("update");
      assertThat(updated.path("data").path("update").path("action").asText()).isEqualTo("edited");
      assertThat(updated.path("data").path("update").path("target").asLong())
          .isEqualTo(message.path("data").path("seq").asLong());
      assertThat(updated.path("data").path("update").path("body").asText()).isEqualTo("edited");

      JsonNode removed = only(receiver, "member.removed", "userId", s.bob);
      assertThat(removed.path("data").path("action").asText()).isEqualTo("member_removed");
      JsonNode left = only(receiver, "member.removed", "userId", s.carol);
      assertThat(left.path("data").path("action").asText()).isEqualTo("member_left");
      assertThat(left.path("data").path("by").asText()).isEqualTo(s.carol);

      JsonNode deleted = only(receiver, "user.deleted", "id", s.carol);
      assertThat(deleted.path("data").path("deleted").asBoolean()).isTrue();
      assertThat(deleted.path("data").path("username").isNull()).isTrue();

      // One conversation's events arrive in seq order, whatever their type.
      List<Long> groupSeqs =
          receiver.accepted().stream()
              .filter(
                  e ->
                      s.group.equals(e.path("data").path("conversationId").asText())
                          || s.group.equals(e.path("data").path("id").asText()))
              .map(e -> e.path("data").path("seq").asLong(e.path("data").path("lastSeq").asLong()))
              .toList();
      assertThat(groupSeqs).hasSize(6).isSorted().doesNotHaveDuplicates();
    }
  }

  /** What the scenario made: three users, a direct conversation and a group. */
  private record Scenario(String alice, String bob, String carol, String direct, String group) {
    static Scenario run(TestNode node) {
      var alice = node.newUser("types_alice");
      var bob = node.newUser("types_bob");
      var carol = node.newUser("types_carol");
      String direct = alice.http().openDirect(bob.id()).id();
      String group = alice.http().createGroup("hooks", List.of(bob.id())).id();
      alice.http().addMember(group, carol.id());
      var m = alice.http().postMessage(group, "types-1", "hello hooks");
      alice.http().messages().edit(group, m.seq(), "edited");
      alice.http().removeMember(group, bob.id());
      carol
          .http()
          .rawRequest("DELETE", "/api/v1/users/me", "{\"password\":\"" + carol.password() + "\"}");
      return new Scenario(alice.id(), bob.id(), carol.id(), direct, group);
    }
  }

  private static Settings settings(WebhookReceiver receiver, Consumer<Settings.Builder> more)
      throws Exception {
    return TestNode.testSettings()
        .with(
            b -> {
              b.set(WebhookSettings.WEBHOOK_URL, receiver.url())
                  .set(WebhookSettings.WEBHOOK_SECRET, Secret.of(WebhookE2ETest.SECRET));
              more.accept(b);
            });
  }

  static List<JsonNode> ofType(WebhookReceiver r, String type) {
    return r.accepted().stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  private static JsonNode only(WebhookReceiver r, String type, String field, String value) {
    List<JsonNode> found =
        ofType(r, type).stream()
            .filter(e -> value.equals(e.path("data").path(field).asText()))
            .toList();
    assertThat(found).as(type + " with " + field + "=" + value).hasSize(1);
    return found.get(0);
  }
}
