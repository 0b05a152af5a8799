package dev.messenger.server.chat;

/**
 * WebSocket close codes the server uses (RFC 6455 section 7.4 and PROTOCOL.md "Close codes" and
 * section 10).
 */
public enum CloseCode {
  /** Idle timeout. */
  NORMAL(1000),
  /** The server is shutting down: reconnect with backoff. */
  GOING_AWAY(1001),
  /** The client broke the WebSocket protocol (a corrupt frame). */
  PROTOCOL_ERROR(1002),
  /** Slow consumer: the bounded outbound queue was full. */
  POLICY(1008),
  /** A message over 64 KiB. */
  TOO_BIG(1009),
  /** The node is overloaded (worker pool full at connect): reconnect with backoff. */
  TRY_AGAIN_LATER(1013),
  /** Token revoked or invalid. */
  REVOKED(4001),
  /** The user is suspended. */
  SUSPENDED(4003),
  /** Persistent flooding beyond the rate limit. */
  ABUSE(4008);

  private final int code;

  CloseCode(int code) {
    this.code = code;
  }

  /** The numeric code sent in the close frame. */
  public int code() {
    return code;
  }
}
