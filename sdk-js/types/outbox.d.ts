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
    constructor(transport: Transport, options?: {
        storage?: OutboxStorage | undefined;
        max?: number | undefined;
        onSent?: ((sent: any, entry: OutboxEntry) => void) | undefined;
        onChange?: ((entries: OutboxEntry[]) => void) | undefined;
    });
    transport: Transport;
    storage: OutboxStorage | null;
    max: number;
    onSent: (sent: any, entry: OutboxEntry) => void;
    onChange: (entries: OutboxEntry[]) => void;
    /** @type {Map<string, OutboxEntry>} */
    entries: Map<string, OutboxEntry>;
    /** @type {Map<string, {resolve: (s: any) => void, reject: (e: Error) => void}>} */
    waiters: Map<string, {
        resolve: (s: any) => void;
        reject: (e: Error) => void;
    }>;
    /** @type {Map<string, any>} */
    retryTimers: Map<string, any>;
    /** The entries in the order written. @returns {OutboxEntry[]} */
    list(): OutboxEntry[];
    /**
     * Adds an entry and sends it when online; resolves with the `sent` reply once the message is
     * stored, rejects when the server refuses it (the entry stays, `failed`).
     * @param {Omit<OutboxEntry, 'state' | 'attempts' | 'ts'> & {ts?: number}} entry
     * @returns {Promise<any>}
     */
    add(entry: Omit<OutboxEntry, "state" | "attempts" | "ts"> & {
        ts?: number;
    }): Promise<any>;
    /** @param {string} clientId @returns {Promise<any>} */
    waitFor(clientId: string): Promise<any>;
    /** Sends every entry still `sending` (after `ready`). */
    flush(): void;
    /** Sends a failed entry again. @param {string} clientId */
    retry(clientId: string): void;
    /** Drops an entry; its promise rejects with `closed`. @param {string} clientId */
    discard(clientId: string): void;
    /** Stops retry timers (the entries stay, and are saved). */
    close(): void;
    /** @param {OutboxEntry} e */
    transmit(e: OutboxEntry): void;
    /**
     * A `sent` frame, as the reply to a request or arriving late after a timeout.
     * @param {any} frame
     */
    acknowledged(frame: any): void;
    /**
     * An `error` frame whose ref is an entry's clientId, arriving after its request timed out.
     * @param {any} frame
     */
    lateError(frame: any): void;
    /** @param {OutboxEntry} e @param {any} err */
    refused(e: OutboxEntry, err: any): void;
    changed(): void;
}
export type OutboxEntry = {
    clientId: string;
    /**
     * where it goes, or
     */
    conversationId?: string | undefined;
    /**
     * a user id: the direct conversation with that user
     */
    to?: string | undefined;
    body: string;
    /**
     * media ids
     */
    attachments?: string[] | undefined;
    replyTo?: number | undefined;
    mentions?: string[] | undefined;
    forward?: {
        conversationId: string;
        seq: number;
    } | undefined;
    /**
     * when it was written, the client's clock (ms)
     */
    ts: number;
    /**
     * `failed`: the server refused it; it waits for retry() or discard()
     */
    state: "sending" | "failed";
    /**
     * the error code of a failed entry
     */
    error?: string | undefined;
    /**
     * sends so far
     */
    attempts: number;
};
/**
 * Where entries survive a reload: `load()` once at start, `save()` after every change. The web
 * client keeps them in localStorage; the default keeps them in memory.
 */
export type OutboxStorage = {
    load: () => OutboxEntry[];
    save: (entries: OutboxEntry[]) => void;
};
export type Transport = {
    online: () => boolean;
    request: (frame: Record<string, unknown>, ref: string) => Promise<any>;
};
