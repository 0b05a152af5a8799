// The open chat around its messages: header (title, presence or members, typing), the pinned
// bar, the chat's own menu (mute, archive, clear for me) and the typing indicator.

import { $, h, clear } from '../dom.js';
import { lastSeen, paintAvatar } from '../format.js';
import { title, typingText, errorText } from './util.js';

const FOREVER = 253402300799000; // 9999-12-31: "muted until I unmute"

export class ChatView {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.pinIndex = 0;
  }

  wire() {
    $('chat-back').addEventListener('click', () => this.app.closeChat());
    $('chat-menu-button').addEventListener('click', (e) => {
      e.stopPropagation();
      const m = $('chat-menu');
      m.hidden = !m.hidden;
      if (!m.hidden) this.renderMenu();
    });
    document.addEventListener('click', (e) => {
      if (!$('chat-menu').hidden && !$('chat-menu').contains(e.target)) $('chat-menu').hidden = true;
    });
    $('pinned-bar').addEventListener('click', () => {
      const c = this.app.store.active();
      if (!c || !c.pinned.length) return;
      const seq = c.pinned[c.pinned.length - 1 - (this.pinIndex % c.pinned.length)];
      this.pinIndex += 1;
      this.views.jumpTo(seq);
    });
  }

  open(c) {
    $('app-screen').classList.toggle('chat-open', !!c);
    $('chat-view').hidden = !c;
    $('chat-placeholder').hidden = !!c;
    $('chat-menu').hidden = true;
    this.pinIndex = 0;
    if (c) this.render(c);
  }

  render(c) {
    const store = this.app.store;
    const t = title(this.app, c);
    $('chat-title').textContent = t;
    paintAvatar($('chat-avatar'), c.kind === 'direct' ? (store.peerId(c) || c.id) : c.id, t);
    const status = $('chat-status');
    const typing = typingText(this.app, c, false);
    let text = '';
    let presence = '';
    if (c.kind === 'direct') {
      const p = store.presence.get(store.peerId(c));
      if (p) {
        presence = p.status;
        text = p.status === 'online' ? 'online' : lastSeen(p.lastSeen, this.app.now());
      }
    } else {
      const me = store.me;
      const names = c.members.filter((m) => m.userId !== me).map((m) => this.app.people.name(m.userId));
      if (c.members.some((m) => m.userId === me)) names.push('You');
      const n = c.members.length;
      text = `${n} ${n === 1 ? 'member' : 'members'}: ${names.join(', ')}`;
    }
    status.dataset.presence = presence;
    status.classList.toggle('online', presence === 'online' && !typing);
    status.classList.toggle('typing', !!typing);
    const shown = typing || text;
    if (status.textContent !== shown) status.textContent = shown;
    $('group-info-button').hidden = c.kind !== 'group';
    $('chat-title').dataset.muted = String(c.muted);
    this.renderPinned(c);
    this.renderTyping(c);
  }

  renderPinned(c) {
    const bar = $('pinned-bar');
    const seq = c.pinned.length ? c.pinned[c.pinned.length - 1 - (this.pinIndex % c.pinned.length)] : 0;
    bar.hidden = !seq;
    if (!seq) return;
    const m = c.bySeq.get(seq);
    const text = m ? (m.deleted ? 'Deleted message' : m.body || '📎 Attachment') : `Message #${seq}`;
    bar.dataset.seq = String(seq);
    bar.dataset.count = String(c.pinned.length);
    clear(bar);
    bar.appendChild(h('span', { class: 'pinned-label' }, c.pinned.length > 1 ? `📌 Pinned (${c.pinned.length})` : '📌 Pinned'));
    bar.appendChild(h('span', { class: 'pinned-text', testid: 'pinned-text' }, text));
  }

  renderTyping(c) {
    const el = $('typing-indicator');
    const text = c ? typingText(this.app, c, false) : null;
    el.dataset.active = text ? 'true' : 'false';
    if (!text) {
      if (el.firstChild) clear(el);
      return;
    }
    const label = c.kind === 'direct' ? `${title(this.app, c)} is typing…` : text;
    if (el.dataset.text === label && el.firstChild) return;
    el.dataset.text = label;
    clear(el);
    el.appendChild(h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')));
    el.appendChild(h('span', { class: 'typing-text' }, label));
  }

  renderMenu() {
    const c = this.app.store.active();
    const menu = $('chat-menu');
    clear(menu);
    if (!c) return;
    const item = (label, testid, fn) => menu.appendChild(h('button', {
      type: 'button', role: 'menuitem', class: 'menu-item', testid,
      on: {
        click: async () => {
          menu.hidden = true;
          try {
            await fn();
          } catch (e) {
            this.views.toast(errorText(e));
          }
        },
      },
    }, label));
    if (c.muted) item('Unmute', 'chat-unmute', () => this.app.actions.mute(c, null));
    else {
      item('Mute for 8 hours', 'chat-mute-8h', () => this.app.actions.mute(c, this.app.now() + 8 * 3600000));
      item('Mute until I unmute', 'chat-mute', () => this.app.actions.mute(c, FOREVER));
    }
    item(c.archived ? 'Unarchive' : 'Archive', 'chat-archive', async () => {
      await this.app.actions.archive(c, !c.archived);
      if (!c.archived) return;
      this.views.toast('Chat archived.');
    });
    item('Clear chat for me', 'chat-clear', async () => {
      if (window.confirm('Clear this chat? The messages disappear for you only.')) await this.app.actions.clear(c);
    });
  }
}
