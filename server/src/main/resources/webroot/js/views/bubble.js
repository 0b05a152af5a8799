// One row of the message list: a message bubble (reply quote, forwarded label, body with links
// and mentions, attachments, reactions, time and ticks), a system note, or an unsent entry.
// User text only ever becomes text nodes.

import { h, clear } from '../dom.js';
import { attachmentsNode } from '../media.js';
import { clockTime, avatarColor } from '../format.js';
import { describeSystem } from './util.js';

const URL_RE = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]}'’”]/giu;
const EMOJI_ONLY_RE = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f|\s)+$/u;

/** True for 1-3 emoji and nothing else (shown large). */
export function emojiOnly(text) {
  if (!text || !EMOJI_ONLY_RE.test(text) || /^[\d#*\s]+$/u.test(text)) return false;
  const n = (text.match(/\p{Extended_Pictographic}/gu) || []).length;
  return n >= 1 && n <= 3;
}

/** The body as text nodes, http(s) links as anchors and @mentions highlighted. */
export function bodyNodes(app, m) {
  const out = [];
  const names = new Set((m.mentions || []).map((id) => app.people.user(id)).filter(Boolean).map((u) => (u.username || '').toLowerCase()));
  const text = m.body || '';
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    if (match.index > last) out.push(...mentionNodes(text.slice(last, match.index), names));
    out.push(h('a', { href: match[0], target: '_blank', rel: 'noopener noreferrer', testid: 'message-link' }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(...mentionNodes(text.slice(last), names));
  return out;
}

function mentionNodes(text, names) {
  if (!names.size) return [text];
  const out = [];
  let last = 0;
  for (const match of text.matchAll(/@([a-z0-9_.-]{3,32})/giu)) {
    if (!names.has(match[1].toLowerCase())) continue;
    if (match.index > last) out.push(text.slice(last, match.index));
    out.push(h('span', { class: 'mention', testid: 'mention' }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** A system note row. */
export function systemRow(app, c, m) {
  return h('li', {
    class: 'system-note', testid: 'system-message',
    dataset: { seq: String(m.seq), kind: 'system', action: (m.event && m.event.action) || '' },
  }, h('span', null, describeSystem(app, c, m)));
}

/**
 * A message row. `grouped`: the previous row is by the same sender within 5 minutes.
 * `pending`: an outbox entry (no seq yet). `handlers`: {menu(li, m), jump(seq), retry, discard}.
 */
export function messageRow(app, c, m, { grouped, pending, handlers }) {
  const me = app.store.me;
  const own = m.senderId === me;
  const senderName = own ? 'You' : app.people.name(m.senderId);
  const bubble = h('div', { class: 'bubble' });
  if (!own && c.kind === 'group' && !grouped) {
    bubble.appendChild(h('span', { class: 'sender', testid: 'message-sender', style: { color: avatarColor(m.senderId) } }, senderName));
  }
  if (m.forwarded && !m.deleted) bubble.appendChild(h('span', { class: 'forwarded', testid: 'forwarded-label' }, '↪ Forwarded'));
  if (m.replyTo && !m.deleted) bubble.appendChild(quote(app, c, m.replyTo, handlers));
  bubble.appendChild(h('span', { class: 'sr-only' }, `${senderName}: `));
  if (m.deleted) {
    bubble.appendChild(h('span', { class: 'body deleted', testid: 'message-body', dataset: { deleted: 'true' } }, 'This message was deleted'));
  } else {
    const big = emojiOnly(m.body) && !(m.attachments && m.attachments.length);
    bubble.appendChild(h('span', { class: `body${big ? ' emoji-only' : ''}`, testid: 'message-body', dir: 'auto' }, bodyNodes(app, m)));
  }
  if (!m.deleted && m.attachments && m.attachments.length) bubble.appendChild(attachmentsNode(app, m));
  const meta = h('span', { class: 'msg-meta' });
  if (m.editedAt && !m.deleted) meta.appendChild(h('span', { class: 'edited', testid: 'edited-label' }, 'edited '));
  meta.appendChild(h('time', { datetime: new Date(m.ts).toISOString() }, clockTime(m.ts)));
  if (own) meta.appendChild(ticks(app, c, m, pending));
  bubble.appendChild(meta);
  const li = h('li', {
    class: `msg ${own ? 'own' : 'other'}${grouped ? ' grouped' : ''}${pending ? ` pending ${pending.state}` : ''}`,
    testid: 'message',
    dataset: {
      seq: m.seq ? String(m.seq) : '', own: String(own), kind: 'text', sender: m.senderId,
      clientId: m.clientId || '', pending: pending ? 'true' : 'false', deleted: String(!!m.deleted),
    },
  }, bubble);
  if (c.pinned.includes(m.seq)) li.classList.add('pinned');
  if (m.reactions && m.reactions.length && !m.deleted) li.appendChild(reactionChips(app, c, m));
  if (!pending && m.seq && !m.deleted) {
    li.appendChild(h('button', {
      type: 'button', class: 'msg-menu-btn', testid: 'message-menu-button', 'aria-label': 'Message actions', title: 'More',
      'aria-haspopup': 'menu', on: { click: (e) => { e.stopPropagation(); handlers.menu(li, m); } },
    }, '⋯'));
  }
  if (pending && pending.state === 'failed') {
    li.appendChild(h('div', { class: 'failed-actions' },
      h('span', { class: 'failed-text' }, `${pending.error === 'too_large' ? 'Too long' : 'Not sent'}.`),
      h('button', { type: 'button', class: 'btn-link', on: { click: () => handlers.retry(pending.clientId) } }, 'Retry'),
      h('button', { type: 'button', class: 'btn-link', on: { click: () => handlers.discard(pending.clientId) } }, 'Delete')));
  }
  return li;
}

function quote(app, c, seq, handlers) {
  const target = c.bySeq.get(seq);
  const who = target ? (target.senderId === app.store.me ? 'You' : app.people.name(target.senderId)) : '';
  let text = 'Original message';
  if (target) text = target.deleted ? 'This message was deleted' : (target.body || '📎 Attachment');
  return h('button', {
    type: 'button', class: 'reply-quote', testid: 'reply-quote', dataset: { replyTo: String(seq) },
    on: { click: (e) => { e.stopPropagation(); handlers.jump(seq); } },
  }, who ? h('span', { class: 'quote-sender' }, who) : null, h('span', { class: 'quote-text' }, text));
}

function reactionChips(app, c, m) {
  const box = h('div', { class: 'reactions', testid: 'reactions' });
  for (const r of m.reactions) {
    const names = r.userIds.map((id) => (id === app.store.me ? 'You' : app.people.name(id)));
    const mine = r.userIds.includes(app.store.me);
    box.appendChild(h('button', {
      type: 'button', class: `reaction-chip${mine ? ' mine' : ''}`, testid: 'reaction-chip',
      dataset: { emoji: r.emoji, count: String(r.count), users: names.join(', ') },
      title: `${names.join(', ')} reacted with ${r.emoji}`, 'aria-label': `${r.emoji} ${r.count}: ${names.join(', ')}`,
      'aria-pressed': String(mine),
      on: { click: () => app.actions.toggleReaction(c, m.seq, r.emoji).catch(() => {}) },
    }, `${r.emoji} ${r.count}`));
  }
  return box;
}

function ticks(app, c, m, pending) {
  if (pending && pending.state !== 'sent') {
    const failed = pending.state === 'failed';
    return h('span', {
      class: `ticks ticks-${failed ? 'failed' : 'pending'}`, testid: 'ticks',
      dataset: { status: failed ? 'failed' : 'pending' }, role: 'img', 'aria-label': failed ? 'Not sent' : 'Sending',
    }, failed ? '!' : '🕓');
  }
  const el = h('span', { class: 'ticks', testid: 'ticks', role: 'img', dataset: { seq: String(m.seq) } });
  paintTicks(app, el, c, m.seq);
  return el;
}

/** Paints the ticks of our own message seq (sent, delivered, read, "read by N"). */
export function paintTicks(app, el, c, seq) {
  const t = app.store.tickStatus(c, seq);
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
