package dev.messenger.server.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Assembles WebSocket messages from data frames (RFC 6455 section 5.4), in place of Vert.x's
 * aggregator, which wedges on an empty first fragment: at most {@code maxMessageBytes} per message
 * however fragmented, text strictly UTF-8. Not thread-safe: one per connection, used on its event
 * loop.
 */
final class FrameAssembler {
  /** What one frame completed: nothing yet, a text message, or a problem to report. */
  sealed interface Outcome {}

  /** The frame did not complete a message (or was a control frame). */
  record Incomplete() implements Outcome {}

  /** A complete text message. */
  record Text(String text) implements Outcome {}

  /** The message is refused with {@code bad_request}; the connection stays. */
  record Refused(String message) implements Outcome {}

  /** The message grew past the limit: close with 1009. */
  record TooLarge() implements Outcome {}

  private static final Outcome INCOMPLETE = new Incomplete();

  private final int maxMessageBytes;
  private Buffer assembling;
  private boolean text;

  FrameAssembler(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  Outcome accept(WebSocketFrame f) {
    WebSocketFrameType type = f.type();
    if (type != WebSocketFrameType.TEXT
        && type != WebSocketFrameType.BINARY
        && type != WebSocketFrameType.CONTINUATION) {
      return INCOMPLETE;
    }
    if (type != WebSocketFrameType.CONTINUATION) {
      assembling = Buffer.buffer();
      text = type == WebSocketFrameType.TEXT;
    } else if (assembling == null) {
      return new Refused("continuation frame without a message");
    }
    Buffer data = f.binaryData();
    if (assembling.length() + data.length() > maxMessageBytes) {
      assembling = null;
      return new TooLarge();
    }
    assembling.appendBuffer(data);
    if (!f.isFinal()) {
      return INCOMPLETE;
    }
    Buffer message = assembling;
    assembling = null;
    if (!text) {
      return new Refused("frames must be JSON text");
    }
    try {
      return new Text(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(message.getBytes()))
              .toString());
    } catch (CharacterCodingException e) {
      return new Refused("text frames must be UTF-8");
    }
  }
}
