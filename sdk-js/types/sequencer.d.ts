/**
 * Keeps, for every *tracked* conversation, a cursor: the highest seq handed to the application.
 * A live message right after the cursor is handed on; one further ahead is parked (at most
 * 1,024 per conversation; when full the newest are dropped, and the fill reads on from the
 * store) while the missing ones are fetched with history `after`; one at or below the cursor is
 * a duplicate and dropped. After `sync`, every tracked conversation whose `lastSeq` is ahead of
 * its cursor is filled the same way. Untracked conversations' messages are handed on as they
 * arrive (the server already sends them in order on one connection), and nothing is fetched for
 * them. The history pages are the truth: seqs they skip (not visible to this user, or cleared)
 * are skipped. Single-threaded.
 */
export class Sequencer {
    /**
     * @param {object} options
     * @param {(conversationId: string, after: number, limit: number) => Promise<HistoryPage>} options.fetchAfter
     * @param {(message: Message) => void} options.deliver hands a message to the application
     * @param {(conversationId: string, error: any) => void} [options.onFillError]
     * @param {boolean} [options.autoTrack] track every conversation from the first message or sync seen (default true)
     */
    constructor(options: {
        fetchAfter: (conversationId: string, after: number, limit: number) => Promise<HistoryPage>;
        deliver: (message: Message) => void;
        onFillError?: ((conversationId: string, error: any) => void) | undefined;
        autoTrack?: boolean | undefined;
    });
    fetchAfter: (conversationId: string, after: number, limit: number) => Promise<HistoryPage>;
    deliver: (message: Message) => void;
    onFillError: (conversationId: string, error: any) => void;
    autoTrack: boolean;
    /** @type {Map<string, number>} */
    cursors: Map<string, number>;
    /** @type {Map<string, number>} newest seq known to exist */
    lastSeqs: Map<string, number>;
    /** @type {Map<string, Map<number, Message>>} */
    parked: Map<string, Map<number, Message>>;
    /** @type {Set<string>} */
    filling: Set<string>;
    /** @type {Set<string>} */
    again: Set<string>;
    /**
     * From now on, hand on every message of this conversation after `seq`, in order (fetching
     * what is missing). Call it with the newest seq the application holds.
     * @param {string} conversationId
     * @param {number} seq
     */
    track(conversationId: string, seq: number): void;
    /** @param {string} conversationId */
    untrack(conversationId: string): void;
    /** The seq up to which the application has everything, or undefined when untracked. @param {string} conversationId */
    cursor(conversationId: string): number | undefined;
    /** @param {string} id @returns {number} */
    known(id: string): number;
    /** @param {string} id @param {number} seq */
    noteSeq(id: string, seq: number): void;
    /**
     * A live message (or one synthesized from a `sent` reply).
     * @param {Message} m
     */
    onLive(m: Message): void;
    /**
     * A seq that exists but whose message is not at hand (e.g. a send with attachments, or an
     * update entry this device made): fetched when the conversation is tracked.
     * @param {string} conversationId
     * @param {number} seq
     */
    onSeq(conversationId: string, seq: number): void;
    /**
     * The summaries of `sync`: fills tracked conversations that are behind; conversations no longer
     * listed are untracked.
     * @param {Array<{id: string, lastSeq: number}>} summaries
     */
    onSynced(summaries: Array<{
        id: string;
        lastSeq: number;
    }>): void;
    /** @param {Message} m */
    park(m: Message): void;
    /**
     * Fetches after the cursor until the known lastSeq is reached, then hands on parked messages.
     * @param {string} id
     * @returns {Promise<void>}
     */
    fill(id: string): Promise<void>;
}
export type Message = import("./types.js").Message;
export type HistoryPage = import("./types.js").HistoryPage;
