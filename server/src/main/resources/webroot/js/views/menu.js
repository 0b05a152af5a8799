// A message's menu: reply, react (picker), edit and delete (within the 48 h windows), forward,
// pin, "read by", copy. Plus the dialogs it opens (forward, read by).

import { $, h, clear } from '../dom.js';
import { allowedChanges } from '../../sdk/index.js';
import { title, errorText } from './util.js';

export const QUICK_EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

export class MessageMenu {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.el = null;
  }

  wire() {
    document.addEventListener('click', (e) => {
      if (this.el && !this.el.contains(e.target)) this.close();
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.el) {
        e.preventDefault();
        this.close();
      }
    });
  }

  close() {
    if (this.el) this.el.remove();
    this.el = null;
  }

  open(li, m) {
    this.close();
    const c = this.app.store.active();
    if (!c) return;
    const may = allowedChanges(m, this.app.store.me, this.app.now(), { isAdmin: c.kind === 'group' && this.app.actions.isAdmin(c) });
    const own = m.senderId === this.app.store.me;
    const canPin = c.kind === 'direct' || this.app.actions.isAdmin(c);
    const item = (label, testid, fn) => h('button', {
      type: 'button', role: 'menuitem', class: 'menu-item', testid,
      on: { click: async (e) => { e.stopPropagation(); this.close(); try { await fn(); } catch (err) { this.views.toast(errorText(err)); } } },
    }, label);
    const picker = h('div', { class: 'reaction-picker', testid: 'reaction-picker', role: 'group', 'aria-label': 'React' },
      QUICK_EMOJI.map((emoji) => h('button', {
        type: 'button', class: 'reaction-option', testid: 'reaction-option', dataset: { emoji }, 'aria-label': `React with ${emoji}`,
        on: { click: async (e) => { e.stopPropagation(); this.close(); try { await this.app.actions.toggleReaction(c, m.seq, emoji); } catch (err) { this.views.toast(errorText(err)); } } },
      }, emoji)));
    this.el = h('div', { class: 'msg-menu', role: 'menu', testid: 'message-menu' },
      picker,
      item('Reply', 'menu-reply', () => this.views.composer.startReply(m)),
      may.edit ? item('Edit', 'menu-edit', () => this.views.composer.startEdit(m)) : null,
      item('Forward', 'menu-forward', () => this.openForward(c, m)),
      canPin ? item(c.pinned.includes(m.seq) ? 'Unpin' : 'Pin', 'menu-pin', () => this.app.actions.togglePin(c, m.seq)) : null,
      own ? item('Read by', 'menu-read-by', () => this.openReadBy(c, m)) : null,
      m.body ? item('Copy text', 'menu-copy', () => navigator.clipboard && navigator.clipboard.writeText(m.body)) : null,
      may.delete ? item('Delete for everyone', 'menu-delete', () => this.confirmDelete(c, m)) : null);
    li.appendChild(this.el);
    const first = this.el.querySelector('button');
    if (first) first.focus();
  }

  async confirmDelete(c, m) {
    if (!window.confirm('Delete this message for everyone?')) return;
    await this.app.actions.deleteForEveryone(c, m.seq);
  }

  openForward(c, m) {
    const d = $('forward-dialog');
    const ul = $('forward-list');
    clear(ul);
    for (const target of this.app.store.sorted()) {
      ul.appendChild(h('li', null, h('button', {
        type: 'button', class: 'btn btn-block forward-target', testid: 'forward-target', dataset: { title: title(this.app, target) },
        on: {
          click: async () => {
            try {
              await this.app.actions.forward(c, m.seq, target.id);
              d.close();
              this.views.toast(`Forwarded to ${title(this.app, target)}.`);
            } catch (e) {
              this.views.toast(`Could not forward: ${errorText(e)}`);
            }
          },
        },
      }, title(this.app, target))));
    }
    d.showModal();
  }

  async openReadBy(c, m) {
    const d = $('read-by-dialog');
    const ul = $('read-by-list');
    clear(ul);
    ul.appendChild(h('li', { class: 'muted' }, 'Loading…'));
    d.showModal();
    const r = await this.app.actions.receipts(c, m.seq);
    await Promise.all([...r.read, ...r.delivered].map((id) => this.app.people.ensure(id)));
    clear(ul);
    const row = (id, status) => h('li', { class: 'member', testid: 'read-by-entry', dataset: { userId: id, status } },
      h('span', { class: 'member-name' }, this.app.people.name(id)), h('span', { class: 'muted' }, status === 'read' ? ' · Read' : ' · Delivered'));
    for (const id of r.read) ul.appendChild(row(id, 'read'));
    for (const id of r.delivered.filter((x) => !r.read.includes(x))) ul.appendChild(row(id, 'delivered'));
    if (!ul.firstChild) ul.appendChild(h('li', { class: 'muted', testid: 'read-by-none' }, 'Nobody has received it yet.'));
  }
}
