// Receipts this device sends (delivered, read; coalesced per conversation) and typing.

const ACK_DELAY_MS = 120;
const TYPING_RESEND_MS = 4000;
const TYPING_IDLE_MS = 3000;

export class Acks {
  constructor(ctx) {
    this.ctx = ctx; // {store, client, isVisible(c)}
    this.timers = new Map();
    this.typingOut = null; // {conversationId, lastStart, idleTimer}
  }

  /**
   * Acks read up to the newest message on screen when the chat is visible. `upTo` (default:
   * the newest held) is the newest seq the user can actually see.
   */
  markReadIfVisible(c, upTo) {
    if (!this.ctx.isVisible(c)) return false;
    const me = this.ctx.store.myMember(c);
    const seq = upTo == null ? c.top : Math.min(upTo, c.top);
    if (seq > 0 && (!me || me.readSeq < seq)) this.schedule(c, 'read', seq);
    return true;
  }

  deliveredFromSummary(c) {
    const me = this.ctx.store.myMember(c);
    if (me && c.lastSeq > me.deliveredSeq && c.lastSeq > 0) this.schedule(c, 'delivered', c.lastSeq);
  }

  schedule(c, status, seq) {
    let entry = this.timers.get(c.id);
    if (!entry) {
      entry = { read: 0, delivered: 0, timer: null };
      this.timers.set(c.id, entry);
    }
    entry[status] = Math.max(entry[status], seq);
    if (!entry.timer) {
      entry.timer = setTimeout(() => {
        this.timers.delete(c.id);
        this.flush(c, entry);
      }, ACK_DELAY_MS);
    }
  }

  flush(c, entry) {
    const store = this.ctx.store;
    if (!store || store.convs.get(c.id) !== c) return;
    const me = store.myMember(c);
    const read = entry.read;
    const delivered = Math.max(entry.delivered, read);
    if (read > 0 && (!me || read > me.readSeq)) {
      if (this.ctx.client.ack(c.id, read, 'read') && me) store.applyReceipt(c, store.me, 'read', read);
    } else if (delivered > 0 && (!me || delivered > me.deliveredSeq)) {
      if (this.ctx.client.ack(c.id, delivered, 'delivered') && me) me.deliveredSeq = delivered;
    }
    store.emit('list', null);
  }

  typed(c, text) {
    if (!c) return;
    if (!text.trim()) {
      this.stopTyping();
      return;
    }
    const t = this.typingOut;
    const now = Date.now();
    if (!t || t.conversationId !== c.id) {
      this.stopTyping();
      this.typingOut = { conversationId: c.id, lastStart: now, idleTimer: null };
      this.ctx.client.typing(c.id, 'start');
    } else if (now - t.lastStart > TYPING_RESEND_MS) {
      t.lastStart = now;
      this.ctx.client.typing(c.id, 'start');
    }
    clearTimeout(this.typingOut.idleTimer);
    this.typingOut.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    const t = this.typingOut;
    if (!t) return;
    this.typingOut = null;
    clearTimeout(t.idleTimer);
    if (this.ctx.client) this.ctx.client.typing(t.conversationId, 'stop');
  }
}
