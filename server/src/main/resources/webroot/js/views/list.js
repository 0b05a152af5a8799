// The conversation list: rows kept per conversation and updated in place (a click or the
// keyboard focus is never lost to a re-render), unread badges, presence dots, muted and
// archived chats.

import { $, h, clear } from '../dom.js';
import { listTime } from '../format.js';
import { title, avatarFor, describeSystem, typingText } from './util.js';

export class ListView {
  constructor(app) {
    this.app = app;
    this.rows = new Map();
    this.showArchived = false;
  }

  wire() {
    $('list-filter').addEventListener('input', () => this.render());
    $('conversation-list').addEventListener('keydown', (e) => this.keys(e));
    const toggle = h('button', { type: 'button', id: 'archived-toggle', class: 'btn-link archived-toggle', testid: 'archived-toggle', hidden: true });
    toggle.addEventListener('click', () => {
      this.showArchived = !this.showArchived;
      this.render();
    });
    $('conversation-list').after(toggle);
  }

  reset() {
    clear($('conversation-list'));
    this.rows = new Map();
    this.showArchived = false;
  }

  preview(c) {
    const app = this.app;
    const typing = typingText(app, c, true);
    if (typing) return { text: typing, typing: true };
    const m = c.lastMessage;
    if (!m) return { text: c.kind === 'group' ? 'No messages yet' : 'Say hello 👋' };
    if (m.kind === 'system') return { text: describeSystem(app, c, m) };
    const files = m.attachments && m.attachments.length ? '📎 Attachment' : '';
    const body = m.deleted ? 'Message deleted' : (m.body || files).replace(/\s+/g, ' ');
    const mine = m.senderId === app.store.me;
    let prefix = '';
    if (mine) prefix = 'You: ';
    else if (c.kind === 'group') prefix = `${app.people.firstName(m.senderId)}: `;
    return { text: prefix + body, mine, seq: m.seq };
  }

  render() {
    const store = this.app.store;
    if (!store) return;
    const list = $('conversation-list');
    const filter = $('list-filter').value.trim().toLowerCase();
    const all = store.sorted().filter((c) => !filter || title(this.app, c).toLowerCase().includes(filter));
    const archived = all.filter((c) => c.archived);
    const convs = all.filter((c) => !c.archived || this.showArchived || filter);
    const wanted = new Set(convs.map((c) => c.id));
    for (const [id, li] of this.rows) {
      if (!wanted.has(id)) {
        li.remove();
        this.rows.delete(id);
      }
    }
    const now = this.app.now();
    let cursor = list.firstElementChild;
    for (const c of convs) {
      let li = this.rows.get(c.id);
      if (!li) {
        const btn = h('button', {
          type: 'button', class: 'conv-item', testid: 'conversation-item',
          dataset: { conversationId: c.id },
          on: { click: () => this.app.openConversation(c.id) },
        });
        li = h('li', { class: 'conv-li' }, btn);
        this.rows.set(c.id, li);
      }
      this.fill(li.firstElementChild, c, now);
      if (li !== cursor) list.insertBefore(li, cursor);
      else cursor = cursor.nextElementSibling;
    }
    const toggle = $('archived-toggle');
    toggle.hidden = !archived.length || !!filter;
    toggle.textContent = this.showArchived ? 'Hide archived chats' : `Archived chats (${archived.length})`;
    $('list-empty').hidden = store.convs.size > 0;
    const unread = Array.from(store.convs.values()).filter((c) => !c.muted && !c.archived)
      .reduce((n, c) => n + store.unread(c), 0);
    document.title = unread ? `(${unread}) Messenger` : 'Messenger';
  }

  fill(btn, c, now) {
    const store = this.app.store;
    const active = c.id === store.activeId;
    const unread = store.unread(c);
    const t = title(this.app, c);
    const pv = this.preview(c);
    const avatarWrap = h('span', { class: 'avatar-wrap' }, avatarFor(this.app, c));
    let presenceLabel = '';
    if (c.kind === 'direct') {
      const p = store.presence.get(store.peerId(c));
      if (p) {
        avatarWrap.appendChild(h('span', { class: `presence-dot ${p.status}`, testid: 'presence-dot', dataset: { status: p.status } }));
        presenceLabel = p.status === 'online' ? ', online' : '';
      }
    }
    let tick = null;
    if (pv.mine && pv.seq) {
      const s = store.tickStatus(c, pv.seq);
      tick = h('span', { class: `ticks ticks-${s.status}`, 'aria-hidden': 'true' }, s.status === 'sent' ? '✓' : '✓✓');
    }
    const time = listTime(c.lastMessage ? c.lastMessage.ts : c.lastActivity, now);
    const muted = c.muted;
    const label = `${t}${presenceLabel}${muted ? ', muted' : ''}${c.archived ? ', archived' : ''}. ${unread ? `${unread} unread. ` : ''}${pv.text}`;
    const sig = JSON.stringify([active, unread, t, pv.text, pv.typing, tick && tick.className,
      avatarWrap.lastChild.className, avatarWrap.firstChild.dataset.avatar, time, muted, c.archived]);
    if (btn.dataset.sig === sig) return;
    btn.dataset.sig = sig;
    btn.className = `conv-item${active ? ' active' : ''}${unread ? ' has-unread' : ''}${muted ? ' muted' : ''}`;
    btn.setAttribute('aria-label', label);
    if (active) btn.setAttribute('aria-current', 'true');
    else btn.removeAttribute('aria-current');
    btn.dataset.title = t;
    btn.dataset.kind = c.kind;
    btn.dataset.unread = String(unread);
    btn.dataset.muted = String(muted);
    btn.dataset.archived = String(!!c.archived);
    clear(btn);
    btn.appendChild(avatarWrap);
    btn.appendChild(h('span', { class: 'conv-main' },
      h('span', { class: 'conv-top' },
        h('span', { class: 'conv-title', testid: 'conv-title' }, t),
        muted ? h('span', { class: 'muted-icon', testid: 'muted-icon', title: 'Muted', 'aria-hidden': 'true' }, '🔕') : null,
        h('span', { class: 'conv-time' }, time)),
      h('span', { class: 'conv-bottom' },
        h('span', { class: `conv-preview${pv.typing ? ' typing' : ''}`, testid: 'conv-preview' }, tick, tick ? ' ' : null, pv.text),
        unread ? h('span', { class: `badge${muted ? ' badge-muted' : ''}`, testid: 'unread-badge', 'aria-hidden': 'true' }, unread > 99 ? '99+' : String(unread)) : null)));
  }

  focus(id) {
    for (const b of $('conversation-list').querySelectorAll('.conv-item')) {
      if (b.dataset.conversationId === id) {
        b.focus();
        return;
      }
    }
  }

  keys(e) {
    const items = Array.from($('conversation-list').querySelectorAll('.conv-item'));
    const i = items.indexOf(document.activeElement);
    if (i < 0) return;
    let next = null;
    if (e.key === 'ArrowDown') next = items[Math.min(items.length - 1, i + 1)];
    else if (e.key === 'ArrowUp') next = items[Math.max(0, i - 1)];
    else if (e.key === 'Home') next = items[0];
    else if (e.key === 'End') next = items[items.length - 1];
    if (next) {
      e.preventDefault();
      next.focus();
    }
  }
}
