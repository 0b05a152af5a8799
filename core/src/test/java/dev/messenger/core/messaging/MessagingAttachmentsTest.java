package dev.messenger.core.messaging;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.assertFutureFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.blocking.BlockRule;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.store.AppendResult;
import dev.messenger.core.testing.CoreFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Attachments on {@link Messaging#send} and the stored-message listener (the push hook). */
class MessagingAttachmentsTest {
  private CoreFixture f;
  private Messaging messaging;
  private Caller alice;
  private Caller bob;
  private final List<List<String>> resolved = new CopyOnWriteArrayList<>();
  private final List<Message> notified = new CopyOnWriteArrayList<>();
  private final List<List<Member>> notifiedMembers = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    f = new CoreFixture();
    alice = f.newUser("alice");
    bob = f.newUser("bob");
    AttachmentResolver resolver =
        (userId, ids) -> {
          resolved.add(ids);
          List<Attachment> out = new ArrayList<>();
          for (String id : ids) {
            if (!id.startsWith(userId)) {
              throw MessengerException.notFound("no such media: " + id);
            }
            out.add(new Attachment(id, "image/png", 10, "0".repeat(64)));
          }
          return out;
        };
    messaging =
        new Messaging(
            f.store,
            f.store,
            f.conversations,
            f.fanout,
            f.clock,
            CoreFixture.MAX_MESSAGE_CHARS,
            resolver,
            (m, members) -> {
              notified.add(m);
              notifiedMembers.add(members);
            },
            BlockRule.NONE,
            SendHook.NONE);
  }

  private AppendResult send(String clientId, String body, List<String> attachments) {
    return await(
        messaging.send(alice, new SendCommand(null, bob.userId(), clientId, body, attachments)));
  }

  @Test
  void send_attachmentsWithoutBody_storesEmptyBodyAndMediaObjects() {
    String id = alice.userId() + "-pic";
    Message m = send("a-1", null, List.of(id)).message();

    assertThat(m.body()).isEmpty();
    assertThat(m.attachments())
        .containsExactly(new Attachment(id, "image/png", 10, "0".repeat(64)));
  }

  @Test
  void send_repeatedIds_areResolvedOnce() {
    String id = alice.userId() + "-pic";
    Message m = send("a-2", "look", List.of(id, id)).message();

    assertThat(resolved).containsExactly(List.of(id));
    assertThat(m.attachments()).hasSize(1);
  }

  @Test
  void send_mediaTheSenderMayNotRead_notFound_nothingStored() {
    assertFutureFailsWith(
        ErrorCode.NOT_FOUND,
        () ->
            messaging.send(
                alice, new SendCommand(null, bob.userId(), "a-3", "x", List.of("someone-else"))));
    assertThat(notified).isEmpty();
  }

  @Test
  void send_moreThanTenAttachments_badRequest() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      ids.add(alice.userId() + i);
    }
    assertFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> messaging.send(alice, new SendCommand(null, bob.userId(), "a-4", "x", ids)));
  }

  @Test
  void send_noBodyNoAttachments_badRequest() {
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST,
        () -> messaging.send(alice, new SendCommand(null, bob.userId(), "a-5", "  ", List.of())));
  }

  @Test
  void listener_toldOncePerNewMessage_withTheMembers_notForResends() {
    Message m = send("a-6", "hi", List.of()).message();
    send("a-6", "hi", List.of());

    assertThat(notified).containsExactly(m);
    assertThat(notifiedMembers.get(0))
        .extracting(Member::userId)
        .containsExactlyInAnyOrder(alice.userId(), bob.userId());
  }

  @Test
  void withoutMedia_attachmentsAreRefused() {
    assertFutureFailsWith(
        ErrorCode.BAD_REQUEST,
        () ->
            f.messaging.send(
                alice, new SendCommand(null, bob.userId(), "a-7", "x", List.of("md_1"))));
  }
}
