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
    constructor(code: string, message?: string, status?: number, retryAfterSeconds?: number);
    /** @type {string} */
    code: string;
    /** @type {number} */
    status: number;
    /** @type {number | undefined} */
    retryAfterSeconds: number | undefined;
    /**
     * True when trying the same thing again later may succeed (the server was busy or out of
     * reach); false when the request itself was refused.
     * @returns {boolean}
     */
    get retryable(): boolean;
}
