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
    constructor(baseUrl: string, options?: {
        fetch?: typeof fetch | undefined;
        token?: string | null | undefined;
        onUnauthorized?: (() => void) | undefined;
    });
    /** @type {string} */
    baseUrl: string;
    fetch: typeof fetch;
    /** @type {string | null} */
    token: string | null;
    onUnauthorized: (() => void) | null;
    /**
     * Any request under `/api/v1`.
     * @param {string} method
     * @param {string} path starting with `/`, below `/api/v1`
     * @param {unknown} [body] sent as JSON when given
     * @returns {Promise<any>}
     */
    request(method: string, path: string, body?: unknown): Promise<any>;
    /**
     * @param {string} method
     * @param {string} path
     * @param {Record<string, string>} headers
     * @param {any} body
     * @returns {Promise<any>}
     */
    raw(method: string, path: string, headers: Record<string, string>, body: any): Promise<any>;
}
