package dev.messenger.core;

/**
 * A failure the client is told about: an {@link ErrorCode} and a message safe to show (never a
 * stack trace, a token or SQL). Thrown by the domain services and by store adapters; the edge turns
 * it into an error frame or an HTTP error body.
 */
public class MessengerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public MessengerException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public MessengerException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static MessengerException badRequest(String message) {
    return new MessengerException(ErrorCode.BAD_REQUEST, message);
  }

  public static MessengerException notFound(String message) {
    return new MessengerException(ErrorCode.NOT_FOUND, message);
  }

  public static MessengerException forbidden(String message) {
    return new MessengerException(ErrorCode.FORBIDDEN, message);
  }

  /**
   * The {@link MessengerException} at the root of a failed future, or an {@code internal} one when
   * the failure is anything else (the cause is kept for the log, never shown to clients).
   */
  public static MessengerException unwrap(Throwable failure) {
    Throwable t = failure;
    while (t != null) {
      if (t instanceof MessengerException me) {
        return me;
      }
      t = t.getCause();
    }
    return new MessengerException(ErrorCode.INTERNAL, "internal error", failure);
  }
}
