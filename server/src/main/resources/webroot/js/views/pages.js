// The pages beside the chat: Settings (#/settings) and People (#/people). A page takes the
// chat pane's place (on a phone, the whole screen, like an open chat); opening a chat closes it.
// The app's router emits "page" (a name or null); the sidebar's buttons change the address.

import { $, h, icon } from '../dom.js';
import { SettingsView } from './settings.js';
import { ContactsView } from './contacts.js';
import { installChatMenuExtras } from './blockmenu.js';

export class Pages {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.current = null;
    this.pages = { settings: new SettingsView(app, views), people: new ContactsView(app, views) };
    this.off = [];
    app.on('page', (name) => this.show(name));
  }

  wire() {
    const toolbar = document.querySelector('.sidebar .toolbar');
    const button = (id, label, name) => h('button', {
      id, type: 'button', class: 'icon-btn', testid: id, 'aria-label': label, title: label,
      on: { click: () => this.go(name) },
    }, icon(name));
    toolbar.insertBefore(button('open-people', 'People', 'people'), $('logout'));
    toolbar.insertBefore(button('open-settings', 'Settings', 'settings'), $('logout'));
    $('me-avatar').addEventListener('click', () => this.go('settings'));
    const pane = $('chat-pane');
    for (const [name, view] of Object.entries(this.pages)) {
      const back = h('button', {
        type: 'button', class: 'icon-btn back-btn', testid: `${name}-back`, 'aria-label': 'Back to chats',
        on: { click: () => this.go(null) },
      }, icon('back'));
      const section = h('section', {
        id: `${name}-page`, class: 'page', testid: `${name}-page`, hidden: true, 'aria-labelledby': `${name}-heading`,
      }, h('header', { class: 'page-header' }, back, h('h2', { id: `${name}-heading`, class: 'page-title', tabindex: '-1' }, view.title)),
      h('div', { class: 'page-body' }, view.build()));
      pane.appendChild(section);
    }
    installChatMenuExtras(this.app, this.views);
  }

  /** Changes the address; the router then shows the page (or the chat list). */
  go(name) {
    const target = name ? `#/${name}` : '';
    if (location.hash === target || (!name && !location.hash)) {
      this.show(name);
      return;
    }
    if (name) location.hash = target;
    else {
      history.replaceState(null, '', location.pathname + location.search);
      this.app.route();
    }
  }

  attach(store) {
    for (const off of this.off) off();
    this.off = [
      store.on('active', (c) => {
        if (c) this.show(null);
        else if (this.current) this.cover();
      }),
    ];
    for (const view of Object.values(this.pages)) if (view.attach) view.attach(store);
  }

  detach() {
    for (const off of this.off) off();
    this.off = [];
    this.show(null);
  }

  cover() {
    $('chat-placeholder').hidden = true;
    $('chat-view').hidden = true;
  }

  show(name) {
    const page = name && this.pages[name] && this.app.store ? name : null;
    if (page === this.current) {
      if (page) this.pages[page].refresh();
      return;
    }
    if (this.current) {
      $(`${this.current}-page`).hidden = true;
      const v = this.pages[this.current];
      if (v.hide) v.hide();
    }
    this.current = page;
    $('app-screen').classList.toggle('page-open', !!page);
    for (const id of ['open-people', 'open-settings']) {
      const b = $(id);
      if (b) b.setAttribute('aria-pressed', String(id === `open-${page}`));
    }
    if (!page) {
      const store = this.app.store;
      const active = store && store.active();
      $('chat-view').hidden = !active;
      $('chat-placeholder').hidden = !!active;
      return;
    }
    this.cover();
    $(`${page}-page`).hidden = false;
    this.pages[page].refresh();
    $(`${page}-heading`).focus({ preventScroll: true });
  }
}
