// The open chat's message list, rendered incrementally: new messages are appended, older pages
// prepended, changed messages (edits, deletes, reactions) replaced in place, unsent entries kept
// at the end. Nothing is rebuilt unless the chat changes or is cleared.

import { $, h, clear } from '../dom.js';
import { dayLabel, sameDay } from '../format.js';
import { messageRow, systemRow, paintTicks } from './bubble.js';

const NEAR_BOTTOM_PX = 80;
const NEAR_TOP_PX = 150;
const GROUP_MS = 5 * 60000;

export class MessagesView {
  constructor(app, handlers) {
    this.app = app;
    this.handlers = handlers; // {menu(li, m), jump(seq)}
    this.convId = null;
    this.rows = new Map(); // seq -> li
    this.pendingRows = new Map(); // clientId -> li
    this.unreadFrom = 0; // the divider goes above this seq
    this.newBelow = 0; // messages from others that arrived while scrolled up (on the jump button)
  }

  get list() {
    return $('message-list');
  }

  get scroller() {
    return $('message-scroller');
  }

  wire() {
    const sc = this.scroller;
    sc.addEventListener('scroll', () => this.onScroll());
    $('load-older').addEventListener('click', () => this.app.chats.loadOlder(this.app.store.active()));
    $('jump-latest').addEventListener('click', () => {
      this.toBottom();
      $('composer-input').focus();
    });
    // A picture that finishes loading grows its row: stay at the bottom if we were there.
    this.list.addEventListener('load', () => {
      if (this.stickToBottom) sc.scrollTop = sc.scrollHeight;
    }, true);
    this.app.visibleTop = (c) => this.visibleTop(c);
  }

  nearBottom() {
    const sc = this.scroller;
    return sc.scrollHeight - sc.scrollTop - sc.clientHeight < NEAR_BOTTOM_PX;
  }

  toBottom() {
    const sc = this.scroller;
    sc.scrollTop = sc.scrollHeight;
    this.stickToBottom = true;
    $('jump-latest').hidden = true;
    this.countBelow(0);
    const c = this.app.store.active();
    if (c) this.app.acks.markReadIfVisible(c, this.visibleTop(c));
  }

  /** The newest seq whose row is at least partly on screen (read receipts only for those). */
  visibleTop(c) {
    if (!c || c.id !== this.convId || !this.rows.size) return c ? c.top : 0;
    const sc = this.scroller.getBoundingClientRect();
    let best = 0;
    for (const [seq, li] of this.rows) {
      const r = li.getBoundingClientRect();
      if (r.top < sc.bottom - 4 && r.bottom > sc.top && seq > best) best = seq;
    }
    // Update entries have no row: the newest on screen covers those just after it.
    if (best && best === this.lastRowSeq()) return c.top;
    return best;
  }

  lastRowSeq() {
    let last = 0;
    for (const seq of this.rows.keys()) if (seq > last) last = seq;
    return last;
  }

  /** Rebuilds for the open chat (a new chat, or after "clear"). */
  reset(c) {
    clear(this.list);
    this.countBelow(0);
    this.rows.clear();
    this.pendingRows.clear();
    this.convId = c ? c.id : null;
    $('jump-latest').hidden = true;
    if (!c) return;
    const me = this.app.store.myMember(c);
    const read = me ? me.readSeq : 0;
    const firstUnread = c.msgs.find((m) => m.seq > read && m.kind === 'text' && m.senderId !== this.app.store.me);
    this.unreadFrom = firstUnread ? firstUnread.seq : 0;
    this.status(c);
    this.insert(c, c.msgs, null);
    this.syncPending(c);
    const divider = this.list.querySelector('.unread-divider');
    const sc = this.scroller;
    // More unread than fits: start at the divider, so that nothing unseen is marked read.
    const dividerTop = divider ? divider.getBoundingClientRect().top - sc.getBoundingClientRect().top + sc.scrollTop : 0;
    if (divider && sc.scrollHeight - dividerTop > sc.clientHeight) {
      sc.scrollTop = dividerTop - 40;
      this.stickToBottom = false;
      if (!this.nearBottom()) $('jump-latest').hidden = false;
    } else {
      this.toBottom();
    }
    this.fillViewport(c);
  }

  status(c) {
    $('older-bar').hidden = !(c.loaded && c.hasMoreBefore);
    this.list.setAttribute('aria-busy', c.loaded ? 'false' : 'true');
    for (const n of this.list.querySelectorAll('.loading-note, .empty-note')) n.remove();
    if (!c.loaded && !c.msgs.length) this.list.prepend(h('li', { class: 'loading-note' }, 'Loading messages…'));
    else if (c.loaded && !c.hasMoreBefore && !c.msgs.length && !this.app.store.pendingOf(c).length) {
      this.list.prepend(h('li', { class: 'empty-note' }, 'No messages yet. Say hello!'));
    }
  }

  /** Builds rows for `msgs` (ascending) and puts them before `before` (null: before the unsent). */
  insert(c, msgs, before) {
    const frag = document.createDocumentFragment();
    let prev = before ? this.prevMessageOf(before, true) : this.lastMessage();
    for (const m of msgs) {
      if (this.rows.has(m.seq) || m.kind === 'update') continue;
      if (!prev || !sameDay(prev.ts, m.ts)) {
        frag.appendChild(h('li', { class: 'day-sep', role: 'separator', dataset: { day: String(m.ts) } }, h('span', null, dayLabel(m.ts, this.app.now()))));
        prev = null;
      }
      if (this.unreadFrom && m.seq === this.unreadFrom) {
        frag.appendChild(h('li', { class: 'unread-divider', testid: 'unread-divider', role: 'separator' }, h('span', null, 'Unread messages')));
      }
      const li = this.row(c, m, prev);
      this.rows.set(m.seq, li);
      frag.appendChild(li);
      prev = m;
    }
    const anchor = before || this.list.querySelector('li[data-pending="true"]');
    this.list.insertBefore(frag, anchor);
    if (before) this.dedupeDaySeparator(before);
  }

  row(c, m, prev) {
    if (m.kind === 'system') return systemRow(this.app, c, m);
    const grouped = !!prev && prev.kind === 'text' && prev.senderId === m.senderId && m.ts - prev.ts < GROUP_MS;
    const li = messageRow(this.app, c, m, { grouped, pending: null, handlers: this.handlers });
    li.message = m;
    return li;
  }

  /** The message of the last row (excluding unsent entries). */
  lastMessage() {
    let last = 0;
    for (const seq of this.rows.keys()) if (seq > last) last = seq;
    return last ? this.app.store.active().bySeq.get(last) : null;
  }

  prevMessageOf(li) {
    const seq = Number(li.dataset && li.dataset.seq);
    const c = this.app.store.active();
    let best = 0;
    for (const s of this.rows.keys()) if (s < seq && s > best) best = s;
    return best ? c.bySeq.get(best) : null;
  }

  /** After older rows were put above an existing day separator of the same day: drop it. */
  dedupeDaySeparator(before) {
    const sep = before.classList.contains('day-sep') ? before : null;
    const prevRow = sep && sep.previousElementSibling;
    if (sep && prevRow && prevRow.dataset.seq) {
      const c = this.app.store.active();
      const m = c.bySeq.get(Number(prevRow.dataset.seq));
      if (m && sameDay(m.ts, Number(sep.dataset.day))) sep.remove();
    }
  }

  /** The store's "messages" event for the open chat. */
  onMessages(c, e) {
    if (c.id !== this.convId) return;
    if (e.reset) {
      this.reset(c);
      return;
    }
    const sc = this.scroller;
    const wasAtBottom = this.nearBottom();
    const distFromEnd = sc.scrollHeight - sc.scrollTop;
    this.status(c);
    if (e.older && e.added && e.added.length) {
      this.insert(c, e.added, this.list.querySelector('.day-sep, li[data-seq]:not([data-seq=""])'));
      sc.scrollTop = sc.scrollHeight - distFromEnd;
    } else if (e.added && e.added.length) {
      this.insert(c, e.added, null);
    }
    for (const seq of e.updated || []) this.replace(c, seq);
    if (!e.older && e.added && e.added.length) {
      if (wasAtBottom || e.added.every((m) => m.senderId === this.app.store.me)) this.toBottom();
      else {
        $('jump-latest').hidden = false;
        this.countBelow(this.newBelow + e.added.filter((m) => m.kind === 'text' && m.senderId !== this.app.store.me).length);
      }
    }
    this.fillViewport(c);
  }

  /** Re-renders one row in place (an edit, delete, reaction or pin). */
  replace(c, seq) {
    const old = this.rows.get(seq);
    const m = c.bySeq.get(seq);
    if (!old || !m) return;
    const li = this.row(c, m, this.prevMessageOf(old));
    if (old.classList.contains('grouped') !== li.classList.contains('grouped')) li.classList.toggle('grouped', old.classList.contains('grouped'));
    old.replaceWith(li);
    this.rows.set(seq, li);
    // Quotes of this message in replies show its new text.
    for (const q of this.list.querySelectorAll(`[data-reply-to="${seq}"]`)) {
      const r = q.closest('li[data-seq]');
      if (r && r !== li) this.replace(c, Number(r.dataset.seq));
    }
  }

  /** Unsent entries at the end: added, updated (sending / failed) or removed. */
  syncPending(c) {
    if (c.id !== this.convId) return;
    const entries = this.app.store.pendingOf(c);
    const keep = new Set(entries.map((e) => e.clientId));
    for (const [id, li] of this.pendingRows) {
      if (!keep.has(id)) {
        li.remove();
        this.pendingRows.delete(id);
      }
    }
    for (const p of entries) {
      const files = p.attachments && p.attachments.length;
      const body = p.body || (files ? `📎 ${files === 1 ? 'File' : `${files} files`}` : '');
      const m = { seq: null, senderId: this.app.store.me, ts: p.ts, kind: 'text', body, clientId: p.clientId, replyTo: p.replyTo };
      const li = messageRow(this.app, c, m, { grouped: false, pending: p, handlers: this.handlers });
      const old = this.pendingRows.get(p.clientId);
      if (old && old.className === li.className) continue;
      if (old) old.replaceWith(li);
      else this.list.appendChild(li);
      this.pendingRows.set(p.clientId, li);
    }
    this.status(c);
    if (entries.length && this.stickToBottom !== false) this.toBottom();
  }

  /** Shows how many new messages are below on the "jump to newest" button (0: none). */
  countBelow(n) {
    this.newBelow = n;
    const b = $('jump-latest');
    b.dataset.count = String(n);
    b.textContent = n ? `↓ ${n > 99 ? '99+' : n}` : '↓';
    b.setAttribute('aria-label', n ? `Jump to latest messages, ${n} new` : 'Jump to latest messages');
  }

  updateTicks(c) {
    if (c.id !== this.convId) return;
    for (const el of this.list.querySelectorAll('.ticks[data-seq]')) paintTicks(this.app, el, c, Number(el.dataset.seq));
  }

  onScroll() {
    const c = this.app.store && this.app.store.active();
    if (!c) return;
    const sc = this.scroller;
    if (sc.scrollTop < NEAR_TOP_PX && c.hasMoreBefore) this.app.chats.loadOlder(c);
    this.stickToBottom = this.nearBottom();
    if (this.stickToBottom) $('jump-latest').hidden = true;
    else if (this.lastRowSeq() && sc.scrollHeight - sc.scrollTop - sc.clientHeight > sc.clientHeight / 2) $('jump-latest').hidden = false;
    this.app.acks.markReadIfVisible(c, this.visibleTop(c));
  }

  /** Loads older pages while the messages do not fill the view. */
  fillViewport(c) {
    const sc = this.scroller;
    if (c.loaded && c.hasMoreBefore && sc.scrollHeight <= sc.clientHeight + NEAR_TOP_PX) this.app.chats.loadOlder(c);
  }

  olderLoading(on) {
    const b = $('load-older');
    b.disabled = on;
    b.textContent = on ? 'Loading…' : 'Load older messages';
  }

  /** Scrolls to a message and flashes it. */
  highlight(seq) {
    const li = this.rows.get(seq);
    if (!li) return false;
    li.scrollIntoView({ block: 'center' });
    for (const other of this.list.querySelectorAll('[data-highlighted]')) delete other.dataset.highlighted;
    li.classList.add('flash');
    li.dataset.highlighted = 'true'; // the last one jumped to, until the next jump
    setTimeout(() => li.classList.remove('flash'), 2000);
    this.stickToBottom = this.nearBottom();
    return true;
  }
}
