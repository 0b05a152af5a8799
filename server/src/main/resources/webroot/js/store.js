// The page's model of conversations, messages, cursors and presence. No DOM here.
//
// Invariants: a conversation's loaded messages (conv.msgs) are sorted by seq,
// unique by seq (dedupe by conversationId+seq), and contiguous: a message is only
// appended when it directly follows the newest one held; anything further ahead
// is fetched with history "after" instead (see App.catchUp).

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
    this.floorSeq = 0; // seqs at or below this are not visible to us (before our join)
    this.pending = new Map(); // clientId -> {clientId, body, ts, state, seq?, error?}
    this.typing = new Map(); // userId -> timer
    this.catchingUp = false;
    this.catchUpAgain = false;
    this.loadingOlder = false;
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
}

export class Store {
  constructor(meId) {
    this.me = meId;
    this.convs = new Map();
    this.users = new Map();
    this.presence = new Map();
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

  /** Notes a message in the summary part (lastSeq, preview, activity). */
  noteMessage(c, m) {
    this.noteJoin(c, m);
    c.lastSeq = Math.max(c.lastSeq, m.seq);
    if (!c.lastMessage || m.seq >= c.lastMessage.seq) c.lastMessage = m;
    c.lastActivity = Math.max(c.lastActivity, m.ts || 0);
    if (m.kind === 'system' && m.event && m.event.action === 'renamed' && m.event.name
        && m.seq >= c.lastSeq) {
      c.name = m.event.name;
    }
  }

  /**
   * Adds messages (any order, duplicates ignored) to the loaded history. Own
   * messages drop the pending entry with the same clientId. Returns the added ones.
   */
  addMessages(c, list) {
    const added = [];
    for (const m of list) {
      if (!m || typeof m.seq !== 'number' || c.bySeq.has(m.seq)) continue;
      c.bySeq.set(m.seq, m);
      added.push(m);
      this.noteMessage(c, m);
      if (m.senderId === this.me && m.clientId) c.pending.delete(m.clientId);
    }
    if (added.length) {
      c.msgs = Array.from(c.bySeq.values()).sort((a, b) => a.seq - b.seq);
    }
    return added;
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
    } else if (status === 'delivered') {
      m.deliveredSeq = Math.max(m.deliveredSeq, seq);
    }
    return before !== `${m.deliveredSeq}/${m.readSeq}`;
  }

  myMember(c) {
    return c.member(this.me);
  }

  /** Unread: lastSeq minus our readSeq (never below the part we cannot see). */
  unread(c) {
    const me = this.myMember(c);
    const read = Math.max(me ? me.readSeq : 0, c.floorSeq);
    // Our own newest message means we have seen everything before it.
    const own = c.lastMessage && c.lastMessage.senderId === this.me && c.lastMessage.kind !== 'system'
      ? c.lastMessage.seq : 0;
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

  sorted() {
    return Array.from(this.convs.values()).sort((a, b) => (b.lastActivity - a.lastActivity)
      || (b.lastSeq - a.lastSeq) || a.id.localeCompare(b.id));
  }
}
