// Message search (PROTOCOL.md section 7) in the sidebar: over all chats, or inside the open one
// (the chat header's search button). A result opens its chat around the message (history
// `around`, see Chats.loadAround) and highlights it. Typing searches after a pause; "More
// results" follows the server's `next` cursor.

import { $, h, clear, icon } from '../dom.js';
import { listTime } from '../format.js';
import { title, errorText } from './util.js';

const DEBOUNCE_MS = 300;
const LIMIT = 20;

export class SearchView {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.scope = null; // conversation id, or null for all chats
    this.query = '';
    this.next = null;
    this.asked = 0; // answers to older questions are dropped
    this.timer = null;
  }

  wire() {
    $('chat-search-button').appendChild(icon('search'));
    $('search-input').addEventListener('input', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.run(false), DEBOUNCE_MS);
    });
    $('search-form').addEventListener('submit', (e) => {
      e.preventDefault();
      clearTimeout(this.timer);
      this.run(false);
    });
    $('search-input').addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !$('search-input').value) return;
      e.preventDefault();
      this.reset();
    });
    $('search-scope-clear').addEventListener('click', () => this.setScope(null));
    $('search-more').addEventListener('click', () => this.run(true));
    $('chat-search-button').addEventListener('click', () => {
      const c = this.app.store && this.app.store.active();
      if (!c) return;
      this.setScope(c.id);
      $('app-screen').classList.remove('chat-open'); // narrow screens: show the sidebar
      $('search-input').focus();
    });
  }

  /** Empties the box, the results and the scope (sign in / out). */
  reset() {
    clearTimeout(this.timer);
    this.asked += 1;
    $('search-input').value = '';
    this.query = '';
    this.next = null;
    this.setScope(null, true);
    this.show([], false);
  }

  setScope(conversationId, quiet) {
    this.scope = conversationId;
    const c = conversationId && this.app.store && this.app.store.convs.get(conversationId);
    $('search-scope').hidden = !c;
    $('search-scope-name').textContent = c ? title(this.app, c) : '';
    $('search-input').placeholder = c ? 'Search this chat' : 'Search messages';
    if (!quiet && $('search-input').value.trim()) this.run(false);
  }

  async run(more) {
    const q = $('search-input').value.trim();
    if (!more) {
      this.query = q;
      this.next = null;
    }
    if (!this.query || !this.app.client) {
      this.show([], false);
      return;
    }
    const ask = ++this.asked;
    const options = { limit: LIMIT };
    if (this.scope) options.conversationId = this.scope;
    if (more && this.next) options.before = this.next;
    $('search-status').textContent = 'Searching…';
    try {
      const page = await this.app.client.search(this.query, options);
      if (ask !== this.asked) return;
      this.next = page.next || null;
      this.show(page.results || [], more);
    } catch (e) {
      if (ask !== this.asked) return;
      $('search-status').textContent = `Search failed: ${errorText(e)}`;
    }
  }

  show(results, append) {
    const list = $('search-results');
    if (!append) clear(list);
    for (const r of results) list.appendChild(this.row(r));
    const any = list.childElementCount > 0;
    $('search-panel').hidden = !this.query;
    $('search-more').hidden = !this.next;
    $('search-status').textContent = !this.query ? '' : any ? '' : 'No messages found.';
    $('conversation-list').hidden = !!this.query;
  }

  row(r) {
    const app = this.app;
    const c = app.store.convs.get(r.conversationId);
    const where = c ? title(app, c) : 'Chat';
    const who = r.senderId === app.store.me ? 'You' : app.people.name(r.senderId);
    const button = h('button', {
      type: 'button',
      class: 'search-hit',
      testid: 'search-result',
      dataset: { conversationId: r.conversationId, seq: String(r.seq) },
      on: { click: () => this.open(r) },
    },
    h('span', { class: 'search-hit-head' },
      h('span', { class: 'search-hit-chat', text: where }),
      h('span', { class: 'search-hit-time', text: listTime(r.ts, app.now()) })),
    h('span', { class: 'search-hit-text' }, h('b', { text: `${who}: ` }), r.snippet));
    return h('li', null, button);
  }

  /** Opens the result's chat around the message and highlights it. */
  async open(r) {
    const app = this.app;
    if (!app.store) return;
    if (!app.store.convs.has(r.conversationId) && !(await app.chats.fetchConversation(r.conversationId))) {
      this.views.toast('That chat is no longer available.');
      return;
    }
    app.openConversation(r.conversationId);
    const c = app.store.convs.get(r.conversationId);
    const found = c && (await app.chats.loadAround(c, r.seq));
    if (!found || app.store.activeId !== r.conversationId) {
      if (!found) this.views.toast('That message is no longer available.');
      return;
    }
    // The chat view renders on the store's events; give it a few frames when it is behind.
    for (let i = 0; i < 20 && !this.views.messages.highlight(r.seq); i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      if (app.store.activeId !== r.conversationId) return;
    }
  }
}
