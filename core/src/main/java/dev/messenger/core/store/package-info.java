/**
 * The durable store of conversations, messages and cursors, the truth of the system (DESIGN.md
 * principle 1), as three narrow ports by what the services need: {@link
 * dev.messenger.core.store.ConversationStore} (conversations and membership), {@link
 * dev.messenger.core.store.MessageLog} (the messages) and {@link
 * dev.messenger.core.store.CursorStore} (receipt cursors). One adapter may implement all three
 * ({@link dev.messenger.core.store.MessageStore}); the domain rules they apply are functions in
 * {@code dev.messenger.core.model}.
 *
 * <p>Guarantees common to the three: writes return futures completed only after the change is
 * committed durably ("acknowledged means durable"); they fail with a {@link
 * dev.messenger.core.MessengerException}: {@code unavailable} when the commit failed or the store
 * is overloaded, or the code named on the method. Writes to one conversation complete in seq order.
 * Reads are synchronous, may block on I/O, throw {@code unavailable} when the store cannot be read,
 * and see every completed write. Implementations are thread-safe.
 */
package dev.messenger.core.store;
