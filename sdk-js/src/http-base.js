// The transport under the HTTP API (PROTOCOL.md section 2 "Errors"): JSON requests below
// `/api/v1` with a bearer token, error bodies turned into MessengerError.

import { MessengerError } from './errors.js';

/**
 * Sends requests to one node with one bearer token (a device's, or an admin key for
 * {@link import('./admin.js').AdminApi}). Each call returns the decoded JSON answer (or nothing
 * for 204) and rejects with a {@link MessengerError} carrying the server's error code and HTTP
 * status, or code `network` (status 0) when the server could not be reached. Holds no other
 * state; safe to share.
 */
export class HttpBase {
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
}
