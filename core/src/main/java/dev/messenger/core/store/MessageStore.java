package dev.messenger.core.store;

/**
 * The store ports over one database, as one adapter provides them: what the composition root wires
 * and the contract suite tests. Services depend on the narrow ports they use, never on this.
 * Guarantees, failures and thread-safety as in the {@link dev.messenger.core.store} package
 * description.
 */
public interface MessageStore
    extends ConversationStore, MessageLog, CursorStore, UpdateLog, MemberSettingsStore {}
