package dev.messenger.client.cli;

import dev.messenger.client.ApiException;
import dev.messenger.client.ConversationView;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.UserView;
import java.io.UncheckedIOException;
import java.util.function.LongFunction;

/** Turns what the user typed (a username, a conversation id) into users and conversations. */
final class Targets {
  private Targets() {}

  /**
   * The user named {@code username}.
   *
   * @throws CliException when there is none
   */
  static UserView user(MessengerClient client, String username) {
    try {
      return client.userByUsername(username);
    } catch (ApiException e) {
      if (e.status() == 404) {
        throw new CliException("no user named " + username);
      }
      throw e;
    }
  }

  /**
   * The conversation meant: the group {@code groupId} when it is not null, else the direct
   * conversation with the user named {@code usernameOrId} (opened if needed), else the conversation
   * with that id.
   *
   * @throws CliException when there is none
   */
  static ConversationView conversation(
      MessengerClient client, String usernameOrId, String groupId) {
    if (groupId != null) {
      return byId(client, groupId);
    }
    if (usernameOrId == null) {
      throw new CliException("name a user, or a group with --group ID");
    }
    UserView user;
    try {
      user = client.userByUsername(usernameOrId);
    } catch (ApiException e) {
      if (e.status() != 404 && e.status() != 400) {
        throw e;
      }
      try {
        return client.conversation(usernameOrId);
      } catch (ApiException notFound) {
        if (notFound.status() == 404 || notFound.status() == 403) {
          throw new CliException(
              "no user named " + usernameOrId + ", and no conversation with that id");
        }
        throw notFound;
      }
    }
    return client.openDirect(user.id());
  }

  private static ConversationView byId(MessengerClient client, String id) {
    try {
      return client.conversation(id);
    } catch (ApiException e) {
      if (e.status() == 404 || e.status() == 403) {
        throw new CliException("no conversation " + id + " that you can see");
      }
      throw e;
    }
  }

  /**
   * Reads messages of {@code conversationId} not on screen (what a reply answers) over HTTP; null
   * when one cannot be read (deleted for the caller, cleared, unreachable).
   */
  static LongFunction<MessageView> lookup(MessengerClient client, String conversationId) {
    return seq -> {
      try {
        return client.messages().get(conversationId, seq);
      } catch (ApiException | UncheckedIOException e) {
        return null;
      }
    };
  }
}
