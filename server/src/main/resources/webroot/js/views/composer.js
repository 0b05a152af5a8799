// The composer: typing, Enter to send, a reply or an edit in progress, @mention completion from
// the member list, and a counter near the length limit (an over-long text is not sent and
// stays in the box). With files in the tray (attach.js) the text is their caption.

import { $, h, clear } from '../dom.js';
import { MAX_MESSAGE_CHARS } from '../actions.js';
import { errorText } from './util.js';

const COUNTER_FROM = MAX_MESSAGE_CHARS - 100;

export class Composer {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.replyTo = null; // seq
    this.editing = null; // seq
    this.mentions = new Map(); // username -> userId
    this.completion = null; // {start, items, index}
  }

  get input() {
    return $('composer-input');
  }

  wire() {
    const input = this.input;
    input.removeAttribute('maxlength'); // the limit is in code points, checked below
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    input.addEventListener('keydown', (e) => {
      if (this.completion && this.completionKeys(e)) return;
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      } else if (e.key === 'Escape' && (this.replyTo || this.editing)) {
        e.preventDefault();
        this.cancel();
      }
    });
    input.addEventListener('input', () => {
      this.autoGrow();
      this.counter();
      this.complete();
      if (!this.editing) this.app.acks.typed(this.app.store.active(), input.value);
    });
    input.addEventListener('blur', () => this.app.acks.stopTyping());
    $('composer-context-cancel').addEventListener('click', () => this.cancel());
  }

  reset() {
    this.input.value = '';
    this.cancel();
    this.autoGrow();
    this.counter();
  }

  autoGrow() {
    const input = this.input;
    input.style.height = 'auto';
    const full = input.scrollHeight + 2; // + borders
    input.style.height = `${Math.min(full, 160)}px`;
    input.style.overflowY = full > 160 ? 'auto' : 'hidden';
  }

  /** Shows "n / 1000" near the limit; over it the send button is disabled. */
  counter() {
    const n = Array.from(this.input.value.replace(/\s+$/u, '')).length;
    const el = $('composer-counter');
    const over = n > MAX_MESSAGE_CHARS;
    el.hidden = n < COUNTER_FROM;
    el.textContent = `${n} / ${MAX_MESSAGE_CHARS}`;
    el.classList.toggle('over', over);
    el.dataset.over = String(over);
    $('send-button').disabled = over;
    this.input.setAttribute('aria-invalid', String(over));
  }

  startReply(m) {
    this.editing = null;
    this.replyTo = m.seq;
    this.context('Reply to', m.senderId === this.app.store.me ? 'You' : this.app.people.name(m.senderId), m.body || '📎 Attachment');
    this.input.focus();
  }

  startEdit(m) {
    this.replyTo = null;
    this.editing = m.seq;
    this.input.value = m.body;
    this.context('Edit message', '', m.body);
    this.autoGrow();
    this.counter();
    this.input.focus();
  }

  context(label, who, text) {
    const box = $('composer-context');
    box.hidden = false;
    box.dataset.mode = this.editing ? 'edit' : 'reply';
    const t = $('composer-context-text');
    clear(t);
    t.appendChild(h('strong', null, who ? `${label} ${who}` : label));
    t.appendChild(h('span', { class: 'context-quote' }, text));
  }

  cancel() {
    const wasEditing = this.editing;
    this.replyTo = null;
    this.editing = null;
    $('composer-context').hidden = true;
    this.closeCompletion();
    if (wasEditing) {
      this.input.value = '';
      this.autoGrow();
      this.counter();
    }
  }

  async submit() {
    const input = this.input;
    const c = this.app.store.active();
    if (!c) return;
    const text = input.value;
    if (Array.from(text.replace(/\s+$/u, '')).length > MAX_MESSAGE_CHARS) {
      this.views.toast(`Messages are at most ${MAX_MESSAGE_CHARS} characters. Shorten it a little.`);
      input.focus();
      return;
    }
    if (this.editing) {
      const seq = this.editing;
      try {
        await this.app.actions.edit(c, seq, text);
        this.cancel();
      } catch (e) {
        this.views.toast(`Could not edit: ${errorText(e)}`);
      }
      input.focus();
      return;
    }
    const tray = this.views.attachments;
    if (tray && tray.count()) {
      // The text is the caption of the files in the tray.
      if (tray.busy) return;
      const replyTo = this.replyTo;
      if (await tray.send(text, { replyTo })) {
        input.value = '';
        this.cancel();
        this.autoGrow();
        this.counter();
      }
      input.focus();
      return;
    }
    const mentions = [];
    for (const [name, id] of this.mentions) if (new RegExp(`@${name.replace(/[.]/g, '\\.')}\\b`, 'i').test(text)) mentions.push(id);
    if (this.app.actions.send(text, { replyTo: this.replyTo, mentions })) {
      input.value = '';
      this.mentions.clear();
      this.cancel();
      this.autoGrow();
      this.counter();
    }
    input.focus();
  }

  // ---- @mention completion ----

  complete() {
    const c = this.app.store.active();
    const input = this.input;
    const upTo = input.value.slice(0, input.selectionStart);
    const m = /(^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(upTo);
    if (!c || c.kind !== 'group' || !m) {
      this.closeCompletion();
      return;
    }
    const q = m[2].toLowerCase();
    const items = c.members.filter((x) => x.userId !== this.app.store.me).map((x) => this.app.people.user(x.userId))
      .filter((u) => u && u.username && (u.username.startsWith(q) || (u.displayName || '').toLowerCase().startsWith(q)))
      .slice(0, 6);
    if (!items.length) {
      this.closeCompletion();
      return;
    }
    this.completion = { start: upTo.length - m[2].length - 1, items, index: 0 };
    this.renderCompletion();
  }

  renderCompletion() {
    const box = $('mention-list');
    clear(box);
    box.hidden = false;
    this.completion.items.forEach((u, i) => {
      box.appendChild(h('li', {
        role: 'option', class: `mention-option${i === this.completion.index ? ' active' : ''}`, testid: 'mention-option',
        'aria-selected': String(i === this.completion.index), dataset: { username: u.username },
        on: { mousedown: (e) => { e.preventDefault(); this.pick(u); } },
      }, h('strong', null, u.displayName || u.username), ` @${u.username}`));
    });
  }

  completionKeys(e) {
    const comp = this.completion;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      comp.index = (comp.index + (e.key === 'ArrowDown' ? 1 : comp.items.length - 1)) % comp.items.length;
      this.renderCompletion();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      this.pick(comp.items[comp.index]);
    } else if (e.key === 'Escape') {
      this.closeCompletion();
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  }

  pick(u) {
    const input = this.input;
    const start = this.completion.start;
    const end = input.selectionStart;
    const insert = `@${u.username} `;
    input.value = input.value.slice(0, start) + insert + input.value.slice(end);
    input.selectionStart = input.selectionEnd = start + insert.length;
    this.mentions.set(u.username, u.id);
    this.closeCompletion();
    this.counter();
    input.focus();
  }

  closeCompletion() {
    this.completion = null;
    const box = $('mention-list');
    if (box) {
      box.hidden = true;
      clear(box);
    }
  }
}
