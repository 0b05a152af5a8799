package dev.messenger.core.conversations;

import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Message;
import java.util.List;

/**
 * The summary object of PROTOCOL.md ("Conversations", and section 5): the conversation, its active
 * members with their cursors, the newest message the viewer may see that is not an update entry
 * (null if none), the pinned seqs (ascending, the same for every member), and for the viewer only
 * its {@code unreadCount} and what it keeps for itself ({@code mine}: mute, archive, clear).
 */
public record ConversationSummary(
    Conversation conversation,
    List<Member> members,
    Message lastMessage,
    List<Long> pinned,
    long unreadCount,
    MemberSettings mine) {

  public ConversationSummary {
    pinned = pinned == null ? List.of() : List.copyOf(pinned);
    mine = mine == null ? MemberSettings.NONE : mine;
  }
}
