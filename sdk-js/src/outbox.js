// The outbox: sends that the server has not acknowledged yet. Each keeps its clientId, so a
// resend after a reconnect, a timeout or a page reload stores nothing twice (PROTOCOL.md
// section 3 "Idempotent send").

import { MessengerError } from './errors.js';

/**
 * @typedef {object} OutboxEntry
 * @property {string} clientId
 * @property {string} [conversationId] where it goes, or
 * @property {string} [to] a user id: the direct conversation with that user
 * @property {string} body
 * @property {string[]} [attachments] media ids
 * @property {number} [replyTo]
 * @property {string[]} [mentions]
 * @property {{conversationId: string, seq: number}} [forward]
 * @property {number} ts when it was written, the client's clock (ms)
 * @property {'sending' | 'failed'} state `failed`: the server refused it; it waits for retry() or discard()
 * @property {string} [error] the error code of a failed entry
 * @property {number} attempts sends so far
 */

/**
 * Where entries survive a reload: `load()` once at start, `save()` after every change. The web
 * client keeps them in localStorage; the default keeps them in memory.
 * @typedef {object} OutboxStorage
 * @property {() => OutboxEntry[]} load
 * @property {(entries: OutboxEntry[]) => void} save
 */

/**
 * @typedef {object} Transport
 * @property {() => boolean} online
 * @property {(frame: Record<string, unknown>, ref: string) => Promise<any>} request
 */

/**
 * Holds at most `max` entries (default 1,000); a send beyond that fails at once with
 * `outbox_full` and nothing is kept. Entries are transmitted in the order they were written when
 * the connection is online, and all again after each `ready`; an answer `rate_limited`,
 * `unavailable`, `internal` or a timeout retries with backoff (1 s doubling to 30 s); any other
 * error marks the entry `failed` (its text is kept). Single-threaded like all JavaScript.
 */
export class Outbox {
  /**
   * @param {Transport} transport
   * @param {object} [options]
   * @param {OutboxStorage} [options.storage]
   * @param {number} [options.max]
   * @param {(sent: any, entry: OutboxEntry) => void} [options.onSent] after the server acknowledged an entry
   * @param {(entries: OutboxEntry[]) => void} [options.onChange] after any change
   */
  constructor(transport, options = {}) {
    this.transport = transport;
    this.storage = options.storage || null;
    this.max = options.max ?? 1000;
    this.onSent = options.onSent || (() => {});
    this.onChange = options.onChange || (() => {});
    /** @type {Map<string, OutboxEntry>} */
    this.entries = new Map();
    /** @type {Map<string, {resolve: (s: any) => void, reject: (e: Error) => void}>} */
    this.waiters = new Map();
    /** @type {Map<string, any>} */
    this.retryTimers = new Map();
    if (this.storage) {
      /** @type {OutboxEntry[]} */
      let list = [];
      try {
        list = this.storage.load() || [];
      } catch (e) {
        list = [];
      }
      for (const e of list) if (e && e.clientId) this.entries.set(e.clientId, { ...e, state: e.state === 'failed' ? 'failed' : 'sending', attempts: e.attempts || 0 });
    }
  }

  /** The entries in the order written. @returns {OutboxEntry[]} */
  list() {
    return Array.from(this.entries.values());
  }

  /**
   * Adds an entry and sends it when online; resolves with the `sent` reply once the message is
   * stored, rejects when the server refuses it (the entry stays, `failed`).
   * @param {Omit<OutboxEntry, 'state' | 'attempts' | 'ts'> & {ts?: number}} entry
   * @returns {Promise<any>}
   */
  add(entry) {
    if (this.entries.has(entry.clientId)) return this.waitFor(entry.clientId);
    if (this.entries.size >= this.max) {
      return Promise.reject(new MessengerError('outbox_full', `The outbox holds ${this.max} unsent messages already.`));
    }
    const e = { ...entry, ts: entry.ts ?? Date.now(), state: /** @type {'sending'} */ ('sending'), attempts: 0 };
    this.entries.set(e.clientId, e);
    const p = this.waitFor(e.clientId);
    this.changed();
    this.transmit(e);
    return p;
  }

  /** @param {string} clientId @returns {Promise<any>} */
  waitFor(clientId) {
    return new Promise((resolve, reject) => {
      const old = this.waiters.get(clientId);
      this.waiters.set(clientId, {
        resolve: (s) => { if (old) old.resolve(s); resolve(s); },
        reject: (err) => { if (old) old.reject(err); reject(err); },
      });
    });
  }

  /** Sends every entry still `sending` (after `ready`). */
  flush() {
    for (const e of this.list()) if (e.state === 'sending') this.transmit(e);
  }

  /** Sends a failed entry again. @param {string} clientId */
  retry(clientId) {
    const e = this.entries.get(clientId);
    if (!e) return;
    e.state = 'sending';
    e.error = undefined;
    this.changed();
    this.transmit(e);
  }

  /** Drops an entry; its promise rejects with `closed`. @param {string} clientId */
  discard(clientId) {
    if (!this.entries.delete(clientId)) return;
    clearTimeout(this.retryTimers.get(clientId));
    this.retryTimers.delete(clientId);
    const w = this.waiters.get(clientId);
    this.waiters.delete(clientId);
    if (w) w.reject(new MessengerError('closed', 'Discarded.'));
    this.changed();
  }

  /** Stops retry timers (the entries stay, and are saved). */
  close() {
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
  }

  /** @param {OutboxEntry} e */
  transmit(e) {
    if (!this.transport.online() || this.retryTimers.has(e.clientId)) return;
    e.attempts += 1;
    /** @type {Record<string, unknown>} */
    const frame = { type: 'send', clientId: e.clientId };
    if (e.conversationId) frame.conversationId = e.conversationId;
    else frame.to = e.to;
    if (e.forward) frame.forward = e.forward;
    else frame.body = e.body;
    if (e.attachments && e.attachments.length) frame.attachments = e.attachments;
    if (e.replyTo != null) frame.replyTo = e.replyTo;
    if (e.mentions && e.mentions.length) frame.mentions = e.mentions;
    // ref = clientId: a late `sent` or `error` (after a timeout) still finds its entry.
    this.transport.request(frame, e.clientId).then((sent) => this.acknowledged(sent), (err) => this.refused(e, err));
  }

  /**
   * A `sent` frame, as the reply to a request or arriving late after a timeout.
   * @param {any} frame
   */
  acknowledged(frame) {
    const sent = { clientId: frame.clientId, conversationId: frame.conversationId, seq: frame.seq, ts: frame.ts };
    const e = this.entries.get(sent.clientId);
    if (!e) return;
    this.entries.delete(sent.clientId);
    clearTimeout(this.retryTimers.get(sent.clientId));
    this.retryTimers.delete(sent.clientId);
    this.changed();
    this.onSent(sent, e);
    const w = this.waiters.get(sent.clientId);
    this.waiters.delete(sent.clientId);
    if (w) w.resolve(sent);
  }

  /**
   * An `error` frame whose ref is an entry's clientId, arriving after its request timed out.
   * @param {any} frame
   */
  lateError(frame) {
    const e = this.entries.get(frame.ref);
    if (e) this.refused(e, new MessengerError(frame.code || 'internal', frame.message));
  }

  /** @param {OutboxEntry} e @param {any} err */
  refused(e, err) {
    if (this.entries.get(e.clientId) !== e) return;
    const code = (err && err.code) || 'internal';
    if (code === 'offline' || code === 'closed') return; // sent again after the next ready
    if (err instanceof MessengerError && err.retryable) {
      const delay = Math.min(30000, 1000 * 2 ** Math.min(5, e.attempts - 1));
      this.retryTimers.set(e.clientId, setTimeout(() => {
        this.retryTimers.delete(e.clientId);
        if (this.entries.get(e.clientId) === e && e.state === 'sending') this.transmit(e);
      }, delay));
      return;
    }
    e.state = 'failed';
    e.error = code;
    this.changed();
    const w = this.waiters.get(e.clientId);
    this.waiters.delete(e.clientId);
    if (w) w.reject(err instanceof Error ? err : new MessengerError(code, String(err)));
  }

  changed() {
    const list = this.list();
    if (this.storage) {
      try {
        this.storage.save(list);
      } catch (e) {
        // storage full or disabled: the entries live in memory only
      }
    }
    this.onChange(list);
  }
}
