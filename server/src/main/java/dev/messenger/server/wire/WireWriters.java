package dev.messenger.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.messenger.core.accounts.User;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Conversation;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.MemberSettings;
import dev.messenger.core.model.Message;
import dev.messenger.core.model.MessageDetails;
import dev.messenger.core.model.Reaction;
import dev.messenger.core.model.SystemEvent;
import dev.messenger.core.model.Update;
import dev.messenger.core.presence.PresenceStatus;
import java.io.IOException;
import java.util.List;

/**
 * Writes the JSON objects of PROTOCOL.md (message, media, member, summary, user, presence) with a
 * streaming generator: the one place each object's fields are spelled, used by WebSocket frames and
 * HTTP bodies alike (through {@link WireModule}). Stateless and thread-safe; {@link IOException}s
 * come from the generator's sink.
 */
final class WireWriters {
  private WireWriters() {}

  /** The message object (PROTOCOL.md "Messages"); internal fields are never written. */
  static void message(JsonGenerator g, Message m) throws IOException {
    g.writeStartObject();
    messageFields(g, m);
    g.writeEndObject();
  }

  /** The message object's fields, inside an object the caller opened. */
  static void messageFields(JsonGenerator g, Message m) throws IOException {
    g.writeStringField("conversationId", m.conversationId());
    g.writeNumberField("seq", m.seq());
    g.writeStringField("senderId", m.senderId());
    g.writeStringField("clientId", m.clientId());
    g.writeNumberField("ts", m.ts());
    g.writeStringField("kind", m.kind().wire());
    g.writeStringField("body", m.body());
    if (!m.attachments().isEmpty()) {
      g.writeArrayFieldStart("attachments");
      for (Attachment a : m.attachments()) {
        media(g, a);
      }
      g.writeEndArray();
    }
    SystemEvent e = m.event();
    if (e != null) {
      g.writeObjectFieldStart("event");
      g.writeStringField("action", e.action().wire());
      if (e.userId() != null) {
        g.writeStringField("userId", e.userId());
      }
      g.writeStringField("by", e.by());
      if (e.name() != null) {
        g.writeStringField("name", e.name());
      }
      g.writeEndObject();
    }
    details(g, m.details());
  }

  /** The version 2 fields (PROTOCOL.md section 4), each only when it says something. */
  private static void details(JsonGenerator g, MessageDetails d) throws IOException {
    if (d.replyTo() != null) {
      g.writeNumberField("replyTo", d.replyTo());
    }
    if (!d.mentions().isEmpty()) {
      g.writeArrayFieldStart("mentions");
      for (String u : d.mentions()) {
        g.writeString(u);
      }
      g.writeEndArray();
    }
    if (d.forwarded()) {
      g.writeBooleanField("forwarded", true);
    }
    if (d.editedAt() != null) {
      g.writeNumberField("editedAt", d.editedAt());
    }
    if (d.deleted()) {
      g.writeBooleanField("deleted", true);
    }
    if (!d.reactions().isEmpty()) {
      g.writeArrayFieldStart("reactions");
      for (Reaction r : d.reactions()) {
        g.writeStartObject();
        g.writeStringField("emoji", r.emoji());
        g.writeNumberField("count", r.count());
        g.writeArrayFieldStart("userIds");
        for (String u : r.userIds()) {
          g.writeString(u);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (d.updateSeq() != null) {
      g.writeNumberField("updateSeq", d.updateSeq());
    }
    Update u = d.update();
    if (u != null) {
      g.writeObjectFieldStart("update");
      g.writeStringField("action", u.action().wire());
      g.writeNumberField("target", u.target());
      if (u.body() != null) {
        g.writeStringField("body", u.body());
      }
      if (u.emoji() != null) {
        g.writeStringField("emoji", u.emoji());
      }
      g.writeEndObject();
    }
  }

  static void messages(JsonGenerator g, List<Message> ms) throws IOException {
    g.writeStartArray();
    for (Message m : ms) {
      message(g, m);
    }
    g.writeEndArray();
  }

  /**
   * A media object (PROTOCOL.md "Media"): {@code {"id", "mime", "size", "sha256", "name"}}, the
   * name null when the upload had none.
   */
  static void media(JsonGenerator g, Attachment a) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", a.id());
    g.writeStringField("mime", a.mime());
    g.writeNumberField("size", a.size());
    g.writeStringField("sha256", a.sha256());
    g.writeStringField("name", a.name());
    g.writeEndObject();
  }

  static void member(JsonGenerator g, Member m) throws IOException {
    g.writeStartObject();
    g.writeStringField("userId", m.userId());
    g.writeStringField("role", m.role().wire());
    g.writeNumberField("deliveredSeq", m.deliveredSeq());
    g.writeNumberField("readSeq", m.readSeq());
    g.writeEndObject();
  }

  /**
   * The summary object (PROTOCOL.md "Conversations" and section 5), plus {@code lastActivity} in
   * ms. {@code mutedUntil} is written only while it is in the future.
   */
  static void summary(JsonGenerator g, ConversationSummary s) throws IOException {
    Conversation c = s.conversation();
    g.writeStartObject();
    g.writeStringField("id", c.id());
    g.writeStringField("kind", c.kind().wire());
    if (c.name() != null) {
      g.writeStringField("name", c.name());
    }
    g.writeNumberField("lastSeq", c.lastSeq());
    if (s.lastMessage() != null) {
      g.writeFieldName("lastMessage");
      message(g, s.lastMessage());
    }
    g.writeArrayFieldStart("members");
    for (Member m : s.members()) {
      member(g, m);
    }
    g.writeEndArray();
    g.writeNumberField("createdAt", c.createdAt());
    g.writeNumberField("lastActivity", c.lastActivity());
    g.writeArrayFieldStart("pinned");
    for (long seq : s.pinned()) {
      g.writeNumber(seq);
    }
    g.writeEndArray();
    g.writeNumberField("unreadCount", s.unreadCount());
    MemberSettings mine = s.mine();
    if (mine.mutedAt(System.currentTimeMillis())) {
      g.writeNumberField("mutedUntil", mine.mutedUntil());
    }
    g.writeBooleanField("archived", mine.archived());
    g.writeNumberField("clearedSeq", mine.clearedSeq());
    g.writeEndObject();
  }

  static void summaries(JsonGenerator g, List<ConversationSummary> list) throws IOException {
    g.writeStartArray();
    for (ConversationSummary s : list) {
      summary(g, s);
    }
    g.writeEndArray();
  }

  /**
   * The user object (PROTOCOL.md "Accounts" and section 8: {@code avatar} when set; an erased user
   * as {@code {"id", "username": null, "displayName": "Deleted user", "deleted": true}}); never the
   * password hash.
   */
  static void user(JsonGenerator g, User u) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", u.id());
    if (u.deleted()) {
      g.writeNullField("username");
      g.writeStringField("displayName", "Deleted user");
      g.writeBooleanField("deleted", true);
    } else {
      g.writeStringField("username", u.username());
      g.writeStringField("displayName", u.displayName());
      if (u.avatar() != null) {
        g.writeStringField("avatar", u.avatar());
      }
    }
    g.writeEndObject();
  }

  /** {@code {"userId", "status", "lastSeen"}}, inside an object the caller opened. */
  static void presenceFields(JsonGenerator g, PresenceStatus p) throws IOException {
    g.writeStringField("userId", p.userId());
    g.writeStringField("status", p.status());
    g.writeNumberField("lastSeen", p.lastSeen());
  }
}
