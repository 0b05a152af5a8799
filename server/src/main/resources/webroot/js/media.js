// Media messages (PROTOCOL.md "Media"): upload by file picker or drag and drop,
// and inline images, audio and video players in message bubbles. Media is
// fetched with the bearer token (an <img src> cannot send one) and shown from
// blob: URLs, cached per media id for the page's lifetime.

import { $, h, icon } from './dom.js';

const ACCEPT = 'image/*,audio/*,video/*,application/pdf';
const blobs = new Map(); // media id -> Promise<objectURL>
const nodes = new Map(); // conversationId:seq -> element, so re-renders keep players playing

function fetchBlob(app, id, thumb) {
  const api = app.client.api;
  const key = thumb ? `${id}?thumb` : id;
  if (!blobs.has(key)) {
    const url = `/api/v1/media/${encodeURIComponent(id)}${thumb ? '?thumb=1' : ''}`;
    blobs.set(key, fetch(url, { headers: { Authorization: `Bearer ${api.token}` } })
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.blob();
      })
      .then((b) => URL.createObjectURL(b))
      .catch((e) => {
        blobs.delete(key);
        throw e;
      }));
  }
  return blobs.get(key);
}

function sizeText(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function one(app, a) {
  const mime = a.mime || '';
  if (mime.startsWith('image/')) {
    const img = h('img', { class: 'att-image', alt: 'Picture', loading: 'lazy', testid: 'attachment-image' });
    fetchBlob(app, a.id, true).then((u) => { img.src = u; }, () => { img.alt = 'Picture unavailable'; });
    img.addEventListener('click', () => fetchBlob(app, a.id, false).then((u) => window.open(u, '_blank')));
    return img;
  }
  if (mime.startsWith('audio/') || mime.startsWith('video/')) {
    const el = h(mime.startsWith('audio/') ? 'audio' : 'video', {
      class: 'att-player', controls: true, preload: 'metadata', testid: 'attachment-player',
    });
    fetchBlob(app, a.id, false).then((u) => { el.src = u; }, () => {});
    return el;
  }
  const link = h('a', { class: 'att-file', href: '#', testid: 'attachment-file' }, `PDF · ${sizeText(a.size || 0)}`);
  link.addEventListener('click', (e) => {
    e.preventDefault();
    fetchBlob(app, a.id, false).then((u) => window.open(u, '_blank'));
  });
  return link;
}

/** The attachments of message m as one element (reused across re-renders). */
export function attachmentsNode(app, m) {
  const key = `${m.conversationId}:${m.seq}`;
  if (m.seq && nodes.has(key)) return nodes.get(key);
  const box = h('div', { class: 'attachments', testid: 'attachments' }, ...m.attachments.map((a) => one(app, a)));
  if (m.seq) nodes.set(key, box);
  return box;
}

async function sendFiles(app, views, files) {
  const c = app.store && app.store.active();
  if (!c || !files.length) return;
  try {
    const ids = [];
    for (const f of files) ids.push((await app.client.api.uploadMedia(f, f.type || 'application/octet-stream')).id);
    // Through the outbox like any message: resent after a reconnect, stored once.
    await app.client.send(c.id, '', { attachments: ids.slice(0, 10) });
  } catch (e) {
    views.toast(`Could not send the file: ${e.message}`);
  }
}

/** Adds the attach button to the composer and drag and drop to the chat. */
export function installMedia(app, views) {
  const input = h('input', { type: 'file', accept: ACCEPT, multiple: true, hidden: true, testid: 'attach-input' });
  const button = h('button', {
    type: 'button', class: 'attach-btn', 'aria-label': 'Attach a file', title: 'Attach a picture, audio, video or PDF',
    testid: 'attach-button',
  }, icon('attach'));
  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    sendFiles(app, views, Array.from(input.files || []));
    input.value = '';
  });
  const composer = $('composer');
  composer.insertBefore(input, composer.firstChild);
  composer.insertBefore(button, composer.firstChild);
  const chat = $('chat-view');
  chat.addEventListener('dragover', (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types || []).includes('Files')) {
      e.preventDefault();
      chat.classList.add('dropping');
    }
  });
  chat.addEventListener('dragleave', () => chat.classList.remove('dropping'));
  chat.addEventListener('drop', (e) => {
    chat.classList.remove('dropping');
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    sendFiles(app, views, Array.from(e.dataTransfer.files));
  });
}
