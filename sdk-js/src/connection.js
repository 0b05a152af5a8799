// The WebSocket of PROTOCOL.md section 3: connect with the token, wait for `ready`, keep alive
// with `ping`, match replies to requests by `ref`, reconnect with backoff.

import { Emitter } from './emitter.js';
import { MessengerError } from './errors.js';
import { randomId } from './ids.js';

/**
 * @typedef {'connecting' | 'online' | 'offline' | 'stopped'} ConnectionState
 *
 * @typedef {object} ConnectionEvents
 * @property {{state: ConnectionState, retryAt?: number, code?: number}} state
 * @property {any} ready the `ready` frame
 * @property {any} frame every frame that is not the reply to a request
 * @property {{code: number}} revoked the server closed with 4001 (token revoked) or 4003 (suspended): no reconnect
 */

/**
 * @typedef {object} ConnectionOptions
 * @property {any} [WebSocket] the WebSocket class (default: the global one; Node 20 needs `--experimental-websocket`)
 * @property {number} [pingEveryMs] keep-alive interval, default 25,000 (the server closes after 60 s of silence)
 * @property {number} [silenceLimitMs] no frame for this long: drop and reconnect, default 70,000
 * @property {number} [requestTimeoutMs] a request without reply fails with `timeout`, default 15,000
 * @property {number} [connectTimeoutMs] no `ready` this long after opening: drop and reconnect, default 15,000
 * @property {number} [backoffFirstMs] first reconnect delay, default 500; doubles up to backoffMaxMs
 * @property {number} [backoffMaxMs] default 10,000
 * @property {number} [maxPending] requests waiting for a reply, default 1,024; more fail at once with `rate_limited`
 * @property {(line: string) => void} [debug] called with every frame in and out when set
 */

const CLOSE_CODES_FINAL = new Set([4001, 4003]);

/**
 * One logical connection that survives reconnects. States: `stopped` (before start and after
 * stop), `connecting`, `online` (after `ready`), `offline` (waiting to reconnect). Requests made
 * while not online fail at once with `offline`; requests pending when the socket drops fail
 * with `offline`. Every queue is bounded: `maxPending` replies awaited (overflow: `rate_limited`);
 * frames are written straight to the socket, whose own buffer the browser or Node bounds.
 *
 * @extends {Emitter<ConnectionEvents>}
 */
export class Connection extends Emitter {
  /**
   * @param {string} baseUrl the node's http(s) address; the socket is `/ws` on it
   * @param {ConnectionOptions} [options]
   */
  constructor(baseUrl, options = {}) {
    super();
    this.url = `${String(baseUrl).replace(/\/+$/, '').replace(/^http/, 'ws')}/ws`;
    this.WebSocket = options.WebSocket || globalThis.WebSocket;
    this.pingEveryMs = options.pingEveryMs ?? 25000;
    this.silenceLimitMs = options.silenceLimitMs ?? 70000;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15000;
    this.connectTimeoutMs = options.connectTimeoutMs ?? 15000;
    this.backoffFirstMs = options.backoffFirstMs ?? 500;
    this.backoffMaxMs = options.backoffMaxMs ?? 10000;
    this.maxPending = options.maxPending ?? 1024;
    this.debug = options.debug || null;
    /** @type {ConnectionState} */
    this.state = 'stopped';
    /** @type {any} */
    this.ws = null;
    this.token = '';
    this.backoff = this.backoffFirstMs;
    /** @type {any} */
    this.retryTimer = null;
    /** @type {any} */
    this.pingTimer = null;
    /** @type {any} */
    this.connectTimer = null;
    this.lastFrameAt = 0;
    /** @type {Map<string, {resolve: (f: any) => void, reject: (e: Error) => void, timer: any}>} */
    this.pending = new Map();
  }

  /** Opens the socket with this token and keeps it open until stop(). @param {string} token */
  start(token) {
    if (!this.WebSocket) throw new MessengerError('bad_request', 'No WebSocket class: pass options.WebSocket');
    this.token = token;
    this.backoff = this.backoffFirstMs;
    this.open();
  }

  /** Closes for good (no reconnect); pending requests fail with `closed`. */
  stop() {
    this.setState('stopped');
    clearTimeout(this.retryTimer);
    clearTimeout(this.connectTimer);
    clearInterval(this.pingTimer);
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      try {
        ws.close(1000, 'bye');
      } catch (e) {
        // already closed
      }
    }
    this.failPending('closed');
  }

  /** Reconnects now when waiting to (e.g. the network came back). */
  kick() {
    if (this.state !== 'offline') return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  /** True after `ready` while the socket is open. @returns {boolean} */
  get online() {
    return this.state === 'online' && !!this.ws && this.ws.readyState === 1;
  }

  /** @param {ConnectionState} state @param {{retryAt?: number, code?: number}} [detail] */
  setState(state, detail = {}) {
    this.state = state;
    this.emit('state', { state, ...detail });
  }

  open() {
    clearTimeout(this.retryTimer);
    this.setState('connecting');
    let ws;
    try {
      ws = new this.WebSocket(`${this.url}?access_token=${encodeURIComponent(this.token)}`);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    clearTimeout(this.connectTimer);
    // A node that accepts the connection but never answers (shutting down, overloaded) must not
    // leave the client waiting for ever.
    this.connectTimer = setTimeout(() => {
      if (ws !== this.ws || this.state === 'online') return;
      this.ws = null;
      try {
        ws.close();
      } catch (e) {
        // ignore
      }
      this.scheduleReconnect();
    }, this.connectTimeoutMs);
    ws.onmessage = (/** @type {{data: any}} */ ev) => {
      if (ws !== this.ws) return;
      this.lastFrameAt = Date.now();
      if (this.debug) this.debug(`<< ${ev.data}`);
      let frame;
      try {
        frame = JSON.parse(String(ev.data));
      } catch (e) {
        return;
      }
      if (frame && typeof frame === 'object') this.onFrame(frame);
    };
    ws.onclose = (/** @type {{code: number}} */ ev) => {
      if (ws !== this.ws) return;
      this.ws = null;
      clearTimeout(this.connectTimer);
      clearInterval(this.pingTimer);
      this.failPending('offline');
      if (this.state === 'stopped') return;
      if (CLOSE_CODES_FINAL.has(ev.code)) {
        this.setState('stopped', { code: ev.code });
        this.emit('revoked', { code: ev.code });
        return;
      }
      this.scheduleReconnect(ev.code);
    };
    ws.onerror = () => {
      // onclose follows
    };
  }

  /** @param {number} [code] */
  scheduleReconnect(code) {
    if (this.state === 'stopped') return;
    // Persistent flooding (4008) or an overloaded node (1013): start from a longer wait.
    if (code === 4008 || code === 1013) this.backoff = Math.max(this.backoff, 4000);
    const delay = Math.round(this.backoff * (0.8 + Math.random() * 0.4));
    this.backoff = Math.min(this.backoffMaxMs, this.backoff * 2);
    this.setState('offline', { retryAt: Date.now() + delay, code });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  /** @param {any} frame */
  onFrame(frame) {
    if (frame.type === 'ready') {
      clearTimeout(this.connectTimer);
      this.backoff = this.backoffFirstMs;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.keepAlive(), this.pingEveryMs);
      this.setState('online');
      this.emit('ready', frame);
      return;
    }
    const p = typeof frame.ref === 'string' ? this.pending.get(frame.ref) : undefined;
    if (p) {
      this.pending.delete(frame.ref);
      clearTimeout(p.timer);
      if (frame.type === 'error') p.reject(new MessengerError(frame.code || 'internal', frame.message, 0));
      else p.resolve(frame);
      return;
    }
    this.emit('frame', frame);
  }

  keepAlive() {
    if (!this.ws || this.state !== 'online') return;
    if (Date.now() - this.lastFrameAt > this.silenceLimitMs) {
      try {
        this.ws.close(4000, 'silent');
      } catch (e) {
        // ignore
      }
      return;
    }
    this.send({ type: 'ping' });
  }

  /**
   * Writes a frame if the socket is open; returns whether it went out.
   * @param {Record<string, unknown>} frame
   * @returns {boolean}
   */
  send(frame) {
    if (!this.ws || this.ws.readyState !== 1) return false;
    const text = JSON.stringify(frame);
    if (this.debug) this.debug(`>> ${text}`);
    this.ws.send(text);
    return true;
  }

  /**
   * Sends a frame with a `ref` and resolves with the reply; rejects with the `error` frame's
   * code, `offline`, `timeout` or `rate_limited` (too many requests waiting).
   * @param {Record<string, unknown>} frame
   * @param {string} [ref] default: a random id
   * @returns {Promise<any>}
   */
  request(frame, ref = randomId()) {
    return new Promise((resolve, reject) => {
      if (!this.online) {
        reject(new MessengerError('offline', 'Not connected.'));
        return;
      }
      if (this.pending.size >= this.maxPending) {
        reject(new MessengerError('rate_limited', 'Too many requests waiting for a reply.'));
        return;
      }
      const old = this.pending.get(ref);
      if (old) {
        clearTimeout(old.timer);
        old.reject(new MessengerError('offline', 'Superseded by a new request with the same ref.'));
      }
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new MessengerError('timeout', 'No reply in time.'));
      }, this.requestTimeoutMs);
      this.pending.set(ref, { resolve, reject, timer });
      this.send({ ...frame, ref });
    });
  }

  /** @param {string} code */
  failPending(code) {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new MessengerError(code, code === 'closed' ? 'The client was closed.' : 'The connection dropped.'));
    }
    this.pending.clear();
  }
}
