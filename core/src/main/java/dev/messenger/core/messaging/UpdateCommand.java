package dev.messenger.core.messaging;

import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import dev.messenger.core.model.Update;

/**
 * A change to a message as a client asks for it (PROTOCOL.md section 4: WebSocket {@code edit},
 * {@code delete}, {@code react}, {@code unreact}, {@code pin}, {@code unpin} and their HTTP
 * routes). Both edges build it, so the rules that need no settings exist here only; the body's
 * length limit ({@code max-message-chars}) is {@link MessageChanges}'s. Immutable.
 *
 * @throws MessengerException {@code bad_request} if the conversation id is missing, the seq is
 *     below 1, an edit has no body or one with NUL or an unpaired surrogate, or a reaction's emoji
 *     is not 1-{@value #MAX_EMOJI_CODE_POINTS} code points
 */
public record UpdateCommand(String conversationId, Update update) {

  /** Longest emoji of a reaction, in code points. */
  public static final int MAX_EMOJI_CODE_POINTS = 16;

  public UpdateCommand {
    if (conversationId == null) {
      throw MessengerException.badRequest("conversationId is required");
    }
    if (update.target() < 1) {
      throw MessengerException.badRequest("seq must be >= 1");
    }
    switch (update.action()) {
      case EDITED -> {
        if (update.body() == null) {
          throw MessengerException.badRequest("body is required");
        }
        Text.requireClean("body", update.body());
        update = new Update(update.action(), update.target(), update.body(), null);
      }
      case REACTED, UNREACTED -> {
        Text.requireLength("emoji", update.emoji(), 1, MAX_EMOJI_CODE_POINTS);
        update = new Update(update.action(), update.target(), null, update.emoji());
      }
      default -> update = new Update(update.action(), update.target(), null, null);
    }
  }

  /** The command for {@code action} on message {@code seq}, with {@code body} or {@code emoji}. */
  public static UpdateCommand of(
      String conversationId, Update.Action action, long seq, String body, String emoji) {
    return new UpdateCommand(conversationId, new Update(action, seq, body, emoji));
  }
}
