package dev.messenger.core.conversations;

import dev.messenger.core.Futures;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.Caller;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Fanout;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.store.ConversationStore;
import dev.messenger.core.store.MemberSettingsStore;
import java.util.concurrent.CompletableFuture;

/**
 * What each member keeps for itself (PROTOCOL.md section 5): mute, archive and "clear chat for me".
 * A change is committed, then every node drops its cached members of the conversation (push reads
 * the mute from them) and each connected device of the user gets a {@code conversation} frame
 * ({@link BusEvent.ConversationChanged}). Thread-safe; blocks on store reads (call off the event
 * loop); every failure is reported in the returned future as a {@link MessengerException}: {@code
 * not_found}/{@code forbidden} as {@link Access} says, {@code bad_request} for a bad seq.
 */
public final class ConversationSettings {
  private final ConversationStore store;
  private final MemberSettingsStore settings;
  private final Conversations conversations;
  private final Access access;
  private final Fanout fanout;

  public ConversationSettings(
      ConversationStore store,
      MemberSettingsStore settings,
      Conversations conversations,
      Fanout fanout) {
    this.store = store;
    this.settings = settings;
    this.conversations = conversations;
    this.access = new Access(store);
    this.fanout = fanout;
  }

  /** Applies {@code patch}; the future holds the caller's summary after it. */
  public CompletableFuture<ConversationSummary> change(
      Caller caller, String conversationId, SettingsPatch patch) {
    return Futures.attempt(
        () -> {
          access.requireActive(conversationId, caller.userId());
          return commit(caller, conversationId, patch::apply)
              .thenApply(m -> conversations.summary(caller.userId(), conversationId));
        });
  }

  /**
   * "Clear chat for me": from now on the caller sees nothing at or below {@code seq}. A seq at or
   * below the current {@code clearedSeq} changes nothing; one above the conversation's {@code
   * lastSeq}, or below 0, is {@code bad_request}.
   */
  public CompletableFuture<Void> clear(Caller caller, String conversationId, long seq) {
    return Futures.attempt(
        () -> {
          access.requireActive(conversationId, caller.userId());
          long lastSeq = store.conversation(conversationId).orElseThrow().lastSeq();
          if (seq < 0 || seq > lastSeq) {
            throw MessengerException.badRequest(
                "seq must be between 0 and the conversation's lastSeq " + lastSeq);
          }
          return commit(
                  caller,
                  conversationId,
                  s ->
                      seq > s.clearedSeq()
                          ? new MemberSettings(s.mutedUntil(), s.archived(), seq)
                          : s)
              .thenApply(m -> (Void) null);
        });
  }

  private CompletableFuture<Member> commit(
      Caller caller,
      String conversationId,
      java.util.function.UnaryOperator<MemberSettings> change) {
    String userId = caller.userId();
    MemberSettings before =
        store.member(conversationId, userId).map(Member::settings).orElse(MemberSettings.NONE);
    return settings
        .changeSettings(conversationId, userId, change)
        .thenApply(
            after -> {
              if (!after.settings().equals(before)) {
                fanout.membersChanged(conversationId);
                fanout.toUser(userId, new BusEvent.ConversationChanged(userId, conversationId));
              }
              return after;
            });
  }
}
