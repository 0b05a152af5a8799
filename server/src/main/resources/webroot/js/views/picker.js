// Picks people for a group ("new group", "add member"): chips for the chosen ones and, as the
// user types, suggestions from the people it knows (contacts and members of its conversations,
// app.account.known()) matching the display name or the username. A typed name nobody known
// matches is offered as "Find @name" (looked up on the server). Text left in the field counts
// too: comma-separated usernames, resolved when the form is sent.

import { h, clear } from '../dom.js';
import { paintAvatar } from '../format.js';

const MAX_SUGGESTIONS = 8;

export class MemberPicker {
  /**
   * @param app the app (account, people)
   * @param input the text field; the chips go before it, the suggestions after it
   * @param options {exclude(): Set of user ids not to offer, onError(text)}
   */
  constructor(app, input, options = {}) {
    this.app = app;
    this.input = input;
    this.options = options;
    this.chosen = []; // [{id, name, username}]
    this.active = 0;
    this.items = [];
    this.chips = h('ul', { class: 'picker-chips', testid: `${input.dataset.testid}-chips`, 'aria-label': 'Chosen people' });
    this.list = h('ul', {
      class: 'picker-suggestions', role: 'listbox', testid: `${input.dataset.testid}-suggestions`, hidden: true,
      id: `${input.id}-suggestions`,
    });
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('aria-expanded', 'false');
    input.parentNode.insertBefore(this.chips, input);
    input.after(this.list);
    input.addEventListener('input', () => this.suggest());
    input.addEventListener('keydown', (e) => this.keys(e));
  }

  /** The last comma-separated part of the field: what the user is typing now. */
  query() {
    const parts = this.input.value.split(/[,;]/);
    return parts[parts.length - 1].trim().replace(/^@/, '');
  }

  suggest() {
    const q = this.query().toLowerCase();
    clear(this.list);
    this.items = [];
    if (!q) {
      this.hide();
      return;
    }
    const exclude = this.options.exclude ? this.options.exclude() : new Set();
    const taken = new Set(this.chosen.map((p) => p.id));
    const matches = this.app.account.known()
      .filter((p) => !exclude.has(p.id) && !taken.has(p.id))
      .filter((p) => p.name.toLowerCase().includes(q) || p.username.toLowerCase().includes(q))
      .slice(0, MAX_SUGGESTIONS);
    this.items = matches.map((p) => ({ person: p }));
    if (!matches.some((p) => p.username.toLowerCase() === q) && /^[a-z0-9_.-]{3,32}$/.test(q)) {
      this.items.push({ lookup: q });
    }
    this.active = 0;
    this.items.forEach((item, i) => this.list.appendChild(this.row(item, i)));
    this.list.hidden = !this.items.length;
    this.input.setAttribute('aria-expanded', String(!this.list.hidden));
    this.mark();
  }

  row(item, i) {
    const li = h('li', {
      role: 'option', class: 'picker-option', id: `${this.list.id}-${i}`,
      testid: item.person ? 'picker-option' : 'picker-lookup',
      dataset: item.person ? { userId: item.person.id, username: item.person.username } : { username: item.lookup },
      on: {
        mousedown: (e) => e.preventDefault(), // keep the focus in the field
        click: () => this.pick(item),
      },
    });
    if (item.person) {
      const av = h('span', { class: 'avatar avatar-xs', 'aria-hidden': 'true' });
      paintAvatar(av, item.person.id, item.person.name);
      li.append(av, h('span', { class: 'picker-name' }, item.person.name), h('span', { class: 'muted' }, ` @${item.person.username}`));
    } else {
      li.append(h('span', { class: 'picker-name' }, `Find “@${item.lookup}”`));
    }
    return li;
  }

  mark() {
    Array.from(this.list.children).forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    const cur = this.list.children[this.active];
    if (cur) this.input.setAttribute('aria-activedescendant', cur.id);
    else this.input.removeAttribute('aria-activedescendant');
  }

  keys(e) {
    if (this.list.hidden) {
      if (e.key === 'Backspace' && !this.input.value && this.chosen.length) this.remove(this.chosen[this.chosen.length - 1].id);
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = this.items.length;
      this.active = (this.active + (e.key === 'ArrowDown' ? 1 : n - 1)) % n;
      this.mark();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      this.pick(this.items[this.active]);
    } else if (e.key === 'Escape') {
      e.preventDefault(); // close the suggestions, not the dialog
      e.stopPropagation();
      this.hide();
    }
  }

  async pick(item) {
    if (!item) return;
    let person = item.person;
    if (!person) {
      try {
        const u = await this.app.client.api.userByName(item.lookup);
        if (u.id === this.app.store.me) throw new Error('That is you.');
        this.app.store.users.set(u.id, u);
        person = { id: u.id, name: u.displayName || u.username, username: u.username };
      } catch (e) {
        if (this.options.onError) this.options.onError(e.status === 404 || e.status === 400 ? `No user named “${item.lookup}”.` : e.message);
        return;
      }
    }
    if (!this.chosen.some((p) => p.id === person.id)) this.chosen.push(person);
    const parts = this.input.value.split(/[,;]/);
    parts.pop();
    this.input.value = parts.map((s) => s.trim()).filter(Boolean).map((s) => `${s}, `).join('');
    this.renderChips();
    this.hide();
    this.input.focus();
  }

  remove(id) {
    this.chosen = this.chosen.filter((p) => p.id !== id);
    this.renderChips();
    this.input.focus();
  }

  renderChips() {
    clear(this.chips);
    for (const p of this.chosen) {
      this.chips.appendChild(h('li', { class: 'chip', testid: 'picker-chip', dataset: { userId: p.id } },
        h('span', null, p.name),
        h('button', {
          type: 'button', class: 'chip-remove', 'aria-label': `Remove ${p.name}`, testid: 'picker-chip-remove',
          on: { click: () => this.remove(p.id) },
        }, '×')));
    }
  }

  hide() {
    clear(this.list);
    this.items = [];
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }

  /** Chosen user ids plus the usernames typed and not picked (resolved by the caller). */
  value() {
    const typed = this.input.value.split(/[\s,;]+/).map((s) => s.replace(/^@/, '')).filter(Boolean);
    return { ids: this.chosen.map((p) => p.id), usernames: typed };
  }

  reset() {
    this.chosen = [];
    this.input.value = '';
    this.renderChips();
    this.hide();
  }
}
