package dev.messenger.core.conversations;

import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import java.util.List;

/**
 * The summary object of PROTOCOL.md ("Conversations"): the conversation, its active members with
 * their cursors, and the newest message the viewer may see (null if none).
 */
public record ConversationSummary(
    Conversation conversation, List<Member> members, Message lastMessage) {}
