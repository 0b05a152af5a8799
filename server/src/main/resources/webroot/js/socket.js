// The WebSocket of PROTOCOL.md section 3, with reconnect, keep-alive and
// request/reply matching by ref.

import { randomId } from './format.js';

const PING_EVERY_MS = 25000;
const SILENCE_LIMIT_MS = 70000;
const REQUEST_TIMEOUT_MS = 15000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 10000;

export class ChatSocket {
  /**
   * handlers: onReady(frame), onFrame(frame), onState(state, detail) with state
   * "connecting" | "online" | "offline", onRevoked(), onRejected() (the socket
   * could not open; maybe the token is bad: the app checks over HTTP).
   */
  constructor(handlers) {
    this.h = handlers;
    this.ws = null;
    this.token = null;
    this.ready = false;
    this.stopped = true;
    this.backoff = BACKOFF_FIRST_MS;
    this.retryTimer = null;
    this.pingTimer = null;
    this.lastFrameAt = 0;
    this.pending = new Map();
    this.failuresBeforeReady = 0;
  }

  start(token) {
    this.suspended = false;
    this.token = token;
    this.stopped = false;
    this.backoff = BACKOFF_FIRST_MS;
    this.open();
  }

  /** Closes for good (logout); no reconnect. */
  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    if (this.ws) {
      const ws = this.ws;
      this.ws = null;
      try {
        ws.close(1000, 'bye');
      } catch (e) {
        // already closed
      }
    }
    this.ready = false;
    this.failPending('closed');
  }

  /**
   * Closes while the page is hidden in the back/forward cache (the browser may
   * otherwise keep the socket open, and the user would look online); resume()
   * reconnects.
   */
  suspend() {
    if (this.stopped) return;
    this.stop();
    this.suspended = true;
  }

  resume() {
    if (!this.suspended || !this.token) return;
    this.suspended = false;
    this.start(this.token);
  }

  /** Reconnects at once (e.g. the browser came back online). */
  kick() {
    if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  get debug() {
    try {
      return localStorage.getItem('messenger.debug') === '1';
    } catch (e) {
      return false;
    }
  }

  open() {
    clearTimeout(this.retryTimer);
    this.h.onState('connecting');
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = `${proto}//${location.host}/ws?access_token=${encodeURIComponent(this.token)}`;
    let ws;
    try {
      ws = new WebSocket(url);
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.ready = false;
    ws.onmessage = (ev) => {
      if (ws !== this.ws) return;
      this.lastFrameAt = Date.now();
      if (this.debug) console.debug('ws <<', ev.data);
      let frame;
      try {
        frame = JSON.parse(ev.data);
      } catch (e) {
        return;
      }
      this.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (this.debug) console.debug('ws closed', ev.code, ev.reason);
      if (ws !== this.ws) return;
      this.ws = null;
      const wasReady = this.ready;
      this.ready = false;
      clearInterval(this.pingTimer);
      this.failPending('disconnected');
      if (this.stopped) return;
      if (ev.code === 4001) {
        this.stopped = true;
        this.h.onRevoked();
        return;
      }
      if (!wasReady) {
        this.failuresBeforeReady += 1;
        // A refused upgrade (e.g. 401) looks like 1006 to a page: let the app check the token.
        if (this.failuresBeforeReady >= 2 && this.h.onRejected) this.h.onRejected();
      }
      this.scheduleReconnect();
    };
    ws.onerror = () => {
      // onclose follows and handles it.
    };
  }

  scheduleReconnect() {
    if (this.stopped) return;
    const delay = this.backoff;
    this.backoff = Math.min(BACKOFF_MAX_MS, this.backoff * 2);
    this.h.onState('offline', { retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  onFrame(frame) {
    if (frame.type === 'ready') {
      this.ready = true;
      this.backoff = BACKOFF_FIRST_MS;
      this.failuresBeforeReady = 0;
      clearInterval(this.pingTimer);
      this.pingTimer = setInterval(() => this.keepAlive(), PING_EVERY_MS);
      this.h.onState('online');
      this.h.onReady(frame);
      return;
    }
    if (frame.ref && this.pending.has(frame.ref)) {
      const p = this.pending.get(frame.ref);
      this.pending.delete(frame.ref);
      clearTimeout(p.timer);
      if (frame.type === 'error') {
        const err = new Error(frame.message || frame.code);
        err.code = frame.code;
        p.reject(err);
      } else {
        p.resolve(frame);
      }
      if (!p.alsoDispatch) return;
    }
    this.h.onFrame(frame);
  }

  keepAlive() {
    if (!this.ws || !this.ready) return;
    if (Date.now() - this.lastFrameAt > SILENCE_LIMIT_MS) {
      // The server stopped answering pings: drop and reconnect.
      try {
        this.ws.close(4000, 'silent');
      } catch (e) {
        // ignore
      }
      return;
    }
    this.send({ type: 'ping' });
  }

  get connected() {
    return !!this.ws && this.ready && this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a frame if connected; returns whether it went out. */
  send(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.debug) console.debug('ws >>', JSON.stringify(frame));
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /**
   * Sends a frame with a ref and resolves with the reply frame (rejects on an
   * error frame, a timeout or a disconnect). alsoDispatch: also hand the reply
   * to onFrame.
   */
  request(frame, { alsoDispatch = false, ref = randomId() } = {}) {
    return new Promise((resolve, reject) => {
      if (!this.connected) {
        reject(Object.assign(new Error('not connected'), { code: 'offline' }));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(Object.assign(new Error('timed out'), { code: 'timeout' }));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(ref, { resolve, reject, timer, alsoDispatch });
      this.send({ ...frame, ref });
    });
  }

  failPending(why) {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(Object.assign(new Error(why), { code: 'offline' }));
    }
    this.pending.clear();
  }
}
