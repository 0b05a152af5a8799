// Errors of the SDK: one class for every failure the server reports (HTTP error bodies and
// WebSocket `error` frames, PROTOCOL.md section 2 "Errors") and for the SDK's own
// (offline, timeout, outbox_full).

/**
 * A failure with the protocol's error code.
 *
 * `code` is one of the server's codes (`bad_request`, `unauthorized`, `forbidden`, `not_found`,
 * `conflict`, `too_large`, `rate_limited`, `internal`, `unavailable`) or one of the SDK's:
 * `network` (the server could not be reached), `offline` (no open connection), `timeout` (no
 * reply within the request timeout), `closed` (the client was closed), `outbox_full`.
 * `status` is the HTTP status, or 0 for failures that did not come from an HTTP answer.
 */
export class MessengerError extends Error {
  /**
   * @param {string} code the protocol's or the SDK's error code
   * @param {string} [message] human-readable text (the server's, when it sent one)
   * @param {number} [status] HTTP status, 0 when none
   * @param {number} [retryAfterSeconds] from a `Retry-After` header, when there was one
   */
  constructor(code, message, status = 0, retryAfterSeconds = undefined) {
    super(message || code);
    this.name = 'MessengerError';
    /** @type {string} */
    this.code = code;
    /** @type {number} */
    this.status = status;
    /** @type {number | undefined} */
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * True when trying the same thing again later may succeed (the server was busy or out of
   * reach); false when the request itself was refused.
   * @returns {boolean}
   */
  get retryable() {
    return RETRYABLE.has(this.code);
  }
}

const RETRYABLE = new Set(['network', 'offline', 'timeout', 'rate_limited', 'unavailable', 'internal']);
