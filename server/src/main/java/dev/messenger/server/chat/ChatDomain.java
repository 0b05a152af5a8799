package dev.messenger.server.chat;

import dev.messenger.core.bus.Bus;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.messaging.MessageChanges;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.receipts.Receipts;
import dev.messenger.core.typing.TypingRelay;
import java.util.Objects;

/**
 * The domain services a {@link ChatSession} calls, and nothing else: sends and history, message
 * changes (PROTOCOL.md section 4), receipts, {@code sync}, typing, presence, and the bus its
 * doorbells ring on. Immutable; every service is thread-safe.
 */
public record ChatDomain(
    Messaging messaging,
    MessageChanges changes,
    Receipts receipts,
    Conversations conversations,
    TypingRelay typing,
    Presence presence,
    Bus bus) {
  public ChatDomain {
    Objects.requireNonNull(messaging, "messaging");
    Objects.requireNonNull(changes, "changes");
    Objects.requireNonNull(receipts, "receipts");
    Objects.requireNonNull(conversations, "conversations");
    Objects.requireNonNull(typing, "typing");
    Objects.requireNonNull(presence, "presence");
    Objects.requireNonNull(bus, "bus");
  }
}
