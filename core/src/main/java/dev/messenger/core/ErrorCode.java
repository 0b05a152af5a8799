package dev.messenger.core;

/**
 * Every error the protocol names (PROTOCOL.md section 2, "Errors"). The edge maps a code to an HTTP
 * status with {@link #httpStatus()} and writes {@link #wire()} as the {@code code} field.
 */
public enum ErrorCode {
  BAD_REQUEST("bad_request", 400),
  UNAUTHORIZED("unauthorized", 401),
  FORBIDDEN("forbidden", 403),
  NOT_FOUND("not_found", 404),
  CONFLICT("conflict", 409),
  TOO_LARGE("too_large", 413),
  RATE_LIMITED("rate_limited", 429),
  INTERNAL("internal", 500),
  UNAVAILABLE("unavailable", 503);

  private final String wire;
  private final int httpStatus;

  ErrorCode(String wire, int httpStatus) {
    this.wire = wire;
    this.httpStatus = httpStatus;
  }

  /** The value of the {@code code} field on the wire, e.g. {@code bad_request}. */
  public String wire() {
    return wire;
  }

  /** The HTTP status code this error is answered with. */
  public int httpStatus() {
    return httpStatus;
  }
}
