/**
 * One logical connection that survives reconnects. States: `stopped` (before start and after
 * stop), `connecting`, `online` (after `ready`), `offline` (waiting to reconnect). Requests made
 * while not online fail at once with `offline`; requests pending when the socket drops fail
 * with `offline`. Every queue is bounded: `maxPending` replies awaited (overflow: `rate_limited`);
 * frames are written straight to the socket, whose own buffer the browser or Node bounds.
 *
 * @extends {Emitter<ConnectionEvents>}
 */
export class Connection extends Emitter<ConnectionEvents> {
    /**
     * @param {string} baseUrl the node's http(s) address; the socket is `/ws` on it
     * @param {ConnectionOptions} [options]
     */
    constructor(baseUrl: string, options?: ConnectionOptions);
    url: string;
    WebSocket: any;
    pingEveryMs: number;
    silenceLimitMs: number;
    requestTimeoutMs: number;
    connectTimeoutMs: number;
    backoffFirstMs: number;
    backoffMaxMs: number;
    maxPending: number;
    debug: ((line: string) => void) | null;
    /** @type {ConnectionState} */
    state: ConnectionState;
    /** @type {any} */
    ws: any;
    token: string;
    backoff: number;
    /** @type {any} */
    retryTimer: any;
    /** @type {any} */
    pingTimer: any;
    /** @type {any} */
    connectTimer: any;
    lastFrameAt: number;
    /** @type {Map<string, {resolve: (f: any) => void, reject: (e: Error) => void, timer: any}>} */
    pending: Map<string, {
        resolve: (f: any) => void;
        reject: (e: Error) => void;
        timer: any;
    }>;
    /** Opens the socket with this token and keeps it open until stop(). @param {string} token */
    start(token: string): void;
    /** Closes for good (no reconnect); pending requests fail with `closed`. */
    stop(): void;
    /** Reconnects now when waiting to (e.g. the network came back). */
    kick(): void;
    /** True after `ready` while the socket is open. @returns {boolean} */
    get online(): boolean;
    /** @param {ConnectionState} state @param {{retryAt?: number, code?: number}} [detail] */
    setState(state: ConnectionState, detail?: {
        retryAt?: number;
        code?: number;
    }): void;
    open(): void;
    /** @param {number} [code] */
    scheduleReconnect(code?: number): void;
    /** @param {any} frame */
    onFrame(frame: any): void;
    keepAlive(): void;
    /**
     * Writes a frame if the socket is open; returns whether it went out.
     * @param {Record<string, unknown>} frame
     * @returns {boolean}
     */
    send(frame: Record<string, unknown>): boolean;
    /**
     * Sends a frame with a `ref` and resolves with the reply; rejects with the `error` frame's
     * code, `offline`, `timeout` or `rate_limited` (too many requests waiting).
     * @param {Record<string, unknown>} frame
     * @param {string} [ref] default: a random id
     * @returns {Promise<any>}
     */
    request(frame: Record<string, unknown>, ref?: string): Promise<any>;
    /** @param {string} code */
    failPending(code: string): void;
}
export type ConnectionState = "connecting" | "online" | "offline" | "stopped";
export type ConnectionEvents = {
    state: {
        state: ConnectionState;
        retryAt?: number;
        code?: number;
    };
    /**
     * the `ready` frame
     */
    ready: any;
    /**
     * every frame that is not the reply to a request
     */
    frame: any;
    /**
     * the server closed with 4001 (token revoked) or 4003 (suspended): no reconnect
     */
    revoked: {
        code: number;
    };
};
export type ConnectionOptions = {
    /**
     * the WebSocket class (default: the global one; Node 20 needs `--experimental-websocket`)
     */
    WebSocket?: any;
    /**
     * keep-alive interval, default 25,000 (the server closes after 60 s of silence)
     */
    pingEveryMs?: number | undefined;
    /**
     * no frame for this long: drop and reconnect, default 70,000
     */
    silenceLimitMs?: number | undefined;
    /**
     * a request without reply fails with `timeout`, default 15,000
     */
    requestTimeoutMs?: number | undefined;
    /**
     * no `ready` this long after opening: drop and reconnect, default 15,000
     */
    connectTimeoutMs?: number | undefined;
    /**
     * first reconnect delay, default 500; doubles up to backoffMaxMs
     */
    backoffFirstMs?: number | undefined;
    /**
     * default 10,000
     */
    backoffMaxMs?: number | undefined;
    /**
     * requests waiting for a reply, default 1,024; more fail at once with `rate_limited`
     */
    maxPending?: number | undefined;
    /**
     * called with every frame in and out when set
     */
    debug?: ((line: string) => void) | undefined;
};
import { Emitter } from './emitter.js';
