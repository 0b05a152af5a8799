// Messenger web client: session, socket events and actions. Views live in
// views.js; the model in store.js. All user text reaches the DOM as text nodes.

import { Api, ApiError } from './api.js';
import { ChatSocket } from './socket.js';
import { Store } from './store.js';
import { randomId, displayName } from './format.js';
import { Views } from './views.js';
import { installMedia } from './media.js';
import { enablePush } from './push.js';

const SESSION_KEY = 'messenger.session';
const PAGE = 50;
const TYPING_RESEND_MS = 4000;
const TYPING_IDLE_MS = 3000;
const TYPING_EXPIRE_MS = 7000;
const ACK_DELAY_MS = 120;

class App {
  constructor() {
    this.api = new Api(() => this.signedOut('Your session has ended. Please sign in again.'));
    this.socket = new ChatSocket({
      onReady: (f) => this.onReady(f),
      onFrame: (f) => this.onFrame(f),
      onState: (s, d) => this.views.connection(s, d),
      onRevoked: () => this.signedOut('You were signed out.'),
      onRejected: () => this.checkToken(),
    });
    this.session = null;
    this.store = null;
    this.activeId = null;
    this.serverOffset = 0;
    this.userFetches = new Map();
    this.typingOut = null; // {conversationId, lastStart, idleTimer}
    this.ackTimers = new Map();
    this.views = new Views(this);
  }

  now() {
    return Date.now() + this.serverOffset;
  }

  // ---- startup and sessions ------------------------------------------------

  boot() {
    this.views.wireStatic();
    installMedia(this);
    window.addEventListener('hashchange', () => this.route());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.markReadIfVisible(this.active());
      else this.stopTyping();
    });
    window.addEventListener('focus', () => this.markReadIfVisible(this.active()));
    window.addEventListener('online', () => this.socket.kick());
    // Leaving the page (or entering the back/forward cache): close the socket so
    // that presence goes offline; coming back from the cache reconnects and syncs.
    window.addEventListener('pagehide', () => {
      this.stopTyping();
      if (this.session) this.socket.suspend();
    });
    window.addEventListener('pageshow', (e) => {
      if (e.persisted && this.session) this.socket.resume();
    });
    window.addEventListener('storage', (e) => {
      if (e.key === SESSION_KEY && !e.newValue && this.session) this.signedOut('You signed out in another tab.');
    });
    setInterval(() => this.views.tick(), 30000);
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
    } catch (e) {
      saved = null;
    }
    if (saved && saved.token && saved.userId) this.start(saved);
    else this.views.showAuth();
  }

  async register(username, password, displayNameText) {
    await this.api.register(username, password, displayNameText);
    await this.login(username, password);
  }

  async login(username, password) {
    const res = await this.api.login(username, password);
    const session = { token: res.token, userId: res.userId, deviceId: res.deviceId, username };
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    this.start(session);
  }

  start(session) {
    this.session = session;
    this.api.token = session.token;
    this.store = new Store(session.userId);
    this.activeId = null;
    this.views.showApp();
    this.ensureUser(session.userId).then((u) => {
      if (u && this.session === session) {
        session.username = u.username;
        this.views.me(u);
      }
    });
    this.views.me({ id: session.userId, username: session.username });
    this.loadConversations().then(() => {
      this.restoreOutbox();
      this.route();
    });
    this.socket.start(session.token);
    enablePush(this.api);
  }

  async logout() {
    const api = this.api;
    this.socket.stop();
    // Unsent messages are not kept on a shared computer after signing out.
    if (this.session) localStorage.removeItem(this.outboxKey());
    try {
      await api.logout();
    } catch (e) {
      // The token may already be gone; sign out locally anyway.
    }
    this.signedOut(null);
  }

  /** Leaves the app for the login screen (logout, 4001, 401). */
  signedOut(notice) {
    if (!this.session) return;
    this.socket.stop();
    this.session = null;
    this.api.token = null;
    localStorage.removeItem(SESSION_KEY);
    if (this.store) for (const c of this.store.convs.values()) for (const t of c.typing.values()) clearTimeout(t);
    this.store = null;
    this.activeId = null;
    this.stopTyping();
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    this.views.showAuth(notice);
  }

  async checkToken() {
    if (!this.session) return;
    try {
      await this.api.user(this.session.userId);
    } catch (e) {
      // a 401 signs out through the Api callback; anything else: keep retrying
    }
  }

  // ---- users and presence --------------------------------------------------

  user(id) {
    return this.store && this.store.users.get(id);
  }

  name(id) {
    if (this.session && id === this.session.userId) return 'You';
    const u = this.user(id);
    if (!u) this.ensureUser(id);
    return u ? displayName(u) : '…';
  }

  ensureUser(id) {
    if (!id || !this.store) return Promise.resolve(null);
    const known = this.store.users.get(id);
    if (known) return Promise.resolve(known);
    if (this.userFetches.has(id)) return this.userFetches.get(id);
    const store = this.store;
    const p = this.api.user(id).then((u) => {
      store.users.set(id, u);
      this.userFetches.delete(id);
      if (store === this.store) this.views.scheduleRender();
      return u;
    }, () => {
      this.userFetches.delete(id);
      return null;
    });
    this.userFetches.set(id, p);
    return p;
  }

  peerIds() {
    const ids = new Set();
    for (const c of this.store.convs.values()) {
      const p = this.store.peerId(c);
      if (p) ids.add(p);
    }
    return Array.from(ids);
  }

  async loadPresence(ids) {
    if (!ids.length) return;
    try {
      const res = await this.api.presence(ids);
      for (const p of res.presence || []) this.store.presence.set(p.userId, { status: p.status, lastSeen: p.lastSeen });
      this.views.scheduleRender();
    } catch (e) {
      // presence is best effort
    }
  }

  subscribePresence(ids) {
    if (ids.length) this.socket.send({ type: 'presence.subscribe', userIds: ids });
  }

  // ---- conversations -------------------------------------------------------

  async loadConversations() {
    const store = this.store;
    try {
      const res = await this.api.conversations();
      if (store !== this.store) return;
      this.applyConversationList(res.conversations || [], false);
      this.loadPresence(this.peerIds());
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) this.views.toast('Could not load your chats. Retrying when connected.');
    }
  }

  /** Merges a full list of summaries; those missing were left (when authoritative). */
  applyConversationList(list, authoritative) {
    const seen = new Set();
    for (const s of list) {
      const c = this.store.upsertSummary(s);
      seen.add(c.id);
      for (const m of c.members) if (m.userId !== this.session.userId) this.ensureUser(m.userId);
      if (c.lastMessage && c.lastMessage.senderId) this.ensureUser(c.lastMessage.senderId);
      this.ackDeliveredFromSummary(c);
    }
    if (authoritative) {
      for (const id of Array.from(this.store.convs.keys())) if (!seen.has(id)) this.dropConversation(id);
    }
    this.views.scheduleRender();
  }

  active() {
    return this.activeId && this.store ? this.store.convs.get(this.activeId) : null;
  }

  route() {
    if (!this.store) return;
    const m = /^#\/c\/(.+)$/.exec(location.hash);
    const id = m ? decodeURIComponent(m[1]) : null;
    if (id && this.store.convs.has(id)) this.showConversation(id);
    else if (id) {
      // Maybe a conversation the list does not know yet.
      this.fetchConversation(id).then((c) => {
        if (c) this.showConversation(id);
        else this.closeChat();
      });
    } else if (this.activeId) this.showConversation(null);
  }

  /** Opens a conversation (updates the address so Back returns to the list). */
  openConversation(id) {
    const target = `#/c/${encodeURIComponent(id)}`;
    if (location.hash === target) {
      this.showConversation(id);
    } else if (this.activeId) {
      history.replaceState(null, '', target);
      this.showConversation(id);
    } else {
      location.hash = target; // hashchange -> route()
    }
  }

  closeChat() {
    if (location.hash) {
      history.replaceState(null, '', location.pathname + location.search);
    }
    this.showConversation(null);
  }

  showConversation(id) {
    if (id === this.activeId) {
      this.views.render();
      return;
    }
    this.stopTyping();
    this.activeId = id;
    const c = this.active();
    this.views.openChat(c);
    if (!c) return;
    if (!c.loaded) this.loadInitial(c);
    else {
      this.catchUp(c);
      this.markReadIfVisible(c);
    }
  }

  async fetchConversation(id) {
    const store = this.store;
    try {
      const s = await this.api.conversation(id);
      if (store !== this.store) return null;
      const fresh = !store.convs.has(id);
      const c = store.upsertSummary(s);
      for (const m of c.members) this.ensureUser(m.userId);
      if (fresh) {
        const peer = store.peerId(c);
        if (peer) {
          this.subscribePresence([peer]);
          this.loadPresence([peer]);
        }
        this.ackDeliveredFromSummary(c);
      }
      if (c.loaded) this.catchUp(c);
      this.views.scheduleRender();
      return c;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) this.dropConversation(id);
      return null;
    }
  }

  dropConversation(id) {
    if (!this.store || !this.store.convs.has(id)) return;
    this.store.remove(id);
    if (this.activeId === id) this.closeChat();
    this.views.scheduleRender();
  }

  // ---- history -------------------------------------------------------------

  /** A history page, over the socket when it is up, else over HTTP. */
  async history(conversationId, opts) {
    const frame = { type: 'history', conversationId, limit: opts.limit || PAGE };
    if (opts.before != null) frame.before = opts.before;
    if (opts.after != null) frame.after = opts.after;
    if (this.socket.connected) {
      try {
        const r = await this.socket.request(frame);
        return { messages: r.messages || [], hasMore: !!r.hasMore };
      } catch (e) {
        if (e.code !== 'offline' && e.code !== 'timeout') throw e;
      }
    }
    const r = await this.api.messages(conversationId, opts);
    return { messages: r.messages || [], hasMore: !!r.hasMore };
  }

  historyFailed(c, e) {
    const code = e && (e.code || '');
    if (code === 'not_found' || code === 'forbidden' || (e instanceof ApiError && (e.status === 404 || e.status === 403))) {
      this.dropConversation(c.id);
      return;
    }
    if (code !== 'offline' && !(e instanceof ApiError && e.status === 0)) this.views.toast('Could not load messages.');
  }

  async loadInitial(c) {
    if (c.loadingInitial) return;
    c.loadingInitial = true;
    this.views.renderChat({ scroll: 'bottom' });
    try {
      const page = await this.history(c.id, { limit: PAGE });
      if (!this.store || this.store.convs.get(c.id) !== c) return;
      this.store.addMessages(c, page.messages);
      c.loaded = true;
      c.hasMoreBefore = page.hasMore;
      if (!page.hasMore) c.floorSeq = page.messages.length ? page.messages[0].seq - 1 : c.lastSeq;
      this.ensureSenders(page.messages);
      this.views.renderChat({ scroll: 'bottom' });
      this.views.scheduleRender();
      this.markReadIfVisible(c);
      this.catchUp(c);
      this.fillViewport(c);
    } catch (e) {
      this.historyFailed(c, e);
    } finally {
      c.loadingInitial = false;
    }
  }

  async loadOlder(c) {
    if (!c || !c.loaded || !c.hasMoreBefore || c.loadingOlder) return;
    c.loadingOlder = true;
    this.views.olderLoading(true);
    try {
      const page = await this.history(c.id, { before: c.bottom, limit: PAGE });
      if (!this.store || this.store.convs.get(c.id) !== c) return;
      this.store.addMessages(c, page.messages);
      c.hasMoreBefore = page.hasMore;
      if (!page.hasMore) c.floorSeq = page.messages.length ? page.messages[0].seq - 1 : c.bottom - 1;
      this.ensureSenders(page.messages);
      this.views.renderChat({ scroll: 'keep-bottom-distance' });
    } catch (e) {
      this.historyFailed(c, e);
    } finally {
      c.loadingOlder = false;
      this.views.olderLoading(false);
    }
    this.fillViewport(c);
  }

  /** Loads older pages while the messages do not fill the view. */
  fillViewport(c) {
    if (c === this.active() && c.hasMoreBefore && this.views.needsMoreAbove()) this.loadOlder(c);
  }

  /**
   * Fetches what the page lacks between the newest message held and lastSeq,
   * with history "after", until none is missing: no holes, no duplicates.
   */
  async catchUp(c) {
    if (!c.loaded) return;
    if (c.catchingUp) {
      c.catchUpAgain = true;
      return;
    }
    c.catchingUp = true;
    try {
      let guard = 0;
      while (c.lastSeq > c.top && guard++ < 100) {
        const from = c.top;
        const page = await this.history(c.id, { after: from, limit: 200 });
        if (!this.store || this.store.convs.get(c.id) !== c) return;
        const added = this.store.addMessages(c, page.messages);
        this.ensureSenders(added);
        this.afterNewMessages(c, added);
        if (!page.messages.length || c.top === from) break;
        if (!page.hasMore && c.lastSeq <= c.top) break;
      }
    } catch (e) {
      this.historyFailed(c, e);
    } finally {
      c.catchingUp = false;
    }
    if (c.catchUpAgain) {
      c.catchUpAgain = false;
      this.catchUp(c);
    }
  }

  ensureSenders(list) {
    for (const m of list) {
      if (m.senderId) this.ensureUser(m.senderId);
      if (m.event && m.event.userId) this.ensureUser(m.event.userId);
      if (m.event && m.event.by) this.ensureUser(m.event.by);
    }
  }

  // ---- socket frames ---------------------------------------------------------

  async onReady(frame) {
    if (typeof frame.serverTime === 'number') this.serverOffset = frame.serverTime - Date.now();
    this.subscribePresence(this.peerIds());
    this.flushOutbox();
    try {
      const synced = await this.socket.request({ type: 'sync' });
      if (!this.store) return;
      this.applyConversationList(synced.conversations || [], true);
      const fresh = this.peerIds();
      this.subscribePresence(fresh);
      for (const c of this.store.convs.values()) if (c.loaded) this.catchUp(c);
      const a = this.active();
      if (a) this.markReadIfVisible(a);
      else if (this.activeId) this.route();
    } catch (e) {
      // The socket dropped again; the next ready syncs.
    }
  }

  onFrame(f) {
    if (!this.store) return;
    switch (f.type) {
      case 'message': this.onMessage(f); break;
      case 'sent': this.onSent(f); break;
      case 'receipt': this.onReceipt(f); break;
      case 'typing': this.onTyping(f); break;
      case 'presence':
        this.store.presence.set(f.userId, { status: f.status, lastSeen: f.lastSeen });
        this.views.scheduleRender();
        break;
      case 'error': this.onErrorFrame(f); break;
      default: break;
    }
  }

  onMessage(m) {
    const c = this.store.convs.get(m.conversationId);
    if (!c) {
      // A new conversation (someone wrote to us or added us): fetch its summary.
      this.fetchConversation(m.conversationId).then((conv) => {
        if (conv && m.senderId !== this.session.userId) this.announce(conv, m);
      });
      return;
    }
    this.store.noteMessage(c, m);
    this.ensureSenders([m]);
    if (c.loaded) {
      if (m.seq <= c.top + 1) {
        const added = this.store.addMessages(c, [m]);
        this.afterNewMessages(c, added);
      } else {
        this.catchUp(c);
      }
    } else if (m.senderId !== this.session.userId) {
      this.scheduleAck(c, 'delivered', m.seq);
    }
    if (m.senderId !== this.session.userId) {
      this.clearTyping(c, m.senderId);
      this.announce(c, m);
    }
    if (m.kind === 'system' && m.event) this.onSystemEvent(c, m);
    this.views.scheduleRender();
  }

  /** UI and acks after messages joined the loaded history. */
  afterNewMessages(c, added) {
    if (!added.length) return;
    if (c === this.active()) this.views.renderChat({ scroll: 'auto' });
    const others = added.filter((m) => m.senderId !== this.session.userId);
    if (others.length) {
      if (!this.markReadIfVisible(c)) this.scheduleAck(c, 'delivered', others[others.length - 1].seq);
    }
    this.views.scheduleRender();
  }

  onSystemEvent(c, m) {
    const ev = m.event;
    const me = this.session.userId;
    if ((ev.action === 'member_removed' || ev.action === 'member_left') && ev.userId === me) {
      if (ev.action === 'member_removed') this.views.toast(`You were removed from “${c.name || 'the group'}”.`);
      this.dropConversation(c.id);
      return;
    }
    // Membership or name changed: refresh the summary (members, roles, cursors).
    this.fetchConversation(c.id);
  }

  onSent(f) {
    const c = this.store.convs.get(f.conversationId);
    if (!c) {
      this.fetchConversation(f.conversationId);
      return;
    }
    const p = c.pending.get(f.clientId);
    const body = p ? p.body : null;
    c.lastSeq = Math.max(c.lastSeq, f.seq);
    if (p) {
      p.state = 'sent';
      p.seq = f.seq;
    }
    this.saveOutbox();
    const msg = {
      conversationId: f.conversationId, seq: f.seq, senderId: this.session.userId,
      clientId: f.clientId, ts: f.ts, kind: 'text', body: body == null ? '' : body,
    };
    if (body != null && c.loaded && f.seq <= c.top + 1) {
      this.store.addMessages(c, [msg]);
    } else {
      if (body != null) this.store.noteMessage(c, msg);
      this.catchUp(c);
    }
    // Our own message: we have read everything up to it.
    this.scheduleAck(c, 'read', f.seq);
    if (c === this.active()) this.views.renderChat({ scroll: 'bottom' });
    this.views.scheduleRender();
  }

  onReceipt(f) {
    const c = this.store.convs.get(f.conversationId);
    if (!c) return;
    if (this.store.applyReceipt(c, f.userId, f.status, f.seq)) {
      if (c === this.active()) this.views.updateTicks(c);
      this.views.scheduleRender();
    }
  }

  onTyping(f) {
    const c = this.store.convs.get(f.conversationId);
    if (!c || f.userId === this.session.userId) return;
    if (f.state === 'start') {
      clearTimeout(c.typing.get(f.userId));
      c.typing.set(f.userId, setTimeout(() => this.clearTyping(c, f.userId), TYPING_EXPIRE_MS));
      this.ensureUser(f.userId);
    } else {
      this.clearTyping(c, f.userId);
      return;
    }
    this.views.scheduleRender();
  }

  clearTyping(c, userId) {
    if (!c.typing.has(userId)) return;
    clearTimeout(c.typing.get(userId));
    c.typing.delete(userId);
    this.views.scheduleRender();
  }

  onErrorFrame(f) {
    if (!f.ref) return;
    for (const c of this.store.convs.values()) {
      const p = c.pending.get(f.ref);
      if (p && p.state !== 'sent') {
        p.state = 'failed';
        p.error = f.code === 'too_large' ? 'Too long' : f.message || 'Not sent';
        this.saveOutbox();
        if (c === this.active()) this.views.renderChat({ scroll: 'auto' });
        return;
      }
    }
  }

  announce(c, m) {
    if (m.kind === 'system') return;
    const who = this.name(m.senderId);
    if (c === this.active() && document.visibilityState === 'visible') {
      this.views.announce(`${who}: ${m.body}`);
    } else {
      const where = c.kind === 'group' ? ` in ${c.name}` : '';
      this.views.announce(`New message from ${who}${where}`);
    }
  }

  // ---- receipts --------------------------------------------------------------

  isVisible(c) {
    return !!c && c === this.active() && c.loaded && document.visibilityState === 'visible';
  }

  /** Acks read up to the newest message held when the chat is on screen. */
  markReadIfVisible(c) {
    if (!this.isVisible(c)) return false;
    const me = this.store.myMember(c);
    if (c.top > 0 && (!me || me.readSeq < c.top)) this.scheduleAck(c, 'read', c.top);
    return true;
  }

  ackDeliveredFromSummary(c) {
    const me = this.store.myMember(c);
    if (me && c.lastSeq > me.deliveredSeq && c.lastSeq > 0) this.scheduleAck(c, 'delivered', c.lastSeq);
  }

  scheduleAck(c, status, seq) {
    const key = c.id;
    let entry = this.ackTimers.get(key);
    if (!entry) {
      entry = { read: 0, delivered: 0, timer: null };
      this.ackTimers.set(key, entry);
    }
    entry[status] = Math.max(entry[status], seq);
    if (!entry.timer) {
      entry.timer = setTimeout(() => {
        this.ackTimers.delete(key);
        this.flushAck(c, entry);
      }, ACK_DELAY_MS);
    }
  }

  flushAck(c, entry) {
    if (!this.store || this.store.convs.get(c.id) !== c) return;
    const me = this.store.myMember(c);
    const read = entry.read;
    const delivered = Math.max(entry.delivered, read);
    if (read > 0 && (!me || read > me.readSeq)) {
      if (this.socket.send({ type: 'ack', conversationId: c.id, seq: read, status: 'read' }) && me) {
        me.readSeq = read;
        me.deliveredSeq = Math.max(me.deliveredSeq, read);
      }
    } else if (delivered > 0 && (!me || delivered > me.deliveredSeq)) {
      if (this.socket.send({ type: 'ack', conversationId: c.id, seq: delivered, status: 'delivered' }) && me) {
        me.deliveredSeq = delivered;
      }
    }
    this.views.scheduleRender();
  }

  // ---- sending -----------------------------------------------------------------

  send(text) {
    const c = this.active();
    const body = text.replace(/\s+$/u, '');
    if (!c || !body.trim()) return false;
    const clientId = randomId();
    c.pending.set(clientId, { clientId, body, ts: this.now(), state: 'sending' });
    this.stopTyping();
    this.transmit(c, c.pending.get(clientId));
    this.saveOutbox();
    this.views.renderChat({ scroll: 'bottom' });
    return true;
  }

  transmit(c, p) {
    p.state = 'sending';
    p.error = null;
    // ref = clientId: a late "sent" or "error" finds its message after a timeout or reconnect.
    this.socket.send({ type: 'send', ref: p.clientId, clientId: p.clientId, conversationId: c.id, body: p.body });
  }

  retry(conversationId, clientId) {
    const c = this.store.convs.get(conversationId);
    const p = c && c.pending.get(clientId);
    if (!p) return;
    this.transmit(c, p);
    if (c === this.active()) this.views.renderChat({ scroll: 'auto' });
  }

  discard(conversationId, clientId) {
    const c = this.store.convs.get(conversationId);
    if (!c) return;
    c.pending.delete(clientId);
    this.saveOutbox();
    if (c === this.active()) this.views.renderChat({ scroll: 'auto' });
  }

  /** Resends what was not acknowledged (the server dedupes by clientId). */
  flushOutbox() {
    for (const c of this.store.convs.values()) {
      for (const p of c.pending.values()) if (p.state === 'sending') this.transmit(c, p);
    }
  }

  outboxKey() {
    return `messenger.outbox.${this.session.userId}`;
  }

  saveOutbox() {
    if (!this.store) return;
    const out = [];
    for (const c of this.store.convs.values()) {
      for (const p of c.pending.values()) {
        if (p.state !== 'sent') out.push({ conversationId: c.id, clientId: p.clientId, body: p.body, ts: p.ts });
      }
    }
    try {
      if (out.length) localStorage.setItem(this.outboxKey(), JSON.stringify(out));
      else localStorage.removeItem(this.outboxKey());
    } catch (e) {
      // storage full or disabled: the outbox lives in memory only
    }
  }

  restoreOutbox() {
    if (!this.store) return;
    let list = [];
    try {
      list = JSON.parse(localStorage.getItem(this.outboxKey()) || '[]');
    } catch (e) {
      list = [];
    }
    for (const p of list) {
      const c = this.store.convs.get(p.conversationId);
      if (c && !c.pending.has(p.clientId)) {
        c.pending.set(p.clientId, { clientId: p.clientId, body: p.body, ts: p.ts, state: 'sending' });
        this.transmit(c, c.pending.get(p.clientId));
      }
    }
  }

  // ---- typing ------------------------------------------------------------------

  typed(text) {
    const c = this.active();
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
      this.socket.send({ type: 'typing', conversationId: c.id, state: 'start' });
    } else if (now - t.lastStart > TYPING_RESEND_MS) {
      t.lastStart = now;
      this.socket.send({ type: 'typing', conversationId: c.id, state: 'start' });
    }
    clearTimeout(this.typingOut.idleTimer);
    this.typingOut.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  stopTyping() {
    const t = this.typingOut;
    if (!t) return;
    this.typingOut = null;
    clearTimeout(t.idleTimer);
    this.socket.send({ type: 'typing', conversationId: t.conversationId, state: 'stop' });
  }

  // ---- creating and managing chats ------------------------------------------

  async startDirect(username) {
    const name = username.trim().replace(/^@/, '');
    if (!name) throw new Error('Enter a username.');
    let user;
    try {
      user = await this.api.userByName(name);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) throw new Error(`No user named “${name}”.`);
      throw e;
    }
    if (user.id === this.session.userId) throw new Error('That is you. Pick someone else.');
    this.store.users.set(user.id, user);
    const s = await this.api.openDirect(user.id);
    const c = this.store.upsertSummary(s);
    this.subscribePresence([user.id]);
    this.loadPresence([user.id]);
    this.views.scheduleRender();
    this.openConversation(c.id);
  }

  /** Looks up usernames; throws naming the ones that do not exist. */
  async resolveUsernames(names) {
    const missing = [];
    const ids = [];
    for (const n of names) {
      try {
        const u = await this.api.userByName(n);
        this.store.users.set(u.id, u);
        if (u.id !== this.session.userId && !ids.includes(u.id)) ids.push(u.id);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 404 || e.status === 400)) missing.push(n);
        else throw e;
      }
    }
    if (missing.length) throw new Error(`No user named ${missing.map((n) => `“${n}”`).join(', ')}.`);
    return ids;
  }

  async createGroup(name, usernames) {
    const groupName = name.trim();
    if (!groupName) throw new Error('Give the group a name.');
    const ids = await this.resolveUsernames(usernames);
    const s = await this.api.createGroup(groupName, ids);
    const c = this.store.upsertSummary(s);
    this.views.scheduleRender();
    this.openConversation(c.id);
  }

  async renameGroup(c, name) {
    const s = await this.api.rename(c.id, name.trim());
    this.store.upsertSummary(s);
    this.views.scheduleRender();
  }

  async addMember(c, username) {
    const [id] = await this.resolveUsernames([username.trim().replace(/^@/, '')]);
    if (!id) throw new Error('You are already in this group.');
    await this.api.addMember(c.id, id);
    await this.fetchConversation(c.id);
  }

  async removeMember(c, userId) {
    await this.api.removeMember(c.id, userId);
    await this.fetchConversation(c.id);
  }

  async leaveGroup(c) {
    await this.api.removeMember(c.id, this.session.userId);
    this.dropConversation(c.id);
  }

  isAdmin(c) {
    const me = c && this.store.myMember(c);
    return !!me && me.role === 'admin';
  }
}

const app = new App();
window.messengerApp = app; // for debugging from the console
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => app.boot());
else app.boot();

