// The account part of the HTTP API: accounts and sessions (PROTOCOL.md section 2), the profile,
// password, erasure and export (section 8), contacts and presence (section 2), blocks (section 6),
// devices (section 8) and push subscriptions (section 2 "Push", section 9).

import { HttpBase } from './http-base.js';

/** @typedef {import('./types.js').User} User */
/** @typedef {import('./types.js').Session} Session */
/** @typedef {import('./types.js').Presence} Presence */
/** @typedef {import('./types.js').Device} Device */
/** @typedef {import('./types.js').PushTarget} PushTarget */
/** @typedef {import('./types.js').ProfileChange} ProfileChange */
/** @typedef {import('./types.js').Export} Export */

const enc = encodeURIComponent;

/**
 * The endpoints about the caller's account and the people around it. Every method rejects with a
 * {@link import('./errors.js').MessengerError} (see {@link HttpBase}). Not used on its own:
 * {@link import('./http.js').HttpApi} adds conversations, messages, media and search.
 */
export class AccountHttp extends HttpBase {
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

  /**
   * Signs in with a token of the operator's identity provider (PROTOCOL.md section 8, "External
   * sign-in"; the account is made on first use) as a new device, and keeps the device's token.
   * A server without a JWT setting, or a token it cannot verify, answers 401 `unauthorized`.
   * @param {string} jwt
   * @param {string} [deviceName]
   * @returns {Promise<Session>}
   */
  async loginWithJwt(jwt, deviceName) {
    const s = await this.request('POST', '/sessions', deviceName ? { jwt, deviceName } : { jwt });
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

  // ---- one's own account (section 8) ----

  /** The caller's own user object. @returns {Promise<User>} */
  me() { return this.request('GET', '/users/me'); }

  /**
   * Changes the display name and/or the avatar; a field left out is unchanged. The avatar must
   * be an image the caller may read (404 otherwise, 400 for a non-image); a name over 64
   * characters is 400.
   * @param {ProfileChange} change
   * @returns {Promise<User>} the user as it is now
   */
  updateProfile(change) {
    /** @type {ProfileChange} */
    const body = {};
    if (change.displayName !== undefined) body.displayName = change.displayName;
    if (change.avatar !== undefined) body.avatar = change.avatar;
    return this.request('PATCH', '/users/me', body);
  }

  /**
   * Changes the password. A wrong `oldPassword` is 403 `forbidden` (this token stays valid); a
   * new one outside 8-256 characters is 400. The other devices' sockets are closed (4001).
   * @param {string} oldPassword
   * @param {string} newPassword
   * @returns {Promise<void>}
   */
  changePassword(oldPassword, newPassword) {
    return this.request('PUT', '/users/me/password', { oldPassword, newPassword });
  }

  /**
   * Erases the account for good (messages read as deleted, media and devices go). A wrong
   * password is 403 and changes nothing; an account without a password (external sign-in or
   * made by the operator) leaves it out. Resolves once every step is done; the token then no
   * longer works and is forgotten.
   * @param {string} [password]
   * @returns {Promise<void>}
   */
  async deleteAccount(password) {
    await this.request('DELETE', '/users/me', password === undefined ? {} : { password });
    this.token = null;
  }

  /** Everything stored about the caller, as one document. @returns {Promise<Export>} */
  exportData() { return this.request('GET', '/users/me/export'); }

  // ---- contacts and presence ----

  /** @param {string} userId @returns {Promise<void>} */
  addContact(userId) { return this.request('PUT', `/contacts/${enc(userId)}`); }

  /** @param {string} userId @returns {Promise<void>} */
  removeContact(userId) { return this.request('DELETE', `/contacts/${enc(userId)}`); }

  /** @returns {Promise<{contacts: Array<User & {presence?: {status: string, lastSeen: number}}>}>} */
  contacts() { return this.request('GET', '/contacts'); }

  /** @param {string[]} userIds @returns {Promise<{presence: Presence[]}>} */
  presence(userIds) { return this.request('GET', `/presence?userIds=${userIds.map(enc).join(',')}`); }

  // ---- blocks (section 6) ----

  /** Blocks a user (twice is fine; oneself is 400, an unknown user 404). @param {string} userId @returns {Promise<void>} */
  block(userId) { return this.request('PUT', `/blocks/${enc(userId)}`); }

  /** @param {string} userId @returns {Promise<void>} */
  unblock(userId) { return this.request('DELETE', `/blocks/${enc(userId)}`); }

  /** The users the caller blocks. @returns {Promise<{blocks: User[]}>} */
  blocks() { return this.request('GET', '/blocks'); }

  // ---- devices and push (sections 8 and 9) ----

  /** The caller's logged-in devices, oldest first. @returns {Promise<{devices: Device[]}>} */
  devices() { return this.request('GET', '/devices'); }

  /**
   * Logs one of the caller's devices out (its token stops working, its sockets close). The
   * current device may revoke itself, like {@link logout}; another user's device, or one already
   * logged out, is 404.
   * @param {string} deviceId
   * @returns {Promise<void>}
   */
  revokeDevice(deviceId) { return this.request('DELETE', `/devices/${enc(deviceId)}`); }

  /** The server's VAPID public key (base64url), for `pushManager.subscribe`. @returns {Promise<{key: string}>} */
  vapidPublicKey() { return this.request('GET', '/push/vapid-public-key'); }

  /**
   * Sends this device's pushes to `target` (replacing any earlier subscription). 400 when a field
   * is malformed, the target's service is not configured on the server, or a Web Push endpoint
   * is a private address.
   * @param {PushTarget} target
   * @returns {Promise<void>}
   */
  subscribePush(target) { return this.request('PUT', '/devices/current/push', target); }

  /**
   * Web Push: `subscription` is a browser `PushSubscription` or its `toJSON()`.
   * @param {PushSubscription | {endpoint?: string, keys?: Record<string, string>}} subscription
   * @returns {Promise<void>}
   */
  subscribeWebPush(subscription) {
    const any = /** @type {any} */ (subscription);
    /** @type {{endpoint?: string, keys?: Record<string, string>}} */
    const json = typeof any.toJSON === 'function' ? any.toJSON() : subscription;
    const keys = json.keys || {};
    return this.subscribePush({ type: 'webpush', endpoint: String(json.endpoint), keys: { p256dh: keys.p256dh, auth: keys.auth } });
  }

  /** FCM (Android): the app's registration token. @param {string} token @returns {Promise<void>} */
  subscribeFcm(token) { return this.subscribePush({ type: 'fcm', token }); }

  /**
   * APNs (iOS): the device token in hex.
   * @param {string} token
   * @param {'production' | 'sandbox'} [environment] default production
   * @returns {Promise<void>}
   */
  subscribeApns(token, environment) {
    return this.subscribePush(environment ? { type: 'apns', token, environment } : { type: 'apns', token });
  }

  /** Stops pushes to this device. @returns {Promise<void>} */
  unsubscribePush() { return this.request('DELETE', '/devices/current/push'); }
}
