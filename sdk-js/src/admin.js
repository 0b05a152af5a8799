// The server API for the operator's own backend (docs/protocol.md Part II, "Server API for the
// operator's own backend"; PROTOCOL.md section 8): endpoints under /api/v1/admin/ that take an
// admin key from the `admin-api-keys` setting. For servers (Node) only: an admin key must never
// reach a browser.

import { HttpBase } from './http-base.js';

/** @typedef {import('./types.js').User} User */
/** @typedef {import('./types.js').Session} Session */
/** @typedef {import('./types.js').Summary} Summary */
/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Export} Export */

const enc = encodeURIComponent;

/**
 * @typedef {object} AdminStats
 * @property {number} users erased users left out
 * @property {number} conversations
 * @property {number} messages
 * @property {number} connections this node's open WebSockets
 */

/**
 * One method per admin endpoint. With no `admin-api-keys` on the server, or a wrong key, every
 * call rejects with a {@link import('./errors.js').MessengerError} of status 401; other failures
 * carry the server's code as in {@link import('./http.js').HttpApi}. Stateless; safe to share.
 */
export class AdminApi {
  /**
   * @param {string} baseUrl the node's address
   * @param {string} key one of the server's `admin-api-keys` (at least 32 characters)
   * @param {{fetch?: typeof fetch}} [options]
   */
  constructor(baseUrl, key, options = {}) {
    /** @private */
    this.http = new HttpBase(baseUrl, { fetch: options.fetch, token: key });
  }

  /**
   * Creates a user (registration rules; without a password it signs in only through
   * {@link createSession} or an external sign-in). A taken username or `externalId` is 409.
   * @param {{username: string, displayName?: string, password?: string, externalId?: string}} user
   * @returns {Promise<User>}
   */
  createUser(user) { return this.http.request('POST', '/admin/users', user); }

  /** The user linked to the operator's own id (404 if none). @param {string} externalId @returns {Promise<User>} */
  userByExternalId(externalId) { return this.http.request('GET', `/admin/users?externalId=${enc(externalId)}`); }

  /** Erases a user, as the user's own erasure does. @param {string} userId @returns {Promise<void>} */
  deleteUser(userId) { return this.http.request('DELETE', `/admin/users/${enc(userId)}`); }

  /** Everything stored about a user. @param {string} userId @returns {Promise<Export>} */
  exportUser(userId) { return this.http.request('GET', `/admin/users/${enc(userId)}/export`); }

  /**
   * Logs a user in as a new device and returns its token (the operator's app signs its users in).
   * @param {string} userId
   * @param {string} [deviceName]
   * @returns {Promise<Session>}
   */
  createSession(userId, deviceName) {
    return this.http.request('POST', `/admin/users/${enc(userId)}/sessions`, deviceName ? { deviceName } : {});
  }

  /** Suspends a user: its sockets close (4003), its tokens and logins get 403. @param {string} userId @returns {Promise<void>} */
  suspend(userId) { return this.http.request('POST', `/admin/users/${enc(userId)}/suspend`); }

  /** Lifts a suspension; the same tokens work again. @param {string} userId @returns {Promise<void>} */
  unsuspend(userId) { return this.http.request('POST', `/admin/users/${enc(userId)}/unsuspend`); }

  /**
   * Creates a group on behalf of `creatorId` (who must exist: 404), who becomes its admin.
   * @param {string} name
   * @param {string} creatorId
   * @param {string[]} [memberIds]
   * @returns {Promise<Summary>}
   */
  createGroup(name, creatorId, memberIds = []) {
    return this.http.request('POST', '/admin/conversations', { kind: 'group', name, creatorId, memberIds });
  }

  /**
   * Sends as `senderId` (a bot or a system account), by the rules of `send` for that sender (a
   * non-member gets 404 or 403; a repeated `clientId` stores nothing new).
   * @param {string} conversationId
   * @param {{senderId: string, clientId: string, body: string, attachments?: string[], replyTo?: number, mentions?: string[]}} message
   * @returns {Promise<Message>}
   */
  sendAs(conversationId, message) {
    return this.http.request('POST', `/admin/conversations/${enc(conversationId)}/messages`, message);
  }

  /** Counts of users, conversations, messages and this node's connections. @returns {Promise<AdminStats>} */
  stats() { return this.http.request('GET', '/admin/stats'); }
}
