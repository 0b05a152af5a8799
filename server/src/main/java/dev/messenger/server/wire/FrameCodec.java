package dev.messenger.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.messenger.core.MessengerException;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The WebSocket codec (PROTOCOL.md section 3): client text frames to {@link ClientFrame}s, {@link
 * ServerFrame}s to JSON text. The only place a server frame's fields are spelled. Stateless and
 * thread-safe.
 */
public final class FrameCodec {
  private static final ObjectWriter WRITER = Wire.MAPPER.writerFor(ServerFrame.class);

  private FrameCodec() {}

  /** What one client text frame decoded to. */
  public sealed interface Decoded {
    /**
     * The frame's {@code ref} when it had a valid one (so an error can echo it), else null.
     *
     * @return at most 64 characters, or null
     */
    String ref();
  }

  /** A valid client frame. */
  public record Valid(ClientFrame frame) implements Decoded {
    @Override
    public String ref() {
      return frame.ref();
    }
  }

  /** A frame refused with {@code bad_request}; {@code message} says what is wrong. */
  public record Invalid(String ref, String message) implements Decoded {}

  /** Decodes one text frame; never throws for bad input (it is {@link Invalid}). */
  public static Decoded decode(String text) {
    JsonNode tree;
    try {
      tree = Wire.MAPPER.readTree(text);
    } catch (IOException | RuntimeException e) {
      return new Invalid(null, "malformed JSON");
    }
    try {
      return new Valid(ClientFrame.decode(tree));
    } catch (MessengerException e) {
      return new Invalid(ClientFrame.refOf(tree), e.getMessage());
    }
  }

  /**
   * Encodes a frame as one JSON text. A {@link ServerFrame.Message} is encoded once per fan-out:
   * the text is kept in its shared cache.
   */
  public static String encode(ServerFrame frame) {
    if (frame instanceof ServerFrame.Message m) {
      Object cached = m.encoded().get();
      if (cached instanceof String s) {
        return s;
      }
      String s = encodeFresh(frame);
      m.encoded().compareAndSet(null, s);
      return s;
    }
    return encodeFresh(frame);
  }

  private static String encodeFresh(ServerFrame frame) {
    try {
      return WRITER.writeValueAsString(frame);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a frame", e);
    }
  }

  /** Writes a frame as one JSON object to {@code g}. */
  static void write(JsonGenerator g, ServerFrame frame) throws IOException {
    g.writeStartObject();
    if (frame instanceof ServerFrame.Message m) {
      g.writeStringField("type", "message");
      WireWriters.messageFields(g, m.message());
    } else if (frame instanceof ServerFrame.Sent s) {
      head(g, "sent", s.ref());
      g.writeStringField("clientId", s.clientId());
      g.writeStringField("conversationId", s.conversationId());
      g.writeNumberField("seq", s.seq());
      g.writeNumberField("ts", s.ts());
    } else if (frame instanceof ServerFrame.Receipt r) {
      g.writeStringField("type", "receipt");
      g.writeStringField("conversationId", r.conversationId());
      g.writeStringField("userId", r.userId());
      g.writeStringField("status", r.status().wire());
      g.writeNumberField("seq", r.seq());
    } else if (frame instanceof ServerFrame.Typing t) {
      g.writeStringField("type", "typing");
      g.writeStringField("conversationId", t.conversationId());
      g.writeStringField("userId", t.userId());
      g.writeStringField("state", t.state());
    } else if (frame instanceof ServerFrame.Presence p) {
      g.writeStringField("type", "presence");
      WireWriters.presenceFields(g, p.status());
    } else if (frame instanceof ServerFrame.History h) {
      head(g, "history", h.ref());
      g.writeStringField("conversationId", h.conversationId());
      g.writeFieldName("messages");
      WireWriters.messages(g, h.messages());
      g.writeBooleanField("hasMore", h.hasMore());
    } else if (frame instanceof ServerFrame.Synced s) {
      head(g, "synced", s.ref());
      g.writeFieldName("conversations");
      WireWriters.summaries(g, s.conversations());
    } else if (frame instanceof ServerFrame.Updated u) {
      head(g, "updated", u.ref());
      g.writeStringField("conversationId", u.conversationId());
      g.writeNumberField("target", u.target());
      if (u.seq() == null) {
        g.writeNullField("seq");
        g.writeNullField("ts");
      } else {
        g.writeNumberField("seq", u.seq());
        g.writeNumberField("ts", u.ts());
      }
    } else if (frame instanceof ServerFrame.Conversation c) {
      g.writeStringField("type", "conversation");
      g.writeFieldName("conversation");
      WireWriters.summary(g, c.conversation());
    } else if (frame instanceof ServerFrame.Pong p) {
      head(g, "pong", p.ref());
    } else if (frame instanceof ServerFrame.Ready r) {
      g.writeStringField("type", "ready");
      g.writeStringField("userId", r.userId());
      g.writeStringField("deviceId", r.deviceId());
      g.writeNumberField("protocol", r.protocol());
      g.writeNumberField("serverTime", r.serverTime());
    } else if (frame instanceof ServerFrame.Error e) {
      head(g, "error", e.ref());
      g.writeStringField("code", e.code().wire());
      g.writeStringField("message", e.message());
    } else {
      throw new IllegalArgumentException("unknown frame " + frame.getClass());
    }
    g.writeEndObject();
  }

  /** {@code "type"} and, when there is one, {@code "ref"}. */
  private static void head(JsonGenerator g, String type, String ref) throws IOException {
    g.writeStringField("type", type);
    if (ref != null) {
      g.writeStringField("ref", ref);
    }
  }
}
