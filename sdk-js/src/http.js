// The HTTP API of PROTOCOL.md section 2 and the version 2 additions (sections 4-8).

import { MessengerError } from './errors.js';
import { xhrUpload, uploadQuery } from './upload.js';

/** @typedef {import('./types.js').User} User */
/** @typedef {import('./types.js').Session} Session */
/** @typedef {import('./types.js').Summary} Summary */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').HistoryPage} HistoryPage */
/** @typedef {import('./types.js').Presence} Presence */
/** @typedef {import('./types.js').Media} Media */
/** @typedef {import('./types.js').ReadBy} ReadBy */
/** @typedef {import('./types.js').SendOptions} SendOptions */

const enc = encodeURIComponent;

/**
 * One method per endpoint; each returns the decoded JSON answer (or nothing for 204) and
 * rejects with a {@link MessengerError} carrying the server's error code, or `network` when the
 * server could not be reached. Holds the bearer token of one device. Stateless otherwise; safe
 * to share.
 */
export class HttpApi {
  /**
   * @param {string} baseUrl the node's address, e.g. `http://127.0.0.1:8080` (a path prefix is kept)
   * @param {object} [options]
   * @param {typeof fetch} [options.fetch] the fetch function (default: the global one)
   * @param {string | null} [options.token] bearer token of a device
   * @param {() => void} [options.onUnauthorized] called when a request with a token answers 401
   */
  constructor(baseUrl, options = {}) {
    /** @type {string} */
    this.baseUrl = String(baseUrl).replace(/\/+$/, '');
    this.fetch = options.fetch || globalThis.fetch.bind(globalThis);
    /** @type {string | null} */
    this.token = options.token || null;
    this.onUnauthorized = options.onUnauthorized || null;
  }

  /**
   * Any request under `/api/v1`.
   * @param {string} method
   * @param {string} path starting with `/`, below `/api/v1`
   * @param {unknown} [body] sent as JSON when given
   * @returns {Promise<any>}
   */
  async request(method, path, body) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return this.raw(method, path, headers, body === undefined ? undefined : JSON.stringify(body));
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {Record<string, string>} headers
   * @param {any} body
   * @returns {Promise<any>}
   */
  async raw(method, path, headers, body) {
    const authed = !!this.token;
    if (authed) headers.Authorization = `Bearer ${this.token}`;
    let res;
    try {
      res = await this.fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body, cache: 'no-store' });
    } catch (e) {
      throw new MessengerError('network', 'Cannot reach the server.', 0);
    }
    if (res.status === 204) return undefined;
    const text = await res.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = null;
    }
    if (!res.ok) {
      const err = (data && data.error) || {};
      if (res.status === 401 && authed && this.onUnauthorized) this.onUnauthorized();
      const retry = Number(res.headers.get('Retry-After'));
      throw new MessengerError(err.code || `http_${res.status}`, err.message || `HTTP ${res.status}`,
        res.status, Number.isFinite(retry) && retry > 0 ? retry : undefined);
    }
    return data;
  }

  // ---- accounts and sessions (section 2) ----

  /**
   * @param {string} username
   * @param {string} password
   * @param {string} [displayName]
   * @returns {Promise<User>}
   */
  register(username, password, displayName) {
    return this.request('POST', '/users', displayName ? { username, password, displayName } : { username, password });
  }

  /**
   * Logs in as a new device and keeps its token for the next requests.
   * @param {string} username
   * @param {string} password
   * @param {string} [deviceName]
   * @returns {Promise<Session>}
   */
  async login(username, password, deviceName) {
    const s = await this.request('POST', '/sessions', deviceName ? { username, password, deviceName } : { username, password });
    this.token = s.token;
    return s;
  }

  /** Ends this device's session; the token stops working. @returns {Promise<void>} */
  async logout() {
    await this.request('DELETE', '/sessions/current');
    this.token = null;
  }

  /** @param {string} id @returns {Promise<User>} */
  user(id) { return this.request('GET', `/users/${enc(id)}`); }

  /** @param {string} username @returns {Promise<User>} */
  userByName(username) { return this.request('GET', `/users?username=${enc(username)}`); }

  // ---- contacts and presence ----

  /** @param {string} userId @returns {Promise<void>} */
  addContact(userId) { return this.request('PUT', `/contacts/${enc(userId)}`); }

  /** @param {string} userId @returns {Promise<void>} */
  removeContact(userId) { return this.request('DELETE', `/contacts/${enc(userId)}`); }

  /** @returns {Promise<{contacts: Array<User & {presence?: {status: string, lastSeen: number}}>}>} */
  contacts() { return this.request('GET', '/contacts'); }

  /** @param {string[]} userIds @returns {Promise<{presence: Presence[]}>} */
  presence(userIds) { return this.request('GET', `/presence?userIds=${userIds.map(enc).join(',')}`); }

  // ---- conversations ----

  /** @returns {Promise<{conversations: Summary[]}>} */
  conversations() { return this.request('GET', '/conversations'); }

  /** @param {string} id @returns {Promise<Summary>} */
  conversation(id) { return this.request('GET', `/conversations/${enc(id)}`); }

  /** The direct conversation with a user (created on first use). @param {string} userId @returns {Promise<Summary>} */
  openDirect(userId) { return this.request('POST', '/conversations', { kind: 'direct', userId }); }

  /** @param {string} name @param {string[]} memberIds @returns {Promise<Summary>} */
  createGroup(name, memberIds) { return this.request('POST', '/conversations', { kind: 'group', name, memberIds }); }

  /** @param {string} id @param {string} name @returns {Promise<Summary>} */
  rename(id, name) { return this.request('PATCH', `/conversations/${enc(id)}`, { name }); }

  /** @param {string} id @param {string} userId @returns {Promise<void>} */
  addMember(id, userId) { return this.request('POST', `/conversations/${enc(id)}/members`, { userId }); }

  /** Removes a member, or leaves when `userId` is one's own. @param {string} id @param {string} userId @returns {Promise<void>} */
  removeMember(id, userId) { return this.request('DELETE', `/conversations/${enc(id)}/members/${enc(userId)}`); }

  /**
   * Mute (a ts, or null to unmute) and archive, for the caller only (section 5).
   * @param {string} id
   * @param {{mutedUntil?: number | null, archived?: boolean}} settings
   * @returns {Promise<Summary>}
   */
  conversationSettings(id, settings) { return this.request('PATCH', `/conversations/${enc(id)}/settings`, settings); }

  /** "Clear chat for me" up to and including seq (section 5). @param {string} id @param {number} seq @returns {Promise<void>} */
  clear(id, seq) { return this.request('POST', `/conversations/${enc(id)}/clear`, { seq }); }

  // ---- messages ----

  /**
   * A page of history: the newest `limit`, those before / after a seq, or the `limit` around seq
   * `around` (starting half a page before it, to open a search result in context; `hasMore` then
   * says whether newer messages follow).
   * @param {string} id
   * @param {{before?: number, after?: number, around?: number, limit?: number}} [page]
   * @returns {Promise<HistoryPage>}
   */
  messages(id, page = {}) {
    const q = new URLSearchParams();
    if (page.before != null) q.set('before', String(page.before));
    if (page.after != null) q.set('after', String(page.after));
    if (page.around != null) q.set('around', String(page.around));
    if (page.limit != null) q.set('limit', String(page.limit));
    const qs = q.toString();
    return this.request('GET', `/conversations/${enc(id)}/messages${qs ? `?${qs}` : ''}`);
  }

  /** One message in its current state (section 4). @param {string} id @param {number} seq @returns {Promise<Message>} */
  message(id, seq) { return this.request('GET', `/conversations/${enc(id)}/messages/${seq}`); }

  /**
   * Sends over HTTP (same rules as the WebSocket `send`; repeat a clientId to resend safely).
   * @param {string} id
   * @param {string} clientId
   * @param {string} body
   * @param {SendOptions & {forward?: {conversationId: string, seq: number}}} [options]
   * @returns {Promise<Message>}
   */
  send(id, clientId, body, options = {}) {
    /** @type {Record<string, unknown>} */
    const frame = { clientId };
    if (options.forward) frame.forward = options.forward;
    else frame.body = body;
    if (options.attachments) frame.attachments = options.attachments;
    if (options.replyTo != null) frame.replyTo = options.replyTo;
    if (options.mentions && options.mentions.length) frame.mentions = options.mentions;
    return this.request('POST', `/conversations/${enc(id)}/messages`, frame);
  }

  /** @param {string} id @param {number} seq @param {string} body @returns {Promise<Message>} */
  edit(id, seq, body) { return this.request('PATCH', `/conversations/${enc(id)}/messages/${seq}`, { body }); }

  /** Deletes for everyone. @param {string} id @param {number} seq @returns {Promise<void>} */
  deleteMessage(id, seq) { return this.request('DELETE', `/conversations/${enc(id)}/messages/${seq}`); }

  /** @param {string} id @param {number} seq @param {string} emoji @returns {Promise<void>} */
  react(id, seq, emoji) { return this.request('PUT', `/conversations/${enc(id)}/messages/${seq}/reactions/${enc(emoji)}`); }

  /** @param {string} id @param {number} seq @param {string} emoji @returns {Promise<void>} */
  unreact(id, seq, emoji) { return this.request('DELETE', `/conversations/${enc(id)}/messages/${seq}/reactions/${enc(emoji)}`); }

  /** @param {string} id @param {number} seq @returns {Promise<void>} */
  pin(id, seq) { return this.request('PUT', `/conversations/${enc(id)}/pins/${seq}`); }

  /** @param {string} id @param {number} seq @returns {Promise<void>} */
  unpin(id, seq) { return this.request('DELETE', `/conversations/${enc(id)}/pins/${seq}`); }

  /** Who (besides the sender) has the message delivered and read. @param {string} id @param {number} seq @returns {Promise<ReadBy>} */
  receipts(id, seq) { return this.request('GET', `/conversations/${enc(id)}/messages/${seq}/receipts`); }

  // ---- media ----

  /**
   * Uploads bytes (a Blob, ArrayBuffer or Uint8Array) with their type. With `options.name` the
   * server keeps the file name (media objects carry it; downloads are saved under it). With
   * `options.onProgress` (and XMLHttpRequest available, as in browsers) progress is reported while
   * the bytes go out; `options.signal` cancels (code `aborted`).
   * @param {Blob | ArrayBuffer | Uint8Array} bytes
   * @param {string} mime
   * @param {import('./upload.js').UploadOptions} [options]
   * @returns {Promise<Media>}
   */
  async uploadMedia(bytes, mime, options = {}) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json', 'Content-Type': mime || 'application/octet-stream' };
    const path = `/media${uploadQuery(options)}`;
    if ((options.onProgress || options.signal) && typeof XMLHttpRequest !== 'undefined') {
      if (this.token) headers.Authorization = `Bearer ${this.token}`;
      try {
        return await xhrUpload(`${this.baseUrl}/api/v1${path}`, headers, bytes, options);
      } catch (e) {
        if (e instanceof MessengerError && e.status === 401 && this.onUnauthorized) this.onUnauthorized();
        throw e;
      }
    }
    const media = await this.raw('POST', path, headers, bytes);
    if (options.onProgress) {
      const n = typeof Blob !== 'undefined' && bytes instanceof Blob ? bytes.size : /** @type {ArrayBuffer} */ (bytes).byteLength;
      options.onProgress(n, n);
    }
    return media;
  }

  /**
   * The bytes of a media object (or its thumbnail) as a Blob.
   * @param {string} id
   * @param {{thumb?: boolean}} [options]
   * @returns {Promise<Blob>}
   */
  async media(id, options = {}) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let res;
    try {
      res = await this.fetch(`${this.baseUrl}/api/v1/media/${enc(id)}${options.thumb ? '?thumb=1' : ''}`, { headers });
    } catch (e) {
      throw new MessengerError('network', 'Cannot reach the server.', 0);
    }
    if (!res.ok) throw new MessengerError(res.status === 404 ? 'not_found' : `http_${res.status}`, `HTTP ${res.status}`, res.status);
    return res.blob();
  }

  // ---- blocking, search, devices (sections 6-8) ----

  /** @param {string} userId @returns {Promise<void>} */
  block(userId) { return this.request('PUT', `/blocks/${enc(userId)}`); }

  /** @param {string} userId @returns {Promise<void>} */
  unblock(userId) { return this.request('DELETE', `/blocks/${enc(userId)}`); }

  /**
   * Searches the caller's messages (PROTOCOL.md section 7): whole words, the last also as a
   * prefix; results newest first; pass `next` as `before` for the following page.
   * @param {string} q
   * @param {{conversationId?: string, limit?: number, before?: string}} [options]
   * @returns {Promise<{results: Array<{conversationId: string, seq: number, senderId: string, ts: number, snippet: string}>, next?: string}>}
   */
  search(q, options = {}) {
    const p = new URLSearchParams({ q });
    if (options.conversationId) p.set('conversationId', options.conversationId);
    if (options.limit != null) p.set('limit', String(options.limit));
    if (options.before) p.set('before', options.before);
    return this.request('GET', `/search?${p}`);
  }

  /** @returns {Promise<{devices: Array<{id: string, name: string, createdAt: number, lastActiveAt: number, current: boolean}>}>} */
  devices() { return this.request('GET', '/devices'); }
}
