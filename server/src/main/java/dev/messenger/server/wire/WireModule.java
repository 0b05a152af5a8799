package dev.messenger.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.messenger.core.accounts.User;
import dev.messenger.core.conversations.ConversationSummary;
import dev.messenger.core.model.Attachment;
import dev.messenger.core.model.Member;
import dev.messenger.core.model.Message;
import dev.messenger.core.presence.PresenceStatus;
import java.io.IOException;

/**
 * Teaches Jackson the wire form of the domain objects and of every {@link ServerFrame}, through
 * {@link WireWriters}: HTTP bodies and WebSocket frames share one encoding. Registered on {@link
 * Wire#MAPPER}. Thread-safe.
 */
final class WireModule extends SimpleModule {
  /** Writes one type with a {@link Writer}. */
  private static final class Using<T> extends StdSerializer<T> {
    private final Writer<T> writer;

    Using(Class<T> type, Writer<T> writer) {
      super(type);
      this.writer = writer;
    }

    @Override
    public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
      writer.write(g, value);
    }
  }

  @FunctionalInterface
  private interface Writer<T> {
    void write(JsonGenerator g, T value) throws IOException;
  }

  WireModule() {
    super("messenger-wire");
    add(Message.class, WireWriters::message);
    add(Attachment.class, WireWriters::media);
    add(Member.class, WireWriters::member);
    add(ConversationSummary.class, WireWriters::summary);
    add(User.class, WireWriters::user);
    add(
        PresenceStatus.class,
        (g, p) -> {
          g.writeStartObject();
          WireWriters.presenceFields(g, p);
          g.writeEndObject();
        });
    add(ServerFrame.class, FrameCodec::write);
  }

  private <T> void add(Class<T> type, Writer<T> writer) {
    addSerializer(type, new Using<>(type, writer));
  }
}
