// The HTTP API of PROTOCOL.md section 2 and the version 2 additions (sections 4-8):
// conversations, messages and their changes, media and search here; accounts, contacts, blocks,
// devices and push in http-account.js; the transport in http-base.js.

import { MessengerError } from './errors.js';
import { AccountHttp } from './http-account.js';
import { xhrUpload, uploadQuery } from './upload.js';

/** @typedef {import('./types.js').Summary} Summary */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').HistoryPage} HistoryPage */
/** @typedef {import('./types.js').Media} Media */
/** @typedef {import('./types.js').ReadBy} ReadBy */
/** @typedef {import('./types.js').SendOptions} SendOptions */

const enc = encodeURIComponent;

/**
 * One method per endpoint of a user's device (every operation of docs/openapi.json outside
 * `/api/v1/admin/`, which {@link import('./admin.js').AdminApi} covers); each returns the decoded
 * JSON answer (or nothing for 204) and rejects with a {@link MessengerError} carrying the
 * server's error code, or `network` when the server could not be reached. Holds the bearer token
 * of one device. Stateless otherwise; safe to share.
 */
export class HttpApi extends AccountHttp {
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

  // ---- search (section 7) ----

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
}
