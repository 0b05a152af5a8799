// Order and gap fill per conversation (PROTOCOL.md section 3 "Order, no gaps" and the sync
// after a reconnect): the application sees each tracked conversation's messages in increasing
// seq, none twice, none missing.

/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').HistoryPage} HistoryPage */

const PAGE = 200;
const MAX_PARKED = 1024;

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
  constructor(options) {
    this.fetchAfter = options.fetchAfter;
    this.deliver = options.deliver;
    this.onFillError = options.onFillError || (() => {});
    this.autoTrack = options.autoTrack ?? true;
    /** @type {Map<string, number>} */
    this.cursors = new Map();
    /** @type {Map<string, number>} newest seq known to exist */
    this.lastSeqs = new Map();
    /** @type {Map<string, Map<number, Message>>} */
    this.parked = new Map();
    /** @type {Set<string>} */
    this.filling = new Set();
    /** @type {Set<string>} */
    this.again = new Set();
  }

  /**
   * From now on, hand on every message of this conversation after `seq`, in order (fetching
   * what is missing). Call it with the newest seq the application holds.
   * @param {string} conversationId
   * @param {number} seq
   */
  track(conversationId, seq) {
    this.cursors.set(conversationId, seq);
    const parked = this.parked.get(conversationId);
    if (parked) for (const s of Array.from(parked.keys())) if (s <= seq) parked.delete(s);
    if (this.known(conversationId) > seq || (parked && parked.size)) this.fill(conversationId);
  }

  /** @param {string} conversationId */
  untrack(conversationId) {
    this.cursors.delete(conversationId);
    this.parked.delete(conversationId);
  }

  /** The seq up to which the application has everything, or undefined when untracked. @param {string} conversationId */
  cursor(conversationId) {
    return this.cursors.get(conversationId);
  }

  /** @param {string} id @returns {number} */
  known(id) {
    return this.lastSeqs.get(id) || 0;
  }

  /** @param {string} id @param {number} seq */
  noteSeq(id, seq) {
    if (seq > this.known(id)) this.lastSeqs.set(id, seq);
  }

  /**
   * A live message (or one synthesized from a `sent` reply).
   * @param {Message} m
   */
  onLive(m) {
    const id = m.conversationId;
    this.noteSeq(id, m.seq);
    let cursor = this.cursors.get(id);
    if (cursor === undefined) {
      if (!this.autoTrack) {
        this.deliver(m);
        return;
      }
      cursor = m.seq - 1;
      this.cursors.set(id, cursor);
    }
    if (m.seq <= cursor) return;
    if (m.seq === cursor + 1 && !this.filling.has(id)) {
      this.cursors.set(id, m.seq);
      this.deliver(m);
      return;
    }
    this.park(m);
    this.fill(id);
  }

  /**
   * A seq that exists but whose message is not at hand (e.g. a send with attachments, or an
   * update entry this device made): fetched when the conversation is tracked.
   * @param {string} conversationId
   * @param {number} seq
   */
  onSeq(conversationId, seq) {
    this.noteSeq(conversationId, seq);
    const cursor = this.cursors.get(conversationId);
    if (cursor !== undefined && seq > cursor) this.fill(conversationId);
  }

  /**
   * The summaries of `sync`: fills tracked conversations that are behind; conversations no longer
   * listed are untracked.
   * @param {Array<{id: string, lastSeq: number}>} summaries
   */
  onSynced(summaries) {
    const listed = new Set();
    for (const s of summaries) {
      listed.add(s.id);
      this.noteSeq(s.id, s.lastSeq || 0);
      const cursor = this.cursors.get(s.id);
      if (cursor === undefined) {
        if (this.autoTrack) this.cursors.set(s.id, s.lastSeq || 0);
      } else if ((s.lastSeq || 0) > cursor) {
        this.fill(s.id);
      }
    }
    for (const id of Array.from(this.cursors.keys())) if (!listed.has(id)) this.untrack(id);
  }

  /** @param {Message} m */
  park(m) {
    let p = this.parked.get(m.conversationId);
    if (!p) {
      p = new Map();
      this.parked.set(m.conversationId, p);
    }
    if (p.size < MAX_PARKED) p.set(m.seq, m);
  }

  /**
   * Fetches after the cursor until the known lastSeq is reached, then hands on parked messages.
   * @param {string} id
   * @returns {Promise<void>}
   */
  async fill(id) {
    if (this.filling.has(id)) {
      this.again.add(id);
      return;
    }
    this.filling.add(id);
    try {
      for (let guard = 0; guard < 10000; guard++) {
        const cursor = this.cursors.get(id);
        if (cursor === undefined) return;
        const parked = this.parked.get(id);
        if (parked && parked.has(cursor + 1)) {
          const m = /** @type {Message} */ (parked.get(cursor + 1));
          parked.delete(cursor + 1);
          this.cursors.set(id, m.seq);
          this.deliver(m);
          continue;
        }
        const target = Math.max(this.known(id), parked && parked.size ? Math.max(...parked.keys()) : 0);
        if (target <= cursor) break;
        const page = await this.fetchAfter(id, cursor, PAGE);
        if (this.cursors.get(id) !== cursor) continue; // untracked or moved meanwhile
        let moved = false;
        for (const m of page.messages || []) {
          if (m.seq <= (this.cursors.get(id) ?? Infinity)) continue;
          this.cursors.set(id, m.seq);
          this.noteSeq(id, m.seq);
          if (parked) parked.delete(m.seq);
          moved = true;
          this.deliver(m);
        }
        if (parked) for (const s of Array.from(parked.keys())) if (s <= (this.cursors.get(id) ?? 0)) parked.delete(s);
        if (!moved) {
          // The store has nothing more for us: what is known beyond is not visible to this user;
          // parked live messages are handed on as they are.
          for (const s of parked ? Array.from(parked.keys()).sort((a, b) => a - b) : []) {
            const m = /** @type {Message} */ (/** @type {Map<number, Message>} */ (parked).get(s));
            /** @type {Map<number, Message>} */ (parked).delete(s);
            this.cursors.set(id, s);
            this.deliver(m);
          }
          this.lastSeqs.set(id, this.cursors.get(id) ?? 0);
          break;
        }
      }
    } catch (e) {
      this.onFillError(id, e);
    } finally {
      this.filling.delete(id);
    }
    if (this.again.delete(id)) this.fill(id);
  }
}
