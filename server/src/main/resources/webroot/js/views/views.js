// The views' root: listens to the app (signed in / out, connection) and to the store (what
// changed), and hands each change to the view that shows it. Views call the controllers
// (app.actions, app.chats, app.acks); nothing calls the views back.

import { $, h, icon } from '../dom.js';
import { displayName, paintAvatar } from '../format.js';
import { Attachments } from '../attach.js';
import { Voice } from '../voice.js';
import { Notifier } from '../notify.js';
import { EmojiPicker } from './emoji.js';
import { AuthView } from './auth.js';
import { ListView } from './list.js';
import { ChatView } from './chat.js';
import { MessagesView } from './messages.js';
import { Composer } from './composer.js';
import { MessageMenu } from './menu.js';
import { Dialogs } from './dialogs.js';
import { SearchView } from './search.js';
import { Pages } from './pages.js';

export class Views {
  constructor(app) {
    this.app = app;
    this.auth = new AuthView(app);
    this.list = new ListView(app);
    this.chat = new ChatView(app, this);
    this.composer = new Composer(app, this);
    this.menu = new MessageMenu(app, this);
    this.dialogs = new Dialogs(app, this);
    this.search = new SearchView(app, this);
    this.pages = new Pages(app, this);
    this.messages = new MessagesView(app, {
      menu: (li, m) => this.menu.open(li, m),
      jump: (seq) => this.jumpTo(seq),
      retry: (id) => app.actions.retry(id),
      discard: (id) => app.actions.discard(id),
    });
    this.queued = false;
    this.offStore = [];
    app.on('signedIn', (store) => this.attach(store));
    app.on('signedOut', (notice) => this.detach(notice));
    app.on('connection', (s) => this.connection(s));
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.wire());
    else this.wire();
  }

  wire() {
    $('new-chat').appendChild(icon('chat'));
    $('new-group').appendChild(icon('group'));
    $('logout').appendChild(icon('logout'));
    $('chat-back').appendChild(icon('back'));
    $('send-button').appendChild(icon('send'));
    $('group-info-button').appendChild(icon('info'));
    $('chat-menu-button').appendChild(icon('more'));
    $('logout').addEventListener('click', () => this.app.logout());
    for (const v of [this.auth, this.list, this.chat, this.composer, this.menu, this.dialogs, this.messages, this.search, this.pages]) v.wire();
    this.attachments = new Attachments(this.app, this);
    this.attachments.install();
    new EmojiPicker(this).install();
    this.voice = new Voice(this.app, this);
    this.voice.install();
    this.notifier = new Notifier(this.app, this);
    this.notifier.install();
    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.target && e.target.id === 'list-filter' && e.target.value) return;
      const store = this.app.store;
      if (store && store.activeId) {
        const id = store.activeId;
        this.app.closeChat();
        this.list.focus(id);
      }
    });
    setInterval(() => this.render(), 30000);
  }

  attach(store) {
    for (const off of this.offStore) off();
    this.offStore = [
      store.on('list', () => this.schedule()),
      store.on('conv', (id) => { if (id === store.activeId) this.schedule(); }),
      store.on('active', (c) => this.opened(c)),
      store.on('messages', (e) => {
        const c = store.active();
        if (c && c.id === e.conversationId) {
          this.messages.onMessages(c, e);
          this.schedule();
        }
      }),
      store.on('pending', (id) => { const c = store.active(); if (c && c.id === id) this.messages.syncPending(c); }),
      store.on('ticks', (id) => { const c = store.active(); if (c && c.id === id) this.messages.updateTicks(c); }),
      store.on('older', (e) => { if (e.conversationId === store.activeId) this.messages.olderLoading(e.loading); }),
      store.on('me', (u) => this.me(u)),
      store.on('toast', (t) => this.toast(t)),
      store.on('announce', (t) => this.announce(t)),
    ];
    this.pages.attach(store);
    $('auth-screen').hidden = true;
    $('app-screen').hidden = false;
    $('list-filter').value = '';
    this.list.reset();
    this.search.reset();
    this.opened(null);
  }

  detach(notice) {
    for (const off of this.offStore) off();
    this.offStore = [];
    this.pages.detach();
    this.dialogs.closeAll();
    this.menu.close();
    this.list.reset();
    this.search.reset();
    this.messages.reset(null);
    document.title = 'Messenger';
    this.auth.show(notice);
  }

  opened(c) {
    this.menu.close();
    this.chat.open(c);
    this.composer.reset();
    if (this.attachments && !this.attachments.busy) this.attachments.cancel();
    if (this.voice) this.voice.abandon();
    this.messages.reset(c);
    this.render();
    // keyboard users land in the composer; on touch screens do not pop the keyboard up
    if (c && !window.matchMedia('(pointer: coarse)').matches) $('composer-input').focus();
  }

  /** Scrolls to a message, loading older pages until it is there. */
  async jumpTo(seq) {
    const c = this.app.store && this.app.store.active();
    if (!c) return;
    if (!c.bySeq.has(seq)) {
      const found = await this.app.chats.loadUntil(c, seq);
      if (!found) {
        this.toast('That message is no longer available.');
        return;
      }
    }
    this.messages.highlight(seq);
  }

  schedule() {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => this.flush());
    // rAF does not run in a hidden tab: render soon anyway.
    setTimeout(() => this.flush(), 250);
  }

  flush() {
    if (!this.queued) return;
    this.queued = false;
    this.render();
  }

  render() {
    const store = this.app.store;
    if (!store) return;
    this.list.render();
    const c = store.active();
    if (c) this.chat.render(c);
    if (this.dialogs.groupConv) this.dialogs.renderGroupInfo();
  }

  me(user) {
    $('me-name').textContent = displayName(user);
    paintAvatar($('me-avatar'), user.id, displayName(user));
  }

  connection({ state, retryAt }) {
    const el = $('conn-status');
    el.dataset.state = state === 'stopped' ? 'offline' : state;
    clearInterval(this.connTimer);
    if (state === 'online') el.textContent = 'Online';
    else if (state === 'connecting') el.textContent = 'Connecting…';
    else {
      const show = () => {
        const s = retryAt ? Math.max(0, Math.ceil((retryAt - Date.now()) / 1000)) : 0;
        el.textContent = s > 0 ? `Offline · retrying in ${s}s` : 'Offline';
      };
      show();
      this.connTimer = setInterval(show, 1000);
    }
    $('app-screen').classList.toggle('is-offline', state !== 'online');
  }

  announce(text) {
    const el = $('announcer');
    el.textContent = '';
    // a new text node so that screen readers announce repeats too
    setTimeout(() => { el.textContent = text; }, 30);
  }

  toast(text) {
    let el = $('toast');
    if (!el) {
      el = h('div', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite', testid: 'toast' });
      document.body.appendChild(el);
    }
    el.textContent = text;
    el.classList.add('show');
    clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => el.classList.remove('show'), 3500);
  }
}
