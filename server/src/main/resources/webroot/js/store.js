// The page's model of conversations, messages, cursors and presence, and the one channel from
// the controllers to the views: the store emits what changed, views listen. No DOM here.
//
// Invariants: a conversation's loaded messages (conv.msgs) are sorted by seq, unique by seq and
// contiguous from the first page loaded on (the SDK's Sequencer hands them on in order, filling
// gaps). Update entries (kind "update") are applied to their targets and kept out of conv.msgs.

import { Emitter, applyUpdate, applyPins } from '../sdk/index.js';

/**
 * Store events: "list" (the conversation list changed), "conv" (conversationId: header, typing),
 * "messages" ({conversationId, added, updated, older}), "pending" (conversationId),
 * "ticks" (conversationId), "active" (the open chat changed), "connection" ({state, retryAt}),
 * "me" (user), "toast" (text), "announce" (text), "signedOut" (notice), "signedIn".
 */
export class Conversation {
  constructor(summary) {
    this.id = summary.id;
    this.kind = summary.kind;
    this.name = summary.name || '';
    this.lastSeq = 0;
    this.lastMessage = null;
    this.members = [];
    this.createdAt = summary.createdAt || 0;
    this.lastActivity = 0;
    this.msgs = [];
    this.bySeq = new Map();
    this.loaded = false;
    this.hasMoreBefore = false;
    this.floorSeq = 0; // seqs at or below this are not visible to us (before our join, or cleared)
    this.typing = new Map(); // userId -> timer
    this.pinned = [];
    this.unreadCount = null; // the server's (version 2), kept up to date locally; null: compute
    this.mutedUntil = null;
    this.archived = false;
    this.clearedSeq = 0;
    this.orphanUpdates = new Map(); // target seq -> update entries that came before their target
  }

  /** The newest seq held in memory (or the floor when none). */
  get top() {
    return this.msgs.length ? this.msgs[this.msgs.length - 1].seq : this.floorSeq;
  }

  get bottom() {
    return this.msgs.length ? this.msgs[0].seq : this.floorSeq + 1;
  }

  member(userId) {
    return this.members.find((m) => m.userId === userId);
  }

  get muted() {
    return !!this.mutedUntil && this.mutedUntil > Date.now();
  }
}

export class Store extends Emitter {
  constructor(meId) {
    super();
    this.me = meId;
    this.convs = new Map();
    this.users = new Map();
    this.presence = new Map();
    this.outbox = []; // the SDK's unsent entries
    this.activeId = null;
  }

  active() {
    return this.activeId ? this.convs.get(this.activeId) || null : null;
  }

  /** Merges a conversation summary; cursors and lastSeq never move back. */
  upsertSummary(s) {
    let c = this.convs.get(s.id);
    if (!c) {
      c = new Conversation(s);
      this.convs.set(s.id, c);
    }
    c.kind = s.kind;
    if (s.name !== undefined) c.name = s.name || '';
    c.createdAt = s.createdAt || c.createdAt;
    c.lastSeq = Math.max(c.lastSeq, s.lastSeq || 0);
    if (s.lastMessage && (!c.lastMessage || s.lastMessage.seq >= c.lastMessage.seq)) {
      c.lastMessage = s.lastMessage;
      this.noteJoin(c, s.lastMessage);
    }
    const old = new Map(c.members.map((m) => [m.userId, m]));
    c.members = (s.members || []).map((m) => {
      const o = old.get(m.userId);
      return {
        userId: m.userId,
        role: m.role,
        deliveredSeq: Math.max(m.deliveredSeq || 0, o ? o.deliveredSeq : 0),
        readSeq: Math.max(m.readSeq || 0, o ? o.readSeq : 0),
      };
    });
    if (Array.isArray(s.pinned)) c.pinned = s.pinned.slice();
    if (typeof s.unreadCount === 'number') c.unreadCount = s.unreadCount;
    if ('mutedUntil' in s || typeof s.unreadCount === 'number') c.mutedUntil = s.mutedUntil || null;
    if (typeof s.archived === 'boolean') c.archived = s.archived;
    if (typeof s.clearedSeq === 'number') {
      c.clearedSeq = s.clearedSeq;
      c.floorSeq = Math.max(c.floorSeq, s.clearedSeq);
    }
    c.lastActivity = Math.max(c.lastActivity, s.lastActivity || 0,
      (s.lastMessage && s.lastMessage.ts) || 0, s.createdAt || 0);
    return c;
  }

  /**
   * The summary gives no joinedSeq and a member added later starts with readSeq 0,
   * so lastSeq - readSeq would count messages from before the join, which we
   * cannot see: our own member_added note marks where our history starts.
   */
  noteJoin(c, m) {
    if (m && m.kind === 'system' && m.event && m.event.action === 'member_added'
        && m.event.userId === this.me) {
      c.floorSeq = Math.max(c.floorSeq, m.seq - 1);
    }
  }

  remove(id) {
    const c = this.convs.get(id);
    if (c) for (const t of c.typing.values()) clearTimeout(t);
    this.convs.delete(id);
  }

  /** Notes a message in the summary part (lastSeq, preview, activity, unread). */
  noteMessage(c, m) {
    this.noteJoin(c, m);
    const fresh = m.seq > c.lastSeq;
    c.lastSeq = Math.max(c.lastSeq, m.seq);
    if (m.kind === 'update') {
      if (c.lastMessage && m.update && m.update.target === c.lastMessage.seq) c.lastMessage = applyUpdate(c.lastMessage, m);
      c.pinned = applyPins(c.pinned, m);
      return;
    }
    if (!c.lastMessage || m.seq >= c.lastMessage.seq) c.lastMessage = m;
    c.lastActivity = Math.max(c.lastActivity, m.ts || 0);
    if (m.kind === 'system' && m.event && m.event.action === 'renamed' && m.event.name && m.seq >= c.lastSeq) {
      c.name = m.event.name;
    }
    const me = this.myMember(c);
    if (fresh && c.unreadCount != null && m.kind === 'text' && m.senderId !== this.me && (!me || m.seq > me.readSeq)) {
      c.unreadCount += 1;
    }
  }

  /**
   * Adds messages (ascending, duplicates ignored) to the loaded history and applies update
   * entries to their targets. Returns {added, updated}: new rows and seqs of changed rows.
   */
  addMessages(c, list) {
    const added = [];
    const updated = new Set();
    for (const m of list) {
      if (!m || typeof m.seq !== 'number' || c.bySeq.has(m.seq)) continue;
      this.noteMessage(c, m);
      c.bySeq.set(m.seq, m);
      if (m.kind === 'update') {
        if (this.applyEntry(c, m)) updated.add(m.update.target);
        continue;
      }
      const waiting = c.orphanUpdates.get(m.seq);
      let shown = m;
      if (waiting) {
        for (const u of waiting) shown = applyUpdate(shown, u);
        c.orphanUpdates.delete(m.seq);
        c.bySeq.set(m.seq, shown);
      }
      added.push(shown);
    }
    if (added.length) {
      const tail = c.msgs.length ? c.msgs[c.msgs.length - 1].seq : 0;
      if (added.every((m) => m.seq > tail)) c.msgs.push(...added);
      else c.msgs = Array.from(c.bySeq.values()).filter((m) => m.kind !== 'update').sort((a, b) => a.seq - b.seq);
    }
    return { added, updated: Array.from(updated) };
  }

  /** Applies one update entry to its target when held (else keeps it for later). */
  applyEntry(c, u) {
    const t = c.bySeq.get(u.update.target);
    if (!t) {
      if (u.update.target > c.floorSeq) {
        const list = c.orphanUpdates.get(u.update.target) || [];
        list.push(u);
        c.orphanUpdates.set(u.update.target, list);
      }
      return false;
    }
    const next = applyUpdate(t, u);
    if (next === t) return false;
    c.bySeq.set(t.seq, next);
    const i = c.msgs.indexOf(t);
    if (i >= 0) c.msgs[i] = next;
    return true;
  }

  /** Applies a receipt frame: the member's cursors move forward only. */
  applyReceipt(c, userId, status, seq) {
    let m = c.member(userId);
    if (!m) {
      m = { userId, role: 'member', deliveredSeq: 0, readSeq: 0 };
      c.members.push(m);
    }
    const before = `${m.deliveredSeq}/${m.readSeq}`;
    if (status === 'read') {
      m.readSeq = Math.max(m.readSeq, seq);
      m.deliveredSeq = Math.max(m.deliveredSeq, seq);
      if (userId === this.me) this.readUpTo(c, seq);
    } else if (status === 'delivered') {
      m.deliveredSeq = Math.max(m.deliveredSeq, seq);
    }
    return before !== `${m.deliveredSeq}/${m.readSeq}`;
  }

  /** Our read cursor reached seq: recount what is unread above it. */
  readUpTo(c, seq) {
    if (c.unreadCount == null) return;
    if (seq >= c.lastSeq) {
      c.unreadCount = 0;
      return;
    }
    if (c.loaded && c.top >= c.lastSeq) {
      c.unreadCount = c.msgs.filter((m) => m.seq > seq && m.kind === 'text' && m.senderId !== this.me && !m.deleted).length;
    }
  }

  myMember(c) {
    return c.member(this.me);
  }

  /** Unread: the server's count (version 2), else lastSeq minus our readSeq. */
  unread(c) {
    if (c.unreadCount != null) return c.unreadCount;
    const me = this.myMember(c);
    const read = Math.max(me ? me.readSeq : 0, c.floorSeq);
    // Our own newest message means we have seen everything before it.
    const own = c.lastMessage && c.lastMessage.senderId === this.me ? c.lastMessage.seq : 0;
    return Math.max(0, c.lastSeq - Math.max(read, own));
  }

  /** The other user of a direct conversation. */
  peerId(c) {
    if (c.kind !== 'direct') return null;
    const other = c.members.find((m) => m.userId !== this.me);
    return other ? other.userId : null;
  }

  /**
   * Status of our own message seq: "read" | "delivered" | "sent", plus readBy
   * (how many other members have read it) and others (how many there are).
   */
  tickStatus(c, seq) {
    const others = c.members.filter((m) => m.userId !== this.me);
    const readBy = others.filter((m) => m.readSeq >= seq).length;
    const deliveredTo = others.filter((m) => m.deliveredSeq >= seq || m.readSeq >= seq).length;
    let status = 'sent';
    if (others.length && readBy === others.length) status = 'read';
    else if (others.length && deliveredTo === others.length) status = 'delivered';
    return { status, readBy, others: others.length };
  }

  /** Unsent entries of one conversation, oldest first. */
  pendingOf(c) {
    return this.outbox.filter((e) => e.conversationId === c.id);
  }

  sorted() {
    return Array.from(this.convs.values()).sort((a, b) => (b.lastActivity - a.lastActivity)
      || (b.lastSeq - a.lastSeq) || a.id.localeCompare(b.id));
  }
}
