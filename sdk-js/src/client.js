// The SDK's front door: one object per device session that owns the HTTP API, the WebSocket,
// the outbox and the ordering of messages, and reports everything as typed events.

import { Emitter } from './emitter.js';
import { HttpApi } from './http.js';
import { Connection } from './connection.js';
import { Outbox } from './outbox.js';
import { Sequencer } from './sequencer.js';
import { MessengerError } from './errors.js';
import { randomId } from './ids.js';

/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Summary} Summary */
/** @typedef {import('./types.js').Session} Session */
/** @typedef {import('./types.js').Sent} Sent */
/** @typedef {import('./types.js').Updated} Updated */
/** @typedef {import('./types.js').HistoryPage} HistoryPage */
/** @typedef {import('./types.js').SendOptions} SendOptions */
/** @typedef {import('./outbox.js').OutboxEntry} OutboxEntry */
/** @typedef {import('./outbox.js').OutboxStorage} OutboxStorage */
/** @typedef {import('./connection.js').ConnectionOptions} ConnectionOptions */
/** @typedef {import('./connection.js').ConnectionState} ConnectionState */

/**
 * @typedef {object} ClientEvents
 * @property {{state: ConnectionState, retryAt?: number, code?: number}} state connection changes
 * @property {{userId: string, deviceId: string, protocol: number, serverTime: number}} ready after each (re)connect, before the sync
 * @property {{conversations: Summary[]}} synced the answer to the sync after each ready
 * @property {Message} message every message, system note and update entry, in seq order per tracked conversation
 * @property {Sent & {entry: OutboxEntry}} sent one of this device's sends is stored
 * @property {OutboxEntry[]} outbox the unsent entries changed
 * @property {import('./types.js').Receipt} receipt
 * @property {import('./types.js').Typing} typing
 * @property {import('./types.js').Presence} presence
 * @property {{conversation: Summary}} conversation the caller's own settings of a conversation changed (mute, archive, clear)
 * @property {{code: string, message?: string, ref?: string}} error an error frame that answers no request of this client
 * @property {{conversationId: string, error: MessengerError}} fillfailed a gap fill failed (`not_found`/`forbidden`: the conversation is gone)
 * @property {{code: number}} revoked the token was revoked (4001) or the user suspended (4003); the client stopped
 */

/**
 * @typedef {object} ClientOptions
 * @property {typeof fetch} [fetch]
 * @property {Session} [session] a device session to use (skip login)
 * @property {OutboxStorage} [outboxStorage] where unsent messages survive a reload (default: memory)
 * @property {number} [maxOutbox] default 1,000
 * @property {boolean} [autoTrack] deliver every conversation's messages in order with gap fill (default true); false: only those passed to track()
 * @property {() => void} [onUnauthorized] an HTTP request answered 401
 */

/**
 * A Messenger client for one device: `login` (or a `session`), `connect`, then `send` and
 * listen. Reconnects by itself, runs `sync` after every `ready`, fills gaps, resends the outbox.
 * Everything is asynchronous and single-threaded; methods that talk to the server return
 * promises that reject with {@link MessengerError}.
 *
 * @extends {Emitter<ClientEvents>}
 */
export class MessengerClient extends Emitter {
  /**
   * @param {string} baseUrl e.g. `http://127.0.0.1:8080`
   * @param {ClientOptions & ConnectionOptions} [options]
   */
  constructor(baseUrl, options = {}) {
    super();
    this.api = new HttpApi(baseUrl, { fetch: options.fetch, onUnauthorized: options.onUnauthorized });
    this.connection = new Connection(baseUrl, options);
    /** @type {Session | null} */
    this.session = null;
    /** Server time minus the local clock, from `ready` (ms). */
    this.clockOffset = 0;
    this.protocol = 1;
    this.sequencer = new Sequencer({
      autoTrack: options.autoTrack,
      fetchAfter: (id, after, limit) => this.history(id, { after, limit }),
      deliver: (m) => this.emit('message', m),
      onFillError: (id, error) => this.emit('fillfailed', { conversationId: id, error }),
    });
    this.outbox = new Outbox({ online: () => this.connection.online, request: (f, ref) => this.connection.request(f, ref) }, {
      storage: options.outboxStorage,
      max: options.maxOutbox,
      onSent: (sent, entry) => this.onSent(sent, entry),
      onChange: (entries) => this.emit('outbox', entries),
    });
    this.connection.on('state', (s) => this.emit('state', s));
    this.connection.on('revoked', (r) => {
      this.outbox.close();
      this.emit('revoked', r);
    });
    this.connection.on('ready', (f) => this.onReady(f));
    this.connection.on('frame', (f) => this.onFrame(f));
    if (options.session) this.useSession(options.session);
  }

  /** The server's clock now (ms), as far as this client knows it. @returns {number} */
  now() {
    return Date.now() + this.clockOffset;
  }

  /** @param {Session} session */
  useSession(session) {
    this.session = session;
    this.api.token = session.token;
  }

  /**
   * Creates an account, then logs in as a new device.
   * @param {string} username @param {string} password @param {string} [displayName] @param {string} [deviceName]
   * @returns {Promise<Session>}
   */
  async register(username, password, displayName, deviceName) {
    await this.api.register(username, password, displayName);
    return this.login(username, password, deviceName);
  }

  /** @param {string} username @param {string} password @param {string} [deviceName] @returns {Promise<Session>} */
  async login(username, password, deviceName) {
    const s = await this.api.login(username, password, deviceName);
    this.useSession(s);
    return s;
  }

  /**
   * Signs in with a token of the operator's identity provider (see {@link HttpApi.loginWithJwt}).
   * @param {string} jwt @param {string} [deviceName]
   * @returns {Promise<Session>}
   */
  async loginWithJwt(jwt, deviceName) {
    const s = await this.api.loginWithJwt(jwt, deviceName);
    this.useSession(s);
    return s;
  }

  /**
   * Opens the WebSocket; resolves with the first `ready` (the connection keeps reconnecting
   * after that until close()). Rejects if the client is closed or revoked first.
   * @returns {Promise<ClientEvents['ready']>}
   */
  connect() {
    if (!this.session) return Promise.reject(new MessengerError('unauthorized', 'Log in first.'));
    const token = this.session.token;
    return new Promise((resolve, reject) => {
      const offReady = this.once('ready', (f) => { offRevoked(); offState(); resolve(f); });
      const offRevoked = this.once('revoked', (r) => { offReady(); offState(); reject(new MessengerError('unauthorized', `Closed with ${r.code}`)); });
      const offState = this.on('state', (s) => {
        if (s.state === 'stopped' && !s.code) { offReady(); offRevoked(); offState(); reject(new MessengerError('closed', 'Closed.')); }
      });
      this.connection.start(token);
    });
  }

  /** Closes the socket for good; unsent entries stay in the outbox storage. */
  close() {
    this.connection.stop();
    this.outbox.close();
  }

  /** Closes and ends the session on the server (the token stops working). @returns {Promise<void>} */
  async logout() {
    this.close();
    await this.api.logout();
    this.session = null;
  }

  /** @param {any} f */
  async onReady(f) {
    if (typeof f.serverTime === 'number') this.clockOffset = f.serverTime - Date.now();
    this.protocol = f.protocol || 1;
    this.emit('ready', f);
    this.outbox.flush();
    try {
      await this.sync();
    } catch (e) {
      // dropped again: the next ready syncs
    }
  }

  /** Asks for every conversation's summary and fills what tracked conversations lack. @returns {Promise<Summary[]>} */
  async sync() {
    const r = await this.connection.request({ type: 'sync' });
    const list = r.conversations || [];
    this.emit('synced', { conversations: list });
    this.sequencer.onSynced(list);
    return list;
  }

  /** @param {any} f */
  onFrame(f) {
    switch (f.type) {
      case 'message': this.sequencer.onLive(f); break;
      case 'sent': this.outbox.acknowledged(f); break;
      case 'receipt': this.emit('receipt', f); break;
      case 'typing': this.emit('typing', f); break;
      case 'presence': this.emit('presence', f); break;
      case 'conversation': this.emit('conversation', f); break;
      case 'error':
        if (f.ref && this.outbox.entries.has(f.ref)) this.outbox.lateError(f);
        else this.emit('error', f);
        break;
      default: break;
    }
  }

  /** @param {Sent} sent @param {OutboxEntry} entry */
  onSent(sent, entry) {
    const simple = !entry.forward && !(entry.attachments && entry.attachments.length) && this.session;
    if (simple) {
      /** @type {Message} */
      const m = {
        conversationId: sent.conversationId, seq: sent.seq, senderId: /** @type {Session} */ (this.session).userId,
        clientId: sent.clientId, ts: sent.ts, kind: 'text', body: entry.body,
      };
      if (entry.replyTo != null) m.replyTo = entry.replyTo;
      if (entry.mentions && entry.mentions.length) m.mentions = entry.mentions;
      this.emit('sent', { ...sent, entry });
      this.sequencer.onLive(m);
    } else {
      this.emit('sent', { ...sent, entry });
      this.sequencer.onSeq(sent.conversationId, sent.seq);
    }
  }

  // ---- sending ----

  /**
   * Sends a text message through the outbox: resolves once it is stored (durable), and is
   * resent after reconnects until then. Rejects when the server refuses it (e.g. `too_large`)
   * or the outbox is full.
   * @param {string} conversationId
   * @param {string} body
   * @param {SendOptions} [options]
   * @returns {Promise<Sent>}
   */
  send(conversationId, body, options = {}) {
    const { clientId = randomId(), ...rest } = options;
    return this.outbox.add({ clientId, conversationId, body, ...rest });
  }

  /** Sends to a user: the direct conversation, created on first use. @param {string} userId @param {string} body @param {SendOptions} [options] @returns {Promise<Sent>} */
  sendTo(userId, body, options = {}) {
    const { clientId = randomId(), ...rest } = options;
    return this.outbox.add({ clientId, to: userId, body, ...rest });
  }

  /**
   * Forwards a message (its body and attachments) into another conversation.
   * @param {string} toConversationId
   * @param {{conversationId: string, seq: number}} from
   * @returns {Promise<Sent>}
   */
  forward(toConversationId, from) {
    return this.outbox.add({ clientId: randomId(), conversationId: toConversationId, body: '', forward: from });
  }

  /** Sends a failed outbox entry again. @param {string} clientId */
  retry(clientId) { this.outbox.retry(clientId); }

  /** Drops an outbox entry. @param {string} clientId */
  discard(clientId) { this.outbox.discard(clientId); }

  // ---- changing messages (section 4): over the socket when online, else HTTP ----

  /**
   * @param {string} type
   * @param {string} conversationId
   * @param {number} seq
   * @param {Record<string, unknown>} extra
   * @param {() => Promise<unknown>} overHttp
   * @returns {Promise<Updated>}
   */
  async change(type, conversationId, seq, extra, overHttp) {
    if (this.connection.online) {
      const r = await this.connection.request({ type, conversationId, seq, ...extra });
      /** @type {Updated} */
      const u = { conversationId: r.conversationId, target: r.target, seq: r.seq ?? null };
      if (u.seq != null) this.sequencer.onSeq(conversationId, u.seq);
      return u;
    }
    await overHttp();
    return { conversationId, target: seq, seq: null };
  }

  /** @param {string} conversationId @param {number} seq @param {string} body @returns {Promise<Updated>} */
  edit(conversationId, seq, body) { return this.change('edit', conversationId, seq, { body }, () => this.api.edit(conversationId, seq, body)); }

  /** Deletes for everyone. @param {string} conversationId @param {number} seq @returns {Promise<Updated>} */
  deleteMessage(conversationId, seq) { return this.change('delete', conversationId, seq, {}, () => this.api.deleteMessage(conversationId, seq)); }

  /** @param {string} conversationId @param {number} seq @param {string} emoji @returns {Promise<Updated>} */
  react(conversationId, seq, emoji) { return this.change('react', conversationId, seq, { emoji }, () => this.api.react(conversationId, seq, emoji)); }

  /** @param {string} conversationId @param {number} seq @param {string} emoji @returns {Promise<Updated>} */
  unreact(conversationId, seq, emoji) { return this.change('unreact', conversationId, seq, { emoji }, () => this.api.unreact(conversationId, seq, emoji)); }

  /** @param {string} conversationId @param {number} seq @returns {Promise<Updated>} */
  pin(conversationId, seq) { return this.change('pin', conversationId, seq, {}, () => this.api.pin(conversationId, seq)); }

  /** @param {string} conversationId @param {number} seq @returns {Promise<Updated>} */
  unpin(conversationId, seq) { return this.change('unpin', conversationId, seq, {}, () => this.api.unpin(conversationId, seq)); }

  // ---- reading ----

  /**
   * A history page, over the socket when online, else over HTTP; `around` asks for the page
   * around a seq (to open a search result in context).
   * @param {string} conversationId
   * @param {{before?: number, after?: number, around?: number, limit?: number}} [page]
   * @returns {Promise<HistoryPage>}
   */
  async history(conversationId, page = {}) {
    if (this.connection.online) {
      /** @type {Record<string, unknown>} */
      const frame = { type: 'history', conversationId };
      if (page.before != null) frame.before = page.before;
      if (page.after != null) frame.after = page.after;
      if (page.around != null) frame.around = page.around;
      if (page.limit != null) frame.limit = page.limit;
      try {
        const r = await this.connection.request(frame);
        return { messages: r.messages || [], hasMore: !!r.hasMore };
      } catch (e) {
        if (!(e instanceof MessengerError) || (e.code !== 'offline' && e.code !== 'timeout')) throw e;
      }
    }
    const r = await this.api.messages(conversationId, page);
    return { messages: r.messages || [], hasMore: !!r.hasMore };
  }

  /**
   * Searches the caller's messages over HTTP (PROTOCOL.md section 7); see {@link HttpApi#search}.
   * Open a result with `history(r.conversationId, { around: r.seq })`.
   * @param {string} q
   * @param {{conversationId?: string, limit?: number, before?: string}} [options]
   * @returns {Promise<{results: Array<{conversationId: string, seq: number, senderId: string, ts: number, snippet: string}>, next?: string}>}
   */
  search(q, options = {}) { return this.api.search(q, options); }

  /**
   * Delivers this conversation's messages after `seq` in order from now on, fetching the
   * missing ones (see {@link Sequencer}). @param {string} conversationId @param {number} seq
   */
  track(conversationId, seq) { this.sequencer.track(conversationId, seq); }

  /** @param {string} conversationId */
  untrack(conversationId) { this.sequencer.untrack(conversationId); }

  /**
   * Moves this user's cursor (all messages up to seq); returns whether the frame went out.
   * @param {string} conversationId @param {number} seq @param {'delivered' | 'read'} status
   * @returns {boolean}
   */
  ack(conversationId, seq, status) { return this.connection.send({ type: 'ack', conversationId, seq, status }); }

  /** @param {string} conversationId @param {'start' | 'stop'} state @returns {boolean} */
  typing(conversationId, state) { return this.connection.send({ type: 'typing', conversationId, state }); }

  /** @param {string[]} userIds @returns {boolean} */
  subscribePresence(userIds) { return userIds.length > 0 && this.connection.send({ type: 'presence.subscribe', userIds }); }

  /** @param {string[]} userIds @returns {boolean} */
  unsubscribePresence(userIds) { return userIds.length > 0 && this.connection.send({ type: 'presence.unsubscribe', userIds }); }
}
