// The People page (#/people, issue 19): contacts with their presence (live, through presence
// subscriptions), add by username, remove (confirmed), block, and "Message" to open the direct
// chat (PROTOCOL.md section 2, "Contacts and presence", and section 6).

import { h, clear } from '../dom.js';
import { displayName, paintAvatar, lastSeen } from '../format.js';
import { accountError } from '../account.js';
import { confirmDialog } from './confirm.js';
import { pageForm, field, section } from './forms.js';

export class ContactsView {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.title = 'People';
    this.off = [];
    this.sig = '';
  }

  build() {
    const name = field('Username', { testid: 'contact-add-username', autocapitalize: 'none', spellcheck: 'false', placeholder: 'e.g. alice', autocomplete: 'off' });
    this.addInput = name.input;
    const form = pageForm('contact-add-form', [name.label], 'Add contact', async () => {
      const u = await this.app.account.addContact(this.addInput.value);
      this.addInput.value = '';
      return `${displayName(u)} was added.`;
    });
    this.addForm = form;
    this.filter = h('input', { type: 'search', class: 'page-filter', testid: 'contact-filter', placeholder: 'Search people', 'aria-label': 'Search people', autocomplete: 'off' });
    this.filter.addEventListener('input', () => this.render(true));
    this.list = h('ul', { class: 'settings-list', testid: 'contact-list', 'aria-label': 'Contacts' });
    this.error = h('p', { class: 'form-error', role: 'alert', testid: 'contacts-error', hidden: true });
    return h('div', { class: 'settings' },
      section('Add someone', 'contacts-add', form.form),
      section('Contacts', 'contacts-section', this.filter, this.list, this.error));
  }

  attach(store) {
    for (const off of this.off) off();
    this.sig = '';
    this.off = [
      store.on('contacts', () => this.render()),
      store.on('list', () => this.render()), // presence and names
      store.on('blocks', () => this.render(true)),
    ];
  }

  async refresh() {
    this.addForm.note.hidden = true;
    this.addForm.error.hidden = true;
    this.render(true);
    try {
      await this.app.account.loadContacts();
      this.showError(null);
    } catch (e) {
      this.showError(e);
    }
  }

  showError(e) {
    this.error.textContent = e ? accountError(e) : '';
    this.error.hidden = !e;
  }

  render(force) {
    const store = this.app.store;
    if (!store || !this.list || this.list.closest('[hidden]')) return;
    const now = this.app.now();
    const q = this.filter.value.trim().toLowerCase();
    const rows = (store.contacts || []).map((c) => {
      const u = { ...c, ...(store.users.get(c.id) || {}) };
      const p = store.presence.get(c.id);
      return {
        u,
        name: displayName(u),
        status: p ? p.status : '',
        text: p ? (p.status === 'online' ? 'online' : lastSeen(p.lastSeen, now)) : '',
        blocked: this.app.account.isBlocked(c.id),
      };
    }).filter((r) => !q || r.name.toLowerCase().includes(q) || (r.u.username || '').toLowerCase().includes(q))
      .sort((a, b) => (a.status === 'online' ? 0 : 1) - (b.status === 'online' ? 0 : 1) || a.name.localeCompare(b.name));
    const sig = JSON.stringify(rows.map((r) => [r.u.id, r.name, r.text, r.blocked, r.u.avatar]));
    if (!force && sig === this.sig) return;
    this.sig = sig;
    clear(this.list);
    if (!rows.length) {
      this.list.appendChild(h('li', { class: 'muted', testid: 'contacts-none' },
        q ? 'Nobody matches.' : 'No contacts yet. Add someone by username above.'));
    }
    for (const r of rows) this.list.appendChild(this.row(r));
  }

  row(r) {
    const { u, name } = r;
    const av = h('span', { class: 'avatar avatar-sm', 'aria-hidden': 'true' });
    paintAvatar(av, u.id, name);
    const button = (label, testid, fn, cls) => h('button', {
      type: 'button', class: `btn btn-small ${cls || ''}`, testid, 'aria-label': `${label} ${name}`,
      on: {
        click: async () => {
          try {
            this.showError(null);
            await fn();
          } catch (e) {
            this.showError(e);
          }
        },
      },
    }, label);
    return h('li', { class: 'settings-item', testid: 'contact', dataset: { userId: u.id, username: u.username || '', presence: r.status } },
      h('span', { class: 'avatar-wrap' }, av,
        r.status ? h('span', { class: `presence-dot ${r.status}`, testid: 'presence-dot', dataset: { status: r.status } }) : null),
      h('div', { class: 'settings-item-main' },
        h('span', { class: 'settings-item-title', testid: 'contact-name' }, name),
        h('span', { class: 'muted small', testid: 'contact-presence' },
          u.username ? `@${u.username}` : '', r.text ? ` · ${r.text}` : '', r.blocked ? ' · blocked' : '')),
      h('div', { class: 'settings-item-actions' },
        r.blocked ? null : button('Message', 'contact-message', () => this.app.actions.startDirect(u.username), 'btn-primary'),
        r.blocked
          ? button('Unblock', 'contact-unblock', () => this.app.account.unblock(u.id))
          : button('Block', 'contact-block', () => this.confirmBlock(u, name)),
        button('Remove', 'contact-remove', () => this.confirmRemove(u, name), 'btn-danger-outline')));
  }

  confirmRemove(u, name) {
    return confirmDialog({
      title: `Remove ${name} from your contacts?`,
      text: 'Your chats with them stay. You can add them again later.',
      confirmLabel: 'Remove',
      danger: true,
      testid: 'confirm-remove-contact',
      errorText: accountError,
      action: () => this.app.account.removeContact(u.id),
    });
  }

  confirmBlock(u, name) {
    return confirmDialog({
      title: `Block ${name}?`,
      text: 'They will not be able to write to you in a direct chat or add you to groups. They are not told.',
      confirmLabel: 'Block',
      danger: true,
      testid: 'confirm-block',
      errorText: accountError,
      action: () => this.app.account.block(u.id),
    });
  }
}
