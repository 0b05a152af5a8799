/**
 * One method per endpoint of a user's device (every operation of docs/openapi.json outside
 * `/api/v1/admin/`, which {@link import('./admin.js').AdminApi} covers); each returns the decoded
 * JSON answer (or nothing for 204) and rejects with a {@link MessengerError} carrying the
 * server's error code, or `network` when the server could not be reached. Holds the bearer token
 * of one device. Stateless otherwise; safe to share.
 */
export class HttpApi extends AccountHttp {
    /** @returns {Promise<{conversations: Summary[]}>} */
    conversations(): Promise<{
        conversations: Summary[];
    }>;
    /** @param {string} id @returns {Promise<Summary>} */
    conversation(id: string): Promise<Summary>;
    /** The direct conversation with a user (created on first use). @param {string} userId @returns {Promise<Summary>} */
    openDirect(userId: string): Promise<Summary>;
    /** @param {string} name @param {string[]} memberIds @returns {Promise<Summary>} */
    createGroup(name: string, memberIds: string[]): Promise<Summary>;
    /** @param {string} id @param {string} name @returns {Promise<Summary>} */
    rename(id: string, name: string): Promise<Summary>;
    /** @param {string} id @param {string} userId @returns {Promise<void>} */
    addMember(id: string, userId: string): Promise<void>;
    /** Removes a member, or leaves when `userId` is one's own. @param {string} id @param {string} userId @returns {Promise<void>} */
    removeMember(id: string, userId: string): Promise<void>;
    /**
     * Mute (a ts, or null to unmute) and archive, for the caller only (section 5).
     * @param {string} id
     * @param {{mutedUntil?: number | null, archived?: boolean}} settings
     * @returns {Promise<Summary>}
     */
    conversationSettings(id: string, settings: {
        mutedUntil?: number | null;
        archived?: boolean;
    }): Promise<Summary>;
    /** "Clear chat for me" up to and including seq (section 5). @param {string} id @param {number} seq @returns {Promise<void>} */
    clear(id: string, seq: number): Promise<void>;
    /**
     * A page of history: the newest `limit`, those before / after a seq, or the `limit` around seq
     * `around` (starting half a page before it, to open a search result in context; `hasMore` then
     * says whether newer messages follow).
     * @param {string} id
     * @param {{before?: number, after?: number, around?: number, limit?: number}} [page]
     * @returns {Promise<HistoryPage>}
     */
    messages(id: string, page?: {
        before?: number;
        after?: number;
        around?: number;
        limit?: number;
    }): Promise<HistoryPage>;
    /** One message in its current state (section 4). @param {string} id @param {number} seq @returns {Promise<Message>} */
    message(id: string, seq: number): Promise<Message>;
    /**
     * Sends over HTTP (same rules as the WebSocket `send`; repeat a clientId to resend safely).
     * @param {string} id
     * @param {string} clientId
     * @param {string} body
     * @param {SendOptions & {forward?: {conversationId: string, seq: number}}} [options]
     * @returns {Promise<Message>}
     */
    send(id: string, clientId: string, body: string, options?: SendOptions & {
        forward?: {
            conversationId: string;
            seq: number;
        };
    }): Promise<Message>;
    /** @param {string} id @param {number} seq @param {string} body @returns {Promise<Message>} */
    edit(id: string, seq: number, body: string): Promise<Message>;
    /** Deletes for everyone. @param {string} id @param {number} seq @returns {Promise<void>} */
    deleteMessage(id: string, seq: number): Promise<void>;
    /** @param {string} id @param {number} seq @param {string} emoji @returns {Promise<void>} */
    react(id: string, seq: number, emoji: string): Promise<void>;
    /** @param {string} id @param {number} seq @param {string} emoji @returns {Promise<void>} */
    unreact(id: string, seq: number, emoji: string): Promise<void>;
    /** @param {string} id @param {number} seq @returns {Promise<void>} */
    pin(id: string, seq: number): Promise<void>;
    /** @param {string} id @param {number} seq @returns {Promise<void>} */
    unpin(id: string, seq: number): Promise<void>;
    /** Who (besides the sender) has the message delivered and read. @param {string} id @param {number} seq @returns {Promise<ReadBy>} */
    receipts(id: string, seq: number): Promise<ReadBy>;
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
    uploadMedia(bytes: Blob | ArrayBuffer | Uint8Array, mime: string, options?: import("./upload.js").UploadOptions): Promise<Media>;
    /**
     * The bytes of a media object (or its thumbnail) as a Blob.
     * @param {string} id
     * @param {{thumb?: boolean}} [options]
     * @returns {Promise<Blob>}
     */
    media(id: string, options?: {
        thumb?: boolean;
    }): Promise<Blob>;
    /**
     * Searches the caller's messages (PROTOCOL.md section 7): whole words, the last also as a
     * prefix; results newest first; pass `next` as `before` for the following page.
     * @param {string} q
     * @param {{conversationId?: string, limit?: number, before?: string}} [options]
     * @returns {Promise<{results: Array<{conversationId: string, seq: number, senderId: string, ts: number, snippet: string}>, next?: string}>}
     */
    search(q: string, options?: {
        conversationId?: string;
        limit?: number;
        before?: string;
    }): Promise<{
        results: Array<{
            conversationId: string;
            seq: number;
            senderId: string;
            ts: number;
            snippet: string;
        }>;
        next?: string;
    }>;
}
export type Summary = import("./types.js").Summary;
export type Message = import("./types.js").Message;
export type HistoryPage = import("./types.js").HistoryPage;
export type Media = import("./types.js").Media;
export type ReadBy = import("./types.js").ReadBy;
export type SendOptions = import("./types.js").SendOptions;
import { AccountHttp } from './http-account.js';
