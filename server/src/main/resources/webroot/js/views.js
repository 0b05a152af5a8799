// Rendering and DOM events. Every piece of user data is set with textContent or
// as a text node (see dom.js); nothing here builds HTML from strings.

import { $, h, clear, icon } from './dom.js';
import { ApiError } from './api.js';
import { attachmentsNode } from './media.js';
import {
  clockTime, dayLabel, sameDay, listTime, lastSeen, paintAvatar, displayName, avatarColor, initials,
} from './format.js';

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 150;

export class Views {
  constructor(app) {
    this.app = app;
    this.renderQueued = false;
    this.openedDialogConv = null;
    this.toastTimer = null;
  }

  // ---- static wiring ---------------------------------------------------------

  wireStatic() {
    $('new-chat').appendChild(icon('chat'));
    $('new-group').appendChild(icon('group'));
    $('logout').appendChild(icon('logout'));
    $('chat-back').appendChild(icon('back'));
    $('send-button').appendChild(icon('send'));
    $('group-info-button').appendChild(icon('info'));

    this.wireAuth();
    this.wireDialogs();

    $('logout').addEventListener('click', () => this.app.logout());
    $('new-chat').addEventListener('click', () => this.openDialog('new-chat-dialog'));
    $('list-empty-start').addEventListener('click', () => this.openDialog('new-chat-dialog'));
    $('new-group').addEventListener('click', () => this.openDialog('new-group-dialog'));
    $('chat-back').addEventListener('click', () => this.app.closeChat());
    $('group-info-button').addEventListener('click', () => this.openGroupInfo());
    $('list-filter').addEventListener('input', () => this.renderList());

    const list = $('conversation-list');
    list.addEventListener('keydown', (e) => this.listKeys(e));

    const input = $('composer-input');
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitComposer();
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submitComposer();
      }
    });
    input.addEventListener('input', () => {
      this.autoGrow();
      this.app.typed(input.value);
    });
    input.addEventListener('blur', () => this.app.stopTyping());

    const sc = $('message-scroller');
    sc.addEventListener('scroll', () => this.onScroll());
    $('load-older').addEventListener('click', () => this.app.loadOlder(this.app.active()));
    $('jump-latest').addEventListener('click', () => {
      sc.scrollTop = sc.scrollHeight;
      $('jump-latest').hidden = true;
      $('composer-input').focus();
    });

    document.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (e.target && e.target.id === 'list-filter' && e.target.value) return;
      if (this.app.activeId) {
        const id = this.app.activeId;
        this.app.closeChat();
        this.focusConversation(id);
      }
    });
  }

  wireAuth() {
    const form = $('auth-form');
    $('auth-toggle').addEventListener('click', () => {
      this.authMode(form.dataset.mode === 'login' ? 'register' : 'login');
      $('auth-username').focus();
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const username = $('auth-username').value.trim();
      const password = $('auth-password').value;
      const mode = form.dataset.mode;
      const err = this.validateAuth(username, password, mode);
      if (err) {
        this.formError('auth-error', err);
        return;
      }
      this.formError('auth-error', null);
      const submit = $('auth-submit');
      submit.disabled = true;
      submit.setAttribute('aria-busy', 'true');
      try {
        if (mode === 'register') await this.app.register(username, password, $('auth-displayname').value.trim());
        else await this.app.login(username, password);
        $('auth-password').value = '';
      } catch (ex) {
        this.formError('auth-error', this.authMessage(ex, mode));
      } finally {
        submit.disabled = false;
        submit.removeAttribute('aria-busy');
      }
    });
  }

  validateAuth(username, password, mode) {
    if (!username) return 'Enter your username.';
    if (mode === 'register') {
      if (!/^[A-Za-z0-9_.-]{3,32}$/.test(username)) {
        return 'Usernames are 3–32 characters: letters, digits, “_”, “.” or “-”.';
      }
      if (password.length < 8) return 'Use a password of at least 8 characters.';
    }
    if (!password) return 'Enter your password.';
    return null;
  }

  authMessage(ex, mode) {
    if (ex instanceof ApiError) {
      if (ex.status === 401) return 'Wrong username or password.';
      if (ex.status === 409) return 'That username is taken. Try another one.';
      if (ex.status === 429) return 'Too many attempts. Wait a moment and try again.';
      if (ex.status === 0) return ex.message;
      if (ex.status === 400) return ex.message;
    }
    return mode === 'register' ? 'Could not create the account. Try again.' : 'Could not sign in. Try again.';
  }

  authMode(mode) {
    const form = $('auth-form');
    form.dataset.mode = mode;
    const reg = mode === 'register';
    $('auth-title').textContent = reg ? 'Create your account' : 'Sign in to Messenger';
    $('auth-submit').textContent = reg ? 'Create account' : 'Sign in';
    $('auth-switch-text').textContent = reg ? 'Already have an account?' : 'New here?';
    $('auth-toggle').textContent = reg ? 'Sign in' : 'Create an account';
    $('auth-displayname-field').hidden = !reg;
    $('auth-password').setAttribute('autocomplete', reg ? 'new-password' : 'current-password');
    this.formError('auth-error', null);
  }

  formError(id, text) {
    const el = $(id);
    el.textContent = text || '';
    el.hidden = !text;
  }

  wireDialogs() {
    for (const d of document.querySelectorAll('dialog')) {
      d.addEventListener('click', (e) => {
        if (e.target.closest('[data-close]')) d.close();
        else if (e.target === d) d.close(); // click on the backdrop
      });
      d.addEventListener('close', () => {
        if (d.id === 'group-info-dialog') this.openedDialogConv = null;
        const back = this.app.active() ? $('composer-input') : $('new-chat');
        if (back && !back.closest('[hidden]')) back.focus();
      });
    }

    this.asyncForm('new-chat-form', 'new-chat-error', async () => {
      await this.app.startDirect($('new-chat-username').value);
      $('new-chat-dialog').close();
    });

    this.asyncForm('new-group-form', 'new-group-error', async () => {
      const names = $('group-members').value.split(/[\s,;]+/).map((s) => s.replace(/^@/, '')).filter(Boolean);
      if (!names.length) throw new Error('Add at least one member.');
      await this.app.createGroup($('group-name').value, names);
      $('new-group-dialog').close();
    });

    this.asyncForm('rename-form', 'group-info-error', async () => {
      const c = this.openedDialogConv;
      const name = $('group-info-name').value.trim();
      if (!c) return;
      if (!name) throw new Error('The name cannot be empty.');
      await this.app.renameGroup(c, name);
      this.toast('Group renamed.');
    });

    this.asyncForm('add-member-form', 'group-info-error', async () => {
      const c = this.openedDialogConv;
      const name = $('group-add-username').value.trim();
      if (!c) return;
      if (!name) throw new Error('Enter a username.');
      await this.app.addMember(c, name);
      $('group-add-username').value = '';
      this.renderGroupInfo();
    });

    $('group-leave').addEventListener('click', async () => {
      const c = this.openedDialogConv;
      if (!c) return;
      try {
        await this.app.leaveGroup(c);
        $('group-info-dialog').close();
        this.toast(`You left “${c.name}”.`);
      } catch (e) {
        this.formError('group-info-error', this.errorText(e));
      }
    });
  }

  /** Runs a form's async action, showing errors in errorId and disabling its buttons meanwhile. */
  asyncForm(formId, errorId, action) {
    const form = $(formId);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const buttons = form.querySelectorAll('button[type=submit]');
      buttons.forEach((b) => { b.disabled = true; });
      this.formError(errorId, null);
      try {
        await action();
      } catch (ex) {
        this.formError(errorId, this.errorText(ex));
      } finally {
        buttons.forEach((b) => { b.disabled = false; });
      }
    });
  }

  errorText(e) {
    if (e instanceof ApiError) {
      if (e.status === 403) return 'You are not allowed to do that.';
      if (e.status === 413) return e.message || 'Too large.';
      return e.message || 'Something went wrong.';
    }
    return (e && e.message) || 'Something went wrong.';
  }

  openDialog(id) {
    const d = $(id);
    for (const f of d.querySelectorAll('.form-error')) this.formError(f.id, null);
    for (const i of d.querySelectorAll('input')) i.value = '';
    d.showModal();
    const first = d.querySelector('input');
    if (first) first.focus();
  }

  // ---- screens ---------------------------------------------------------------

  showAuth(notice) {
    for (const d of document.querySelectorAll('dialog[open]')) d.close();
    $('app-screen').hidden = true;
    $('auth-screen').hidden = false;
    this.authMode('login');
    for (const id of ['auth-username', 'auth-password', 'auth-displayname']) $(id).value = '';
    clear($('conversation-list'));
    this.listRows = null;
    clear($('message-list'));
    if (notice) this.formError('auth-error', notice);
    document.title = 'Messenger';
    $('auth-username').focus();
  }

  showApp() {
    $('auth-screen').hidden = true;
    $('app-screen').hidden = false;
    $('list-filter').value = '';
    this.openChat(null);
    this.render();
  }

  me(user) {
    $('me-name').textContent = displayName(user);
    paintAvatar($('me-avatar'), user.id, displayName(user));
  }

  connection(state, detail) {
    const el = $('conn-status');
    el.dataset.state = state;
    clearInterval(this.connTimer);
    if (state === 'online') {
      el.textContent = 'Online';
    } else if (state === 'connecting') {
      el.textContent = 'Connecting…';
    } else {
      const show = () => {
        const s = Math.max(0, Math.ceil((detail.retryAt - Date.now()) / 1000));
        el.textContent = s > 0 ? `Offline · retrying in ${s}s` : 'Connecting…';
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

  tick() {
    if (!this.app.store) return;
    this.render();
  }

  scheduleRender() {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
    // rAF does not run in a hidden tab: render soon anyway.
    setTimeout(() => {
      if (this.renderQueued) {
        this.renderQueued = false;
        this.render();
      }
    }, 250);
  }

  render() {
    if (!this.app.store) return;
    this.renderList();
    this.renderHeader();
    this.renderTyping();
    if (this.openedDialogConv) this.renderGroupInfo();
    const unread = Array.from(this.app.store.convs.values()).reduce((n, c) => n + this.app.store.unread(c), 0);
    document.title = unread ? `(${unread}) Messenger` : 'Messenger';
  }

  // ---- conversation list -----------------------------------------------------

  title(c) {
    if (c.kind === 'group') return c.name || 'Group';
    const peer = this.app.store.peerId(c);
    if (!peer) return 'Just you';
    const u = this.app.user(peer);
    if (!u) this.app.ensureUser(peer);
    return u ? displayName(u) : '…';
  }

  avatarFor(c, cls) {
    const title = this.title(c);
    const id = c.kind === 'direct' ? (this.app.store.peerId(c) || c.id) : c.id;
    const el = h('span', { class: `avatar ${cls || ''}`, 'aria-hidden': 'true' }, initials(title));
    el.style.background = avatarColor(id);
    return el;
  }

  typingText(c, short) {
    const ids = Array.from(c.typing.keys());
    if (!ids.length) return null;
    if (c.kind === 'direct') return 'typing…';
    const names = ids.map((id) => this.firstName(id));
    if (short && names.length > 1) return `${names.length} people are typing…`;
    if (names.length === 1) return `${names[0]} is typing…`;
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} are typing…`;
  }

  firstName(id) {
    const n = this.app.name(id);
    return n.split(/\s+/)[0] || n;
  }

  /** "You", "you" or a name in a sentence. */
  who(id, start) {
    if (id === this.app.session.userId) return start ? 'You' : 'you';
    return this.app.name(id);
  }

  describeSystem(c, m) {
    const ev = m.event || {};
    switch (ev.action) {
      case 'created':
        return c.kind === 'group'
          ? `${this.who(ev.by, true)} created the group “${ev.name || c.name || 'Group'}”`
          : 'Chat started';
      case 'member_added': return `${this.who(ev.by, true)} added ${this.who(ev.userId)}`;
      case 'member_removed': return `${this.who(ev.by, true)} removed ${this.who(ev.userId)}`;
      case 'member_left': return `${this.who(ev.userId, true)} left`;
      case 'renamed': return `${this.who(ev.by, true)} renamed the group to “${ev.name || ''}”`;
      default: return m.body || 'Update';
    }
  }

  preview(c) {
    const typing = this.typingText(c, true);
    if (typing) return { text: typing, typing: true };
    const m = c.lastMessage;
    if (!m) return { text: c.kind === 'group' ? 'No messages yet' : 'Say hello 👋' };
    if (m.kind === 'system') return { text: this.describeSystem(c, m) };
    const files = m.attachments && m.attachments.length ? '📎 Attachment' : '';
    const body = (m.body || files).replace(/\s+/g, ' ');
    const mine = m.senderId === this.app.session.userId;
    let prefix = '';
    if (mine) prefix = 'You: ';
    else if (c.kind === 'group') prefix = `${this.firstName(m.senderId)}: `;
    return { text: prefix + body, mine, seq: m.seq };
  }

  renderList() {
    const store = this.app.store;
    const list = $('conversation-list');
    const filter = $('list-filter').value.trim().toLowerCase();
    const convs = store.sorted().filter((c) => !filter || this.title(c).toLowerCase().includes(filter));
    // Rows are kept per conversation and updated in place, so that a click or
    // the keyboard focus is never lost to a re-render.
    const rows = this.listRows || (this.listRows = new Map());
    const wanted = new Set(convs.map((c) => c.id));
    for (const [id, li] of rows) {
      if (!wanted.has(id)) {
        li.remove();
        rows.delete(id);
      }
    }
    const now = this.app.now();
    let cursor = list.firstElementChild;
    for (const c of convs) {
      let li = rows.get(c.id);
      if (!li) {
        const btn = h('button', {
          type: 'button', class: 'conv-item', testid: 'conversation-item',
          dataset: { conversationId: c.id },
          on: { click: () => this.app.openConversation(c.id) },
        });
        li = h('li', { class: 'conv-li' }, btn);
        rows.set(c.id, li);
      }
      this.fillRow(li.firstElementChild, c, now);
      if (li !== cursor) list.insertBefore(li, cursor);
      else cursor = cursor.nextElementSibling;
    }
    $('list-empty').hidden = store.convs.size > 0;
  }

  fillRow(btn, c, now) {
    const store = this.app.store;
    const active = c.id === this.app.activeId;
    const unread = store.unread(c);
    const title = this.title(c);
    const pv = this.preview(c);
    const avatarWrap = h('span', { class: 'avatar-wrap' }, this.avatarFor(c));
    let presenceLabel = '';
    if (c.kind === 'direct') {
      const p = store.presence.get(store.peerId(c));
      if (p) {
        avatarWrap.appendChild(h('span', {
          class: `presence-dot ${p.status}`, testid: 'presence-dot', dataset: { status: p.status },
        }));
        presenceLabel = p.status === 'online' ? ', online' : '';
      }
    }
    let tick = null;
    if (pv.mine && pv.seq) {
      const t = store.tickStatus(c, pv.seq);
      tick = h('span', { class: `ticks ticks-${t.status}`, 'aria-hidden': 'true' }, t.status === 'sent' ? '✓' : '✓✓');
    }
    const time = listTime(c.lastMessage ? c.lastMessage.ts : c.lastActivity, now);
    const label = `${title}${presenceLabel}. ${unread ? `${unread} unread. ` : ''}${pv.text}`;
    // Skip the DOM work when nothing changed.
    const sig = JSON.stringify([active, unread, title, pv.text, pv.typing, tick && tick.className,
      avatarWrap.lastChild.className, time]);
    if (btn.dataset.sig === sig) return;
    btn.dataset.sig = sig;
    btn.className = `conv-item${active ? ' active' : ''}${unread ? ' has-unread' : ''}`;
    btn.setAttribute('aria-label', label);
    if (active) btn.setAttribute('aria-current', 'true');
    else btn.removeAttribute('aria-current');
    btn.dataset.title = title;
    btn.dataset.kind = c.kind;
    btn.dataset.unread = String(unread);
    clear(btn);
    btn.appendChild(avatarWrap);
    btn.appendChild(h('span', { class: 'conv-main' },
      h('span', { class: 'conv-top' },
        h('span', { class: 'conv-title', testid: 'conv-title' }, title),
        h('span', { class: 'conv-time' }, time)),
      h('span', { class: 'conv-bottom' },
        h('span', { class: `conv-preview${pv.typing ? ' typing' : ''}`, testid: 'conv-preview' }, tick, tick ? ' ' : null, pv.text),
        unread ? h('span', { class: 'badge', testid: 'unread-badge', 'aria-hidden': 'true' }, unread > 99 ? '99+' : String(unread)) : null)));
  }

  focusConversation(id) {
    for (const b of $('conversation-list').querySelectorAll('.conv-item')) {
      if (b.dataset.conversationId === id) {
        b.focus();
        return;
      }
    }
  }

  listKeys(e) {
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

  // ---- chat ------------------------------------------------------------------

  openChat(c) {
    $('app-screen').classList.toggle('chat-open', !!c);
    $('chat-view').hidden = !c;
    $('chat-placeholder').hidden = !!c;
    $('jump-latest').hidden = true;
    const input = $('composer-input');
    input.value = '';
    this.autoGrow();
    clear($('message-list'));
    if (!c) {
      this.render();
      return;
    }
    this.renderChat({ scroll: 'bottom' });
    this.render();
    // keyboard users land in the composer; on touch screens do not pop the keyboard up
    if (!window.matchMedia('(pointer: coarse)').matches) input.focus();
  }

  renderHeader() {
    const c = this.app.active();
    if (!c) return;
    const store = this.app.store;
    const title = this.title(c);
    $('chat-title').textContent = title;
    const av = $('chat-avatar');
    paintAvatar(av, c.kind === 'direct' ? (store.peerId(c) || c.id) : c.id, title);
    const status = $('chat-status');
    const typing = this.typingText(c, false);
    let text = '';
    let presence = '';
    if (c.kind === 'direct') {
      const p = store.presence.get(store.peerId(c));
      if (p) {
        presence = p.status;
        text = p.status === 'online' ? 'online' : lastSeen(p.lastSeen, this.app.now());
      }
    } else {
      const me = this.app.session.userId;
      const names = c.members.filter((m) => m.userId !== me).map((m) => this.app.name(m.userId));
      if (c.members.some((m) => m.userId === me)) names.push('You');
      text = `${c.members.length} members: ${names.join(', ')}`;
    }
    status.dataset.presence = presence;
    status.classList.toggle('online', presence === 'online' && !typing);
    status.classList.toggle('typing', !!typing);
    const shown = typing || text;
    if (status.textContent !== shown) status.textContent = shown;
    $('group-info-button').hidden = c.kind !== 'group';
  }

  renderTyping() {
    const c = this.app.active();
    const el = $('typing-indicator');
    const text = c ? this.typingText(c, false) : null;
    el.dataset.active = text ? 'true' : 'false';
    if (!text) {
      if (el.firstChild) clear(el);
      return;
    }
    const label = c.kind === 'direct' ? `${this.title(c)} is typing…` : text;
    if (el.dataset.text === label && el.firstChild) return;
    el.dataset.text = label;
    clear(el);
    el.appendChild(h('span', { class: 'typing-dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')));
    el.appendChild(h('span', { class: 'typing-text' }, label));
  }

  autoGrow() {
    const input = $('composer-input');
    input.style.height = 'auto';
    const full = input.scrollHeight + 2; // + borders
    input.style.height = `${Math.min(full, 160)}px`;
    input.style.overflowY = full > 160 ? 'auto' : 'hidden';
  }

  submitComposer() {
    const input = $('composer-input');
    if (this.app.send(input.value)) {
      input.value = '';
      this.autoGrow();
    }
    input.focus();
  }

  onScroll() {
    const sc = $('message-scroller');
    const c = this.app.active();
    if (!c) return;
    if (sc.scrollTop < NEAR_TOP_PX && c.hasMoreBefore) this.app.loadOlder(c);
    if (sc.scrollHeight - sc.scrollTop - sc.clientHeight < NEAR_BOTTOM_PX) {
      $('jump-latest').hidden = true;
      this.app.markReadIfVisible(c);
    }
  }

  needsMoreAbove() {
    const sc = $('message-scroller');
    return sc.scrollHeight <= sc.clientHeight + NEAR_TOP_PX;
  }

  olderLoading(on) {
    const b = $('load-older');
    b.disabled = on;
    b.textContent = on ? 'Loading…' : 'Load older messages';
  }

  /**
   * Rebuilds the message list of the open chat. scroll: "bottom" (go to the
   * newest), "auto" (follow if at the bottom), "keep-bottom-distance" (older
   * messages were put on top: keep what is on screen in place).
   */
  renderChat({ scroll = 'auto' } = {}) {
    const c = this.app.active();
    if (!c) return;
    const sc = $('message-scroller');
    const list = $('message-list');
    const fromBottom = sc.scrollHeight - sc.scrollTop - sc.clientHeight;
    const distFromEnd = sc.scrollHeight - sc.scrollTop;
    const countBefore = list.childElementCount;

    $('older-bar').hidden = !(c.loaded && c.hasMoreBefore);
    list.setAttribute('aria-busy', c.loaded ? 'false' : 'true');
    clear(list);
    const me = this.app.session.userId;
    if (!c.loaded && !c.msgs.length) {
      list.appendChild(h('li', { class: 'loading-note' }, 'Loading messages…'));
    } else if (c.loaded && !c.hasMoreBefore && !c.msgs.length && !c.pending.size) {
      list.appendChild(h('li', { class: 'empty-note' }, 'No messages yet. Say hello!'));
    }
    let prev = null;
    const items = c.msgs.map((m) => ({ m, pending: null }));
    const pend = Array.from(c.pending.values())
      .filter((p) => !(p.seq && c.bySeq.has(p.seq)))
      .sort((a, b) => a.ts - b.ts);
    for (const p of pend) {
      items.push({
        m: { seq: p.seq || null, senderId: me, ts: p.ts, kind: 'text', body: p.body, clientId: p.clientId },
        pending: p,
      });
    }
    let dayTs = null;
    for (const { m, pending } of items) {
      if (dayTs === null || !sameDay(dayTs, m.ts)) {
        list.appendChild(h('li', { class: 'day-sep', role: 'separator' }, h('span', null, dayLabel(m.ts, this.app.now()))));
        dayTs = m.ts;
        prev = null;
      }
      if (m.kind === 'system') {
        list.appendChild(h('li', {
          class: 'system-note', testid: 'system-message',
          dataset: { seq: String(m.seq), kind: 'system', action: (m.event && m.event.action) || '' },
        }, h('span', null, this.describeSystem(c, m))));
        prev = null;
        continue;
      }
      const own = m.senderId === me;
      const grouped = prev && prev.senderId === m.senderId && prev.kind !== 'system' && m.ts - prev.ts < 5 * 60000;
      const senderName = own ? 'You' : this.app.name(m.senderId);
      const meta = h('span', { class: 'msg-meta' }, h('time', { datetime: new Date(m.ts).toISOString() }, clockTime(m.ts)));
      if (own) meta.appendChild(this.ticks(c, m, pending));
      const bubble = h('div', { class: 'bubble' },
        !own && c.kind === 'group' && !grouped
          ? h('span', { class: 'sender', testid: 'message-sender', style: { color: avatarColor(m.senderId) } }, senderName)
          : null,
        h('span', { class: 'sr-only' }, `${senderName}: `),
        h('span', { class: 'body', testid: 'message-body', dir: 'auto' }, m.body),
        m.attachments && m.attachments.length ? attachmentsNode(this.app.api, m) : null,
        meta);
      const li = h('li', {
        class: `msg ${own ? 'own' : 'other'}${grouped ? ' grouped' : ''}${pending ? ` pending ${pending.state}` : ''}`,
        testid: 'message',
        dataset: {
          seq: m.seq ? String(m.seq) : '', own: String(own), kind: 'text', sender: m.senderId,
          clientId: m.clientId || '', pending: pending ? 'true' : 'false',
        },
      }, bubble);
      if (pending && pending.state === 'failed') {
        li.appendChild(h('div', { class: 'failed-actions' },
          h('span', { class: 'failed-text' }, `${pending.error || 'Not sent'}.`),
          h('button', { type: 'button', class: 'btn-link', on: { click: () => this.app.retry(c.id, pending.clientId) } }, 'Retry'),
          h('button', { type: 'button', class: 'btn-link', on: { click: () => this.app.discard(c.id, pending.clientId) } }, 'Delete')));
      }
      list.appendChild(li);
      prev = m;
    }

    if (scroll === 'bottom' || (scroll === 'auto' && fromBottom < NEAR_BOTTOM_PX)) {
      sc.scrollTop = sc.scrollHeight;
      $('jump-latest').hidden = true;
    } else if (scroll === 'keep-bottom-distance') {
      sc.scrollTop = sc.scrollHeight - distFromEnd;
    } else if (list.childElementCount > countBefore) {
      $('jump-latest').hidden = false;
    }
  }

  ticks(c, m, pending) {
    if (pending && pending.state !== 'sent') {
      const failed = pending.state === 'failed';
      return h('span', {
        class: `ticks ticks-${failed ? 'failed' : 'pending'}`, testid: 'ticks',
        dataset: { status: failed ? 'failed' : 'pending' },
        role: 'img', 'aria-label': failed ? 'Not sent' : 'Sending',
      }, failed ? '!' : '🕓');
    }
    const el = h('span', { class: 'ticks', testid: 'ticks', role: 'img', dataset: { seq: String(m.seq) } });
    this.paintTicks(el, c, m.seq);
    return el;
  }

  paintTicks(el, c, seq) {
    const t = this.app.store.tickStatus(c, seq);
    el.className = `ticks ticks-${t.status}`;
    el.dataset.status = t.status;
    el.dataset.readBy = String(t.readBy);
    clear(el);
    el.appendChild(document.createTextNode(t.status === 'sent' ? '✓' : '✓✓'));
    let label = t.status === 'read' ? 'Read' : t.status === 'delivered' ? 'Delivered' : 'Sent';
    if (c.kind === 'group' && t.others > 1 && t.readBy > 0) {
      const by = t.readBy === t.others ? 'read by all' : `read by ${t.readBy}`;
      el.appendChild(h('span', { class: 'read-by', testid: 'read-by' }, ` ${by}`));
      label = `${label}, ${by}`;
    }
    el.setAttribute('aria-label', label);
    el.title = label;
  }

  /** Repaints the ticks of our own messages after a receipt. */
  updateTicks(c) {
    for (const el of $('message-list').querySelectorAll('.ticks[data-seq]')) {
      this.paintTicks(el, c, Number(el.dataset.seq));
    }
  }

  // ---- group info ----------------------------------------------------------------

  openGroupInfo() {
    const c = this.app.active();
    if (!c || c.kind !== 'group') return;
    this.openedDialogConv = c;
    this.formError('group-info-error', null);
    $('group-info-name').value = c.name;
    $('group-add-username').value = '';
    this.renderGroupInfo();
    $('group-info-dialog').showModal();
    $(this.app.isAdmin(c) ? 'group-info-name' : 'group-leave').focus();
  }

  renderGroupInfo() {
    const c = this.openedDialogConv;
    if (!c) return;
    if (!this.app.store.convs.has(c.id)) {
      $('group-info-dialog').close();
      return;
    }
    const admin = this.app.isAdmin(c);
    $('group-info-name').disabled = !admin;
    $('group-rename-submit').hidden = !admin;
    $('add-member-form').hidden = !admin;
    const ul = $('group-member-list');
    const me = this.app.session.userId;
    const members = [...c.members].sort((a, b) => (a.userId === me ? -1 : b.userId === me ? 1
      : this.app.name(a.userId).localeCompare(this.app.name(b.userId))));
    // Rebuild only when something shown changed (keeps focus on a Remove button).
    const sig = JSON.stringify([admin, members.map((m) => [m.userId, m.role, this.app.name(m.userId)])]);
    if (ul.dataset.sig === sig && ul.dataset.conv === c.id) return;
    ul.dataset.sig = sig;
    ul.dataset.conv = c.id;
    clear(ul);
    for (const m of members) {
      const name = m.userId === me ? 'You' : this.app.name(m.userId);
      const u = this.app.user(m.userId);
      const av = h('span', { class: 'avatar avatar-sm', 'aria-hidden': 'true' }, initials(name));
      av.style.background = avatarColor(m.userId);
      ul.appendChild(h('li', { class: 'member', testid: 'group-member', dataset: { userId: m.userId } },
        av,
        h('span', { class: 'member-name' }, name,
          u && m.userId !== me ? h('span', { class: 'muted' }, ` @${u.username}`) : null),
        m.role === 'admin' ? h('span', { class: 'role-badge' }, 'admin') : null,
        admin && m.userId !== me
          ? h('button', {
            type: 'button', class: 'btn btn-small btn-danger-outline', testid: 'group-remove-member',
            'aria-label': `Remove ${name}`,
            on: {
              click: async () => {
                try {
                  await this.app.removeMember(c, m.userId);
                } catch (e) {
                  this.formError('group-info-error', this.errorText(e));
                }
              },
            },
          }, 'Remove')
          : null));
    }
  }
}
