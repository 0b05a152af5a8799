package dev.messenger.client.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.messenger.client.ApiException;
import dev.messenger.client.ConversationView;
import dev.messenger.client.Json;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.OutgoingMessage;
import dev.messenger.client.ReadByView;
import dev.messenger.client.UpdateView;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The chat commands that act on a message ({@code /edit}, {@code /react}, ..., {@code /forward},
 * {@code /readby}): each builds the request frame (with a fresh {@code ref}) and tells the {@link
 * ChatState} what reply to expect; {@code /readby} asks over HTTP. Stateless.
 */
final class ChatActions {
  private ChatActions() {}

  /** The past tense of each change frame: the {@code action} of its update entry. */
  private static final Map<String, String> PAST =
      Map.of(
          "edit", UpdateView.EDITED,
          "delete", UpdateView.DELETED,
          "react", UpdateView.REACTED,
          "unreact", UpdateView.UNREACTED,
          "pin", UpdateView.PINNED,
          "unpin", UpdateView.UNPINNED);

  /** The frame of a change ({@code edit}, {@code react}, ...), expected by {@code state}. */
  static ObjectNode change(ChatState state, ChatInput.Change c) {
    String ref = "change-" + UUID.randomUUID();
    state.expectChange(ref, new UpdateView(PAST.get(c.type()), c.seq(), c.body(), c.emoji()));
    ObjectNode frame =
        Json.object()
            .put("type", c.type())
            .put("ref", ref)
            .put("conversationId", state.conversationId())
            .put("seq", c.seq());
    if (c.body() != null) {
      frame.put("body", c.body());
    }
    if (c.emoji() != null) {
      frame.put("emoji", c.emoji());
    }
    return frame;
  }

  /**
   * The {@code send} frame forwarding message {@code f.seq()}, expected by {@code state}; null
   * (after printing why) when the target cannot be found.
   */
  static ObjectNode forward(
      MessengerClient client, ChatState state, ChatInput.Forward f, Consumer<List<String>> print) {
    ConversationView to;
    try {
      to = Targets.conversation(client, f.to(), null);
    } catch (CliException | ApiException | UncheckedIOException e) {
      print.accept(List.of("! not forwarded: " + e.getMessage()));
      return null;
    }
    String clientId = UUID.randomUUID().toString();
    String ref = "forward-" + clientId;
    if (to.id().equals(state.conversationId())) {
      MessageView original = state.message(f.seq());
      String body = original == null ? "(forwarded #" + f.seq() + ")" : Render.text(original);
      state.expectReply(ref, clientId, body, null, true);
    } else {
      state.expectForward(ref, "#" + f.seq() + " to " + f.to());
    }
    return OutgoingMessage.forward(to.id(), clientId, state.conversationId(), f.seq())
        .toJson()
        .put("type", "send")
        .put("ref", ref);
  }

  /** One line saying who received and read message {@code seq} (over HTTP), or the error. */
  static String readBy(
      MessengerClient client, Function<String, String> names, ChatState state, long seq) {
    try {
      ReadByView r = client.messages().readBy(state.conversationId(), seq);
      return "* #"
          + seq
          + " delivered to "
          + names(r.delivered(), names)
          + "; read by "
          + names(r.read(), names);
    } catch (ApiException e) {
      return "! " + e.code() + ": " + e.errorMessage();
    } catch (UncheckedIOException e) {
      return "! " + e.getMessage();
    }
  }

  private static String names(List<String> userIds, Function<String, String> names) {
    return userIds.isEmpty()
        ? "nobody yet"
        : String.join(", ", userIds.stream().map(names).toList());
  }
}
