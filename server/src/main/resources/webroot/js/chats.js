// Conversations and their messages: the list, opening a chat, history pages, and every event
// the SDK reports. Writes to the store, which tells the views; never touches the DOM.

const PAGE = 50;
/** Pages of `after` fetched between a search result's page and the loaded ones: 50 x 200. */
const GAP_PAGE = 200;
const GAP_PAGES = 50;
const TYPING_EXPIRE_MS = 7000;

export class Chats {
  constructor(ctx) {
    this.ctx = ctx; // {store, client, people, acks, isVisible(c), route()}
  }

  get store() {
    return this.ctx.store;
  }

  /** Subscribes to the SDK client's events (once per session). */
  listen(client) {
    client.on('synced', (s) => this.onSynced(s.conversations));
    client.on('message', (m) => this.onMessage(m));
    client.on('sent', (s) => this.onSent(s));
    client.on('outbox', (entries) => this.onOutbox(entries));
    client.on('receipt', (f) => this.onReceipt(f));
    client.on('typing', (f) => this.onTyping(f));
    client.on('presence', (f) => this.ctx.people.onPresence(f));
    client.on('conversation', (f) => this.onConversationFrame(f.conversation));
    client.on('fillfailed', (f) => this.onFillFailed(f.conversationId, f.error));
  }

  async loadConversations() {
    const store = this.store;
    try {
      const res = await this.ctx.client.api.conversations();
      if (store !== this.store) return;
      this.applyConversationList(res.conversations || [], false);
      this.ctx.people.loadPresence(this.ctx.people.peerIds());
    } catch (e) {
      if (e.status !== 401) store.emit('toast', 'Could not load your chats. Retrying when connected.');
    }
  }

  /** Merges a full list of summaries; those missing were left (when authoritative). */
  applyConversationList(list, authoritative) {
    const seen = new Set();
    for (const s of list) {
      const c = this.store.upsertSummary(s);
      seen.add(c.id);
      for (const m of c.members) if (m.userId !== this.store.me) this.ctx.people.ensure(m.userId);
      if (c.lastMessage && c.lastMessage.senderId) this.ctx.people.ensure(c.lastMessage.senderId);
      this.ctx.acks.deliveredFromSummary(c);
    }
    if (authoritative) {
      for (const id of Array.from(this.store.convs.keys())) if (!seen.has(id)) this.dropConversation(id);
    }
    this.store.emit('list', null);
  }

  onSynced(list) {
    if (!this.store) return;
    this.applyConversationList(list, true);
    this.ctx.people.subscribe(this.ctx.people.peerIds());
    const a = this.store.active();
    if (a) this.ctx.acks.markReadIfVisible(a);
    else if (this.store.activeId) this.ctx.route();
  }

  onConversationFrame(summary) {
    if (!this.store || !summary) return;
    const c = this.store.upsertSummary(summary);
    this.store.emit('list', null);
    this.store.emit('conv', c.id);
  }

  async fetchConversation(id) {
    const store = this.store;
    try {
      const s = await this.ctx.client.api.conversation(id);
      if (store !== this.store) return null;
      const fresh = !store.convs.has(id);
      const c = store.upsertSummary(s);
      for (const m of c.members) this.ctx.people.ensure(m.userId);
      if (fresh) {
        const peer = store.peerId(c);
        if (peer) {
          this.ctx.people.subscribe([peer]);
          this.ctx.people.loadPresence([peer]);
        }
        this.ctx.acks.deliveredFromSummary(c);
      }
      store.emit('list', null);
      store.emit('conv', c.id);
      return c;
    } catch (e) {
      if (e.status === 404 || e.status === 403) this.dropConversation(id);
      return null;
    }
  }

  dropConversation(id) {
    if (!this.store || !this.store.convs.has(id)) return;
    this.store.remove(id);
    this.ctx.client.untrack(id);
    if (this.store.activeId === id) this.ctx.closeChat();
    this.store.emit('list', null);
  }

  onFillFailed(id, e) {
    if (e && (e.code === 'not_found' || e.code === 'forbidden')) this.dropConversation(id);
  }

  // ---- history ----

  historyFailed(c, e) {
    const code = (e && e.code) || '';
    if (code === 'not_found' || code === 'forbidden') {
      this.dropConversation(c.id);
      return;
    }
    if (code !== 'offline' && code !== 'network') this.store.emit('toast', 'Could not load messages.');
  }

  loadInitial(c) {
    if (!c.loadingInitial) c.loadingInitial = this.fetchInitial(c).finally(() => { c.loadingInitial = null; });
    return c.loadingInitial;
  }

  async fetchInitial(c) {
    try {
      const page = await this.ctx.client.history(c.id, { limit: PAGE });
      if (!this.store || this.store.convs.get(c.id) !== c) return;
      c.loaded = true;
      c.hasMoreBefore = page.hasMore;
      if (!page.hasMore) c.floorSeq = Math.max(c.floorSeq, page.messages.length ? page.messages[0].seq - 1 : c.lastSeq);
      this.store.addMessages(c, page.messages);
      this.ctx.people.ensureSenders(page.messages);
      this.store.emit('messages', { conversationId: c.id, reset: true });
      this.store.emit('list', null);
      // From here on the SDK hands on every later message in order, fetching what is missing.
      this.ctx.client.track(c.id, Math.max(c.top, page.messages.length ? page.messages[page.messages.length - 1].seq : 0));
      this.ctx.acks.markReadIfVisible(c, this.ctx.visibleTop(c));
    } catch (e) {
      this.historyFailed(c, e);
    }
  }

  async loadOlder(c) {
    if (!c || !c.loaded || !c.hasMoreBefore || c.loadingOlder) return;
    c.loadingOlder = true;
    this.store.emit('older', { conversationId: c.id, loading: true });
    try {
      const page = await this.ctx.client.history(c.id, { before: c.bottom, limit: PAGE });
      if (!this.store || this.store.convs.get(c.id) !== c) return;
      c.hasMoreBefore = page.hasMore;
      if (!page.hasMore) c.floorSeq = page.messages.length ? page.messages[0].seq - 1 : c.bottom - 1;
      const { added, updated } = this.store.addMessages(c, page.messages);
      this.ctx.people.ensureSenders(page.messages);
      this.store.emit('messages', { conversationId: c.id, added, updated, older: true });
    } catch (e) {
      this.historyFailed(c, e);
    } finally {
      c.loadingOlder = false;
      this.store.emit('older', { conversationId: c.id, loading: false });
    }
  }

  /** Loads pages back until the message with this seq is held (for "jump to the original"). */
  async loadUntil(c, seq) {
    for (let guard = 0; guard < 40 && c.loaded && !c.bySeq.has(seq) && c.hasMoreBefore && seq > c.floorSeq; guard++) {
      await this.loadOlder(c);
    }
    return c.bySeq.has(seq);
  }

  /**
   * Makes message `seq` held, to open a search result in context: the first page when the chat
   * is not loaded yet; then, if seq is older than what is held, the page around it (history
   * `around`) and the messages between that page and the held ones (`after` pages), so the held
   * messages stay contiguous. Answers whether seq is held.
   */
  async loadAround(c, seq) {
    if (!c.loaded) await this.loadInitial(c);
    if (!c.loaded || c.bySeq.has(seq)) return c.bySeq.has(seq);
    if (seq >= c.bottom || seq <= c.floorSeq) return false;
    try {
      const page = await this.ctx.client.history(c.id, { around: seq, limit: PAGE });
      const got = page.messages.slice();
      let top = got.length ? got[got.length - 1].seq : seq;
      for (let i = 0; i < GAP_PAGES && top < c.bottom - 1; i++) {
        const more = await this.ctx.client.history(c.id, { after: top, limit: GAP_PAGE });
        if (!more.messages.length) break;
        got.push(...more.messages.filter((m) => m.seq < c.bottom));
        top = more.messages[more.messages.length - 1].seq;
      }
      if (!this.store || this.store.convs.get(c.id) !== c || top < c.bottom - 1) return false;
      c.hasMoreBefore = got.length > 0 && got[0].seq > c.floorSeq + 1;
      const { added, updated } = this.store.addMessages(c, got);
      this.ctx.people.ensureSenders(got);
      this.store.emit('messages', { conversationId: c.id, added, updated, older: true });
    } catch (e) {
      this.historyFailed(c, e);
    }
    return c.bySeq.has(seq);
  }

  // ---- SDK events ----

  onMessage(m) {
    if (!this.store) return;
    const c = this.store.convs.get(m.conversationId);
    const mine = m.senderId === this.store.me;
    if (!c) {
      // A new conversation (someone wrote to us or added us): fetch its summary.
      this.fetchConversation(m.conversationId).then((conv) => {
        if (conv && !mine) this.announce(conv, m);
      });
      return;
    }
    this.ctx.people.ensureSenders([m]);
    if (c.loaded) {
      const { added, updated } = this.store.addMessages(c, [m]);
      if (added.length || updated.length) this.store.emit('messages', { conversationId: c.id, added, updated });
      if (!mine && added.length && !this.ctx.acks.markReadIfVisible(c, this.ctx.visibleTop(c))) {
        this.ctx.acks.schedule(c, 'delivered', m.seq);
      }
    } else {
      this.store.noteMessage(c, m);
      if (!mine) this.ctx.acks.schedule(c, 'delivered', m.seq);
    }
    if (!mine && m.kind !== 'update') {
      this.clearTyping(c, m.senderId);
      this.announce(c, m);
    }
    if (m.kind === 'system' && m.event) this.onSystemEvent(c, m);
    if (m.kind === 'update' && m.update && (m.update.action === 'pinned' || m.update.action === 'unpinned')) this.store.emit('conv', c.id);
    this.store.emit('list', null);
  }

  onSent(s) {
    const c = this.store && this.store.convs.get(s.conversationId);
    if (!c) {
      if (this.store) this.fetchConversation(s.conversationId);
      return;
    }
    // Our own message: we have read everything up to it.
    this.ctx.acks.schedule(c, 'read', s.seq);
  }

  onOutbox(entries) {
    if (!this.store) return;
    const before = new Set(this.store.outbox.map((e) => e.conversationId));
    this.store.outbox = entries;
    for (const e of entries) before.add(e.conversationId);
    for (const id of before) this.store.emit('pending', id);
  }

  onSystemEvent(c, m) {
    const ev = m.event;
    const me = this.store.me;
    if ((ev.action === 'member_removed' || ev.action === 'member_left') && ev.userId === me) {
      if (ev.action === 'member_removed') this.store.emit('toast', `You were removed from “${c.name || 'the group'}”.`);
      this.dropConversation(c.id);
      return;
    }
    // Membership or name changed: refresh the summary (members, roles, cursors).
    this.fetchConversation(c.id);
  }

  onReceipt(f) {
    const c = this.store && this.store.convs.get(f.conversationId);
    if (!c) return;
    if (this.store.applyReceipt(c, f.userId, f.status, f.seq)) {
      this.store.emit('ticks', c.id);
      this.store.emit('list', null);
    }
  }

  onTyping(f) {
    const c = this.store && this.store.convs.get(f.conversationId);
    if (!c || f.userId === this.store.me) return;
    if (f.state === 'start') {
      clearTimeout(c.typing.get(f.userId));
      c.typing.set(f.userId, setTimeout(() => this.clearTyping(c, f.userId), TYPING_EXPIRE_MS));
      this.ctx.people.ensure(f.userId);
    } else {
      this.clearTyping(c, f.userId);
      return;
    }
    this.store.emit('conv', c.id);
    this.store.emit('list', null);
  }

  clearTyping(c, userId) {
    if (!c.typing.has(userId)) return;
    clearTimeout(c.typing.get(userId));
    c.typing.delete(userId);
    this.store.emit('conv', c.id);
    this.store.emit('list', null);
  }

  announce(c, m) {
    if (m.kind !== 'text' || c.muted) return;
    this.store.emit('incoming', { c, m }); // system notifications (notify.js)
    const who = this.ctx.people.name(m.senderId);
    if (c === this.store.active() && document.visibilityState === 'visible') {
      this.store.emit('announce', `${who}: ${m.body}`);
    } else {
      const where = c.kind === 'group' ? ` in ${c.name}` : '';
      this.store.emit('announce', `New message from ${who}${where}`);
    }
  }
}
