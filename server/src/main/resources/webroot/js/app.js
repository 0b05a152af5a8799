// Messenger web client: the session (sign in, sign out, the SDK client) and the routing between
// chats. Controllers (chats.js, actions.js, acks.js, people.js) write to the store; the views
// (views/*.js) listen to the store and call the controllers. Controllers never call views.

import { MessengerClient, Emitter } from '../sdk/index.js';
import { Store } from './store.js';
import { People } from './people.js';
import { Acks } from './acks.js';
import { Chats } from './chats.js';
import { Actions } from './actions.js';
import { Views } from './views/views.js';
import { enablePush } from './push.js';
import { Account } from './account.js';
import { setAvatarSource } from './avatars.js';

const SESSION_KEY = 'messenger.session';

function browserName() {
  const ua = navigator.userAgent || '';
  if (/Firefox\//.test(ua)) return 'Firefox';
  if (/Edg\//.test(ua)) return 'Edge';
  if (/Chrom(e|ium)\//.test(ua)) return 'Chrome';
  return /Safari\//.test(ua) ? 'Safari' : 'Browser';
}

/** The outbox of one user in localStorage, so unsent messages survive a reload. */
function outboxStorage(userId) {
  const key = `messenger.outbox.${userId}`;
  return {
    load: () => JSON.parse(localStorage.getItem(key) || '[]'),
    save: (entries) => {
      if (entries.length) localStorage.setItem(key, JSON.stringify(entries));
      else localStorage.removeItem(key);
    },
    key,
  };
}

/** Events: "signedIn" (store), "signedOut" (notice or null), "connection" ({state, retryAt}). */
class App extends Emitter {
  constructor() {
    super();
    this.session = null;
    this.store = null;
    this.client = null;
    this.people = new People(this);
    this.acks = new Acks(this);
    this.chats = new Chats(this);
    this.actions = new Actions(this);
    this.account = new Account(this);
    /** The newest seq on screen in the open chat; the message view provides it. */
    this.visibleTop = (c) => c.top;
    this.views = new Views(this);
  }

  get debug() {
    try {
      return localStorage.getItem('messenger.debug') === '1';
    } catch (e) {
      return false;
    }
  }

  now() {
    return this.client ? this.client.now() : Date.now();
  }

  isVisible(c) {
    return !!c && !!this.store && c === this.store.active() && c.loaded && document.visibilityState === 'visible';
  }

  boot() {
    window.addEventListener('hashchange', () => this.route());
    document.addEventListener('visibilitychange', () => {
      if (!this.store) return;
      if (document.visibilityState === 'visible') this.acks.markReadIfVisible(this.store.active(), this.visibleTop(this.store.active() || {}));
      else this.acks.stopTyping();
    });
    window.addEventListener('online', () => this.client && this.client.connection.kick());
    // Leaving the page (or entering the back/forward cache): close the socket so that presence
    // goes offline; coming back from the cache reconnects and syncs.
    window.addEventListener('pagehide', () => {
      this.acks.stopTyping();
      if (this.client) this.client.connection.stop();
    });
    window.addEventListener('pageshow', (e) => {
      if (e.persisted && this.client && this.session) this.client.connect().catch(() => {});
    });
    window.addEventListener('storage', (e) => {
      if (e.key === SESSION_KEY && !e.newValue && this.session) this.signedOut('You signed out in another tab.');
    });
    let saved = null;
    try {
      saved = JSON.parse(localStorage.getItem(SESSION_KEY) || 'null');
    } catch (e) {
      saved = null;
    }
    if (saved && saved.token && saved.userId) this.start(saved);
    else this.emit('signedOut', null);
  }

  newClient(session) {
    return new MessengerClient(location.origin, {
      session: session || undefined,
      autoTrack: false,
      outboxStorage: session ? outboxStorage(session.userId) : undefined,
      onUnauthorized: () => this.signedOut(this.leaving || 'Your session has ended. Please sign in again.'),
      debug: this.debug ? (line) => console.debug('ws', line) : undefined,
    });
  }

  async register(username, password, displayNameText) {
    await this.newClient(null).api.register(username, password, displayNameText);
    await this.login(username, password);
  }

  async login(username, password) {
    const res = await this.newClient(null).api.login(username, password, `Web (${browserName()})`);
    const session = { token: res.token, userId: res.userId, deviceId: res.deviceId, username };
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    this.start(session);
  }

  start(session) {
    this.session = session;
    this.store = new Store(session.userId);
    this.client = this.newClient(session);
    const client = this.client;
    let failures = 0;
    client.on('state', (s) => {
      this.emit('connection', s);
      // A refused upgrade (e.g. 401) looks like a dropped socket to a page: check the token.
      if (s.state === 'online') failures = 0;
      else if (s.state === 'offline' && ++failures === 2) client.api.user(session.userId).catch(() => {});
    });
    client.on('revoked', () => this.signedOut(this.leaving || 'You were signed out.'));
    client.on('ready', () => this.people.subscribe(this.people.peerIds()));
    this.chats.listen(client);
    setAvatarSource({
      user: (id) => this.store && this.store.users.get(id),
      media: (id) => client.api.media(id),
      loaded: (userId) => {
        if (!this.store) return;
        if (userId === this.store.me) this.store.emit('me', this.store.users.get(userId));
        this.store.emit('list', null);
      },
    });
    this.store.outbox = client.outbox.list();
    this.emit('signedIn', this.store);
    this.people.ensure(session.userId).then((u) => {
      if (u && this.session === session) this.store.emit('me', u);
    });
    this.store.emit('me', { id: session.userId, username: session.username });
    this.chats.loadConversations().then(() => this.route());
    client.connect().catch(() => {});
    this.account.start(client);
    enablePush(client.api);
  }

  async logout() {
    const client = this.client;
    if (!client) return;
    client.close();
    // Unsent messages are not kept on a shared computer after signing out.
    localStorage.removeItem(outboxStorage(this.session.userId).key);
    try {
      await client.api.logout();
    } catch (e) {
      // The token may already be gone; sign out locally anyway.
    }
    this.signedOut(null);
  }

  /** Leaves the app for the login screen (logout, 4001, 401). */
  signedOut(notice) {
    this.leaving = null;
    if (!this.session) return;
    this.acks.stopTyping();
    if (this.client) this.client.close();
    this.session = null;
    this.client = null;
    localStorage.removeItem(SESSION_KEY);
    if (this.store) for (const c of this.store.convs.values()) for (const t of c.typing.values()) clearTimeout(t);
    this.store = null;
    setAvatarSource(null);
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    this.emit('signedOut', notice);
  }

  // ---- routing: #/c/<conversationId>, and the pages #/settings and #/people ----

  route() {
    if (!this.store) return;
    const page = /^#\/(settings|people)$/.exec(location.hash);
    this.routeChat();
    this.emit('page', page ? page[1] : null);
  }

  routeChat() {
    const m = /^#\/c\/(.+)$/.exec(location.hash);
    const id = m ? decodeURIComponent(m[1]) : null;
    if (id && this.store.convs.has(id)) this.showConversation(id);
    else if (id) {
      // Maybe a conversation the list does not know yet.
      this.chats.fetchConversation(id).then((c) => {
        if (c) this.showConversation(id);
        else this.closeChat();
      });
    } else if (this.store.activeId) this.showConversation(null);
  }

  /** Opens a conversation (updates the address so Back returns to the list). */
  openConversation(id) {
    const target = `#/c/${encodeURIComponent(id)}`;
    if (location.hash === target) this.showConversation(id);
    else if (this.store.activeId) {
      history.replaceState(null, '', target);
      this.showConversation(id);
    } else location.hash = target; // hashchange -> route()
  }

  closeChat() {
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    this.showConversation(null);
  }

  showConversation(id) {
    const store = this.store;
    if (id === store.activeId) return;
    this.acks.stopTyping();
    store.activeId = id;
    const c = store.active();
    store.emit('active', c);
    store.emit('list', null);
    if (!c) return;
    if (!c.loaded) this.chats.loadInitial(c);
    else this.acks.markReadIfVisible(c, this.visibleTop(c));
  }
}

const app = new App();
window.messengerApp = app; // for debugging from the console
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => app.boot());
else app.boot();
