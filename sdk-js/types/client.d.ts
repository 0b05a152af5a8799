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
export class MessengerClient extends Emitter<ClientEvents> {
    /**
     * @param {string} baseUrl e.g. `http://127.0.0.1:8080`
     * @param {ClientOptions & ConnectionOptions} [options]
     */
    constructor(baseUrl: string, options?: ClientOptions & ConnectionOptions);
    api: HttpApi;
    connection: Connection;
    /** @type {Session | null} */
    session: Session | null;
    /** Server time minus the local clock, from `ready` (ms). */
    clockOffset: number;
    protocol: number;
    sequencer: Sequencer;
    outbox: Outbox;
    /** The server's clock now (ms), as far as this client knows it. @returns {number} */
    now(): number;
    /** @param {Session} session */
    useSession(session: Session): void;
    /**
     * Creates an account, then logs in as a new device.
     * @param {string} username @param {string} password @param {string} [displayName] @param {string} [deviceName]
     * @returns {Promise<Session>}
     */
    register(username: string, password: string, displayName?: string, deviceName?: string): Promise<Session>;
    /** @param {string} username @param {string} password @param {string} [deviceName] @returns {Promise<Session>} */
    login(username: string, password: string, deviceName?: string): Promise<Session>;
    /**
     * Signs in with a token of the operator's identity provider (see {@link HttpApi.loginWithJwt}).
     * @param {string} jwt @param {string} [deviceName]
     * @returns {Promise<Session>}
     */
    loginWithJwt(jwt: string, deviceName?: string): Promise<Session>;
    /**
     * Opens the WebSocket; resolves with the first `ready` (the connection keeps reconnecting
     * after that until close()). Rejects if the client is closed or revoked first.
     * @returns {Promise<ClientEvents['ready']>}
     */
    connect(): Promise<ClientEvents["ready"]>;
    /** Closes the socket for good; unsent entries stay in the outbox storage. */
    close(): void;
    /** Closes and ends the session on the server (the token stops working). @returns {Promise<void>} */
    logout(): Promise<void>;
    /** @param {any} f */
    onReady(f: any): Promise<void>;
    /** Asks for every conversation's summary and fills what tracked conversations lack. @returns {Promise<Summary[]>} */
    sync(): Promise<Summary[]>;
    /** @param {any} f */
    onFrame(f: any): void;
    /** @param {Sent} sent @param {OutboxEntry} entry */
    onSent(sent: Sent, entry: OutboxEntry): void;
    /**
     * Sends a text message through the outbox: resolves once it is stored (durable), and is
     * resent after reconnects until then. Rejects when the server refuses it (e.g. `too_large`)
     * or the outbox is full.
     * @param {string} conversationId
     * @param {string} body
     * @param {SendOptions} [options]
     * @returns {Promise<Sent>}
     */
    send(conversationId: string, body: string, options?: SendOptions): Promise<Sent>;
    /** Sends to a user: the direct conversation, created on first use. @param {string} userId @param {string} body @param {SendOptions} [options] @returns {Promise<Sent>} */
    sendTo(userId: string, body: string, options?: SendOptions): Promise<Sent>;
    /**
     * Forwards a message (its body and attachments) into another conversation.
     * @param {string} toConversationId
     * @param {{conversationId: string, seq: number}} from
     * @returns {Promise<Sent>}
     */
    forward(toConversationId: string, from: {
        conversationId: string;
        seq: number;
    }): Promise<Sent>;
    /** Sends a failed outbox entry again. @param {string} clientId */
    retry(clientId: string): void;
    /** Drops an outbox entry. @param {string} clientId */
    discard(clientId: string): void;
    /**
     * @param {string} type
     * @param {string} conversationId
     * @param {number} seq
     * @param {Record<string, unknown>} extra
     * @param {() => Promise<unknown>} overHttp
     * @returns {Promise<Updated>}
     */
    change(type: string, conversationId: string, seq: number, extra: Record<string, unknown>, overHttp: () => Promise<unknown>): Promise<Updated>;
    /** @param {string} conversationId @param {number} seq @param {string} body @returns {Promise<Updated>} */
    edit(conversationId: string, seq: number, body: string): Promise<Updated>;
    /** Deletes for everyone. @param {string} conversationId @param {number} seq @returns {Promise<Updated>} */
    deleteMessage(conversationId: string, seq: number): Promise<Updated>;
    /** @param {string} conversationId @param {number} seq @param {string} emoji @returns {Promise<Updated>} */
    react(conversationId: string, seq: number, emoji: string): Promise<Updated>;
    /** @param {string} conversationId @param {number} seq @param {string} emoji @returns {Promise<Updated>} */
    unreact(conversationId: string, seq: number, emoji: string): Promise<Updated>;
    /** @param {string} conversationId @param {number} seq @returns {Promise<Updated>} */
    pin(conversationId: string, seq: number): Promise<Updated>;
    /** @param {string} conversationId @param {number} seq @returns {Promise<Updated>} */
    unpin(conversationId: string, seq: number): Promise<Updated>;
    /**
     * A history page, over the socket when online, else over HTTP; `around` asks for the page
     * around a seq (to open a search result in context).
     * @param {string} conversationId
     * @param {{before?: number, after?: number, around?: number, limit?: number}} [page]
     * @returns {Promise<HistoryPage>}
     */
    history(conversationId: string, page?: {
        before?: number;
        after?: number;
        around?: number;
        limit?: number;
    }): Promise<HistoryPage>;
    /**
     * Searches the caller's messages over HTTP (PROTOCOL.md section 7); see {@link HttpApi#search}.
     * Open a result with `history(r.conversationId, { around: r.seq })`.
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
    /**
     * Delivers this conversation's messages after `seq` in order from now on, fetching the
     * missing ones (see {@link Sequencer}). @param {string} conversationId @param {number} seq
     */
    track(conversationId: string, seq: number): void;
    /** @param {string} conversationId */
    untrack(conversationId: string): void;
    /**
     * Moves this user's cursor (all messages up to seq); returns whether the frame went out.
     * @param {string} conversationId @param {number} seq @param {'delivered' | 'read'} status
     * @returns {boolean}
     */
    ack(conversationId: string, seq: number, status: "delivered" | "read"): boolean;
    /** @param {string} conversationId @param {'start' | 'stop'} state @returns {boolean} */
    typing(conversationId: string, state: "start" | "stop"): boolean;
    /** @param {string[]} userIds @returns {boolean} */
    subscribePresence(userIds: string[]): boolean;
    /** @param {string[]} userIds @returns {boolean} */
    unsubscribePresence(userIds: string[]): boolean;
}
export type Message = import("./types.js").Message;
export type Summary = import("./types.js").Summary;
export type Session = import("./types.js").Session;
export type Sent = import("./types.js").Sent;
export type Updated = import("./types.js").Updated;
export type HistoryPage = import("./types.js").HistoryPage;
export type SendOptions = import("./types.js").SendOptions;
export type OutboxEntry = import("./outbox.js").OutboxEntry;
export type OutboxStorage = import("./outbox.js").OutboxStorage;
export type ConnectionOptions = import("./connection.js").ConnectionOptions;
export type ConnectionState = import("./connection.js").ConnectionState;
export type ClientEvents = {
    /**
     * connection changes
     */
    state: {
        state: ConnectionState;
        retryAt?: number;
        code?: number;
    };
    /**
     * after each (re)connect, before the sync
     */
    ready: {
        userId: string;
        deviceId: string;
        protocol: number;
        serverTime: number;
    };
    /**
     * the answer to the sync after each ready
     */
    synced: {
        conversations: Summary[];
    };
    /**
     * every message, system note and update entry, in seq order per tracked conversation
     */
    message: Message;
    /**
     * one of this device's sends is stored
     */
    sent: Sent & {
        entry: OutboxEntry;
    };
    /**
     * the unsent entries changed
     */
    outbox: OutboxEntry[];
    receipt: import("./types.js").Receipt;
    typing: import("./types.js").Typing;
    presence: import("./types.js").Presence;
    /**
     * the caller's own settings of a conversation changed (mute, archive, clear)
     */
    conversation: {
        conversation: Summary;
    };
    /**
     * an error frame that answers no request of this client
     */
    error: {
        code: string;
        message?: string;
        ref?: string;
    };
    /**
     * a gap fill failed (`not_found`/`forbidden`: the conversation is gone)
     */
    fillfailed: {
        conversationId: string;
        error: MessengerError;
    };
    /**
     * the token was revoked (4001) or the user suspended (4003); the client stopped
     */
    revoked: {
        code: number;
    };
};
export type ClientOptions = {
    fetch?: typeof fetch | undefined;
    /**
     * a device session to use (skip login)
     */
    session?: import("./types.js").Session | undefined;
    /**
     * where unsent messages survive a reload (default: memory)
     */
    outboxStorage?: import("./outbox.js").OutboxStorage | undefined;
    /**
     * default 1,000
     */
    maxOutbox?: number | undefined;
    /**
     * deliver every conversation's messages in order with gap fill (default true); false: only those passed to track()
     */
    autoTrack?: boolean | undefined;
    /**
     * an HTTP request answered 401
     */
    onUnauthorized?: (() => void) | undefined;
};
import { Emitter } from './emitter.js';
import { HttpApi } from './http.js';
import { Connection } from './connection.js';
import { Sequencer } from './sequencer.js';
import { Outbox } from './outbox.js';
import { MessengerError } from './errors.js';
