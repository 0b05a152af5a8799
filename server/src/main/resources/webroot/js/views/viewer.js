// The picture viewer: one of the open chat's pictures full size, with previous / next across all of
// the chat's loaded pictures (buttons, ← and → keys), its name, sender and time, a save button, and
// Esc or the close button to return. Focus goes back to the picture that opened it.

import { h, clear, icon } from '../dom.js';
import { fetchBlob, download } from '../media.js';
import { clockTime, dayLabel } from '../format.js';

let state = null; // {app, items, index, opener, el}

/** The chat's pictures in order: [{a, m}]. */
function pictures(c) {
  const out = [];
  for (const m of c.msgs) {
    if (m.deleted || m.kind !== 'text' || !m.attachments) continue;
    for (const a of m.attachments) if (String(a.mime || '').startsWith('image/')) out.push({ a, m });
  }
  return out;
}

function button(label, testid, name, fn) {
  return h('button', { type: 'button', class: `viewer-btn ${testid}`, testid, 'aria-label': label, title: label, on: { click: fn } }, icon(name));
}

function build() {
  const img = h('img', { class: 'viewer-img', testid: 'viewer-image', alt: '' });
  const el = h('div', {
    class: 'viewer', id: 'viewer', testid: 'viewer', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Picture', tabindex: '-1',
    on: { click: (e) => { if (e.target === el || e.target.classList.contains('viewer-stage')) close(); } },
  },
  h('div', { class: 'viewer-bar' },
    h('div', { class: 'viewer-caption' },
      h('span', { class: 'viewer-name', testid: 'viewer-name', dir: 'auto' }),
      h('span', { class: 'viewer-meta', testid: 'viewer-meta' })),
    h('span', { class: 'viewer-count', testid: 'viewer-count' }),
    button('Save', 'viewer-download', 'download', () => { if (state) download(state.app, state.items[state.index].a); }),
    button('Close (Esc)', 'viewer-close', 'close', () => close())),
  h('div', { class: 'viewer-stage' },
    button('Previous picture (←)', 'viewer-prev', 'left', () => step(-1)),
    img,
    button('Next picture (→)', 'viewer-next', 'right', () => step(1))));
  document.body.appendChild(el);
  return el;
}

function render() {
  const { app, items, index, el } = state;
  const { a, m } = items[index];
  const img = el.querySelector('.viewer-img');
  img.removeAttribute('src');
  img.alt = a.name || 'Picture';
  img.dataset.mediaId = a.id;
  fetchBlob(app, a.id, false).then((u) => { if (state && state.items[state.index].a.id === a.id) img.src = u; }, () => { img.alt = 'Picture unavailable'; });
  const who = m.senderId === app.store.me ? 'You' : app.people.name(m.senderId);
  el.querySelector('.viewer-name').textContent = a.name || m.body || 'Picture';
  el.querySelector('.viewer-meta').textContent = `${who} · ${dayLabel(m.ts, app.now())} ${clockTime(m.ts)}`;
  const count = el.querySelector('.viewer-count');
  count.textContent = `${index + 1} / ${items.length}`;
  count.dataset.index = String(index + 1);
  count.dataset.total = String(items.length);
  el.querySelector('.viewer-prev').disabled = index === 0;
  el.querySelector('.viewer-next').disabled = index === items.length - 1;
}

function step(d) {
  if (!state) return;
  const next = state.index + d;
  if (next < 0 || next >= state.items.length) return;
  state.index = next;
  render();
}

function onKey(e) {
  if (!state) return;
  if (e.key === 'Escape') close();
  else if (e.key === 'ArrowLeft') step(-1);
  else if (e.key === 'ArrowRight') step(1);
  else return;
  e.preventDefault();
  e.stopPropagation();
}

/** Closes the viewer (if open) and gives focus back to what opened it. */
export function close() {
  if (!state) return;
  const { el, opener } = state;
  state = null;
  el.hidden = true;
  clear(el.querySelector('.viewer-name'));
  window.removeEventListener('keydown', onKey, true);
  if (opener && opener.isConnected) opener.focus();
}

/** Opens the picture `mediaId` of conversation `conversationId` in the viewer. */
export function openViewer(app, conversationId, mediaId) {
  const c = app.store && app.store.convs.get(conversationId);
  if (!c) return;
  const items = pictures(c);
  const index = items.findIndex((x) => x.a.id === mediaId);
  if (index < 0) return;
  const el = document.getElementById('viewer') || build();
  const opener = document.activeElement;
  if (!state) window.addEventListener('keydown', onKey, true);
  state = { app, items, index, opener, el };
  el.hidden = false;
  render();
  el.focus();
}
