// Media in message bubbles (PROTOCOL.md "Media"): pictures (opening the viewer), audio and video
// players, voice messages, and a file card with name, type and size that saves the file under its
// name. Media is fetched with the bearer token (an <img src> cannot send one) and shown from blob:
// URLs, cached per media id for the page's lifetime. Sending lives in attach.js and voice.js.

import { h, icon } from './dom.js';
import { openViewer } from './views/viewer.js';

const blobs = new Map(); // media id (+ "?thumb") -> Promise<objectURL>
const nodes = new Map(); // conversationId:seq -> element, so re-renders keep players playing

/** A blob: URL of the media (or its thumbnail), fetched once. */
export function fetchBlob(app, id, thumb) {
  const api = app.client.api;
  const key = thumb ? `${id}?thumb` : id;
  if (!blobs.has(key)) {
    blobs.set(key, api.media(id, { thumb })
      .then((b) => URL.createObjectURL(b))
      .catch((e) => {
        blobs.delete(key);
        throw e;
      }));
  }
  return blobs.get(key);
}

/** "12 B", "34 KB", "5.6 MB". */
export function sizeText(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A short type label: "PDF", "PNG", "MP3", from the name's extension or the type. */
export function typeLabel(mime, name) {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(name || '');
  if (ext) return ext[1].toUpperCase();
  const sub = String(mime || '').split('/')[1] || 'file';
  return sub.replace(/^x-/, '').split(/[.+-]/)[0].toUpperCase();
}

/** True for a voice message recorded in the web client (its name says so). */
export function isVoice(a) {
  return String(a.mime || '').startsWith('audio/') && /^voice-/.test(a.name || '');
}

/** Saves the media under its name (a temporary <a download>). */
export function download(app, a) {
  return fetchBlob(app, a.id, false).then((u) => {
    const link = h('a', { href: u, download: a.name || `${a.id}.${typeLabel(a.mime, '').toLowerCase()}`, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
}

function picture(app, m, a) {
  const img = h('img', { class: 'att-image', alt: a.name || 'Picture', loading: 'lazy', testid: 'attachment-image', dataset: { mediaId: a.id } });
  fetchBlob(app, a.id, true).then((u) => { img.src = u; }, () => { img.alt = 'Picture unavailable'; });
  return h('button', {
    type: 'button', class: 'att-picture', 'aria-label': `Open picture${a.name ? ` ${a.name}` : ''}`,
    on: { click: () => openViewer(app, m.conversationId, a.id) },
  }, img);
}

function player(app, a) {
  const audio = a.mime.startsWith('audio/');
  const el = h(audio ? 'audio' : 'video', {
    class: 'att-player', controls: true, preload: 'metadata', testid: 'attachment-player',
  });
  fetchBlob(app, a.id, false).then((u) => { el.src = u; }, () => {});
  if (!audio) return el;
  const voice = isVoice(a);
  return h('div', { class: `att-audio${voice ? ' voice' : ''}`, testid: voice ? 'voice-message' : 'attachment-audio' },
    h('span', { class: 'att-audio-label' }, voice ? [icon('mic'), 'Voice message'] : (a.name || 'Audio')), el);
}

function fileCard(app, a) {
  const type = typeLabel(a.mime, a.name);
  const name = a.name || (a.mime === 'application/pdf' ? 'Document.pdf' : 'File');
  return h('button', {
    type: 'button', class: 'file-card', testid: 'attachment-file',
    dataset: { name, mime: a.mime, size: String(a.size || 0) },
    title: `Save ${name}`, 'aria-label': `${name}, ${type}, ${sizeText(a.size || 0)}. Save`,
    on: { click: () => download(app, a).catch(() => app.store.emit('toast', 'Could not download the file.')) },
  },
  h('span', { class: 'file-icon', 'aria-hidden': 'true' }, type.slice(0, 4)),
  h('span', { class: 'file-text' },
    h('span', { class: 'file-name', testid: 'file-name', dir: 'auto' }, name),
    h('span', { class: 'file-meta', testid: 'file-meta' }, `${type} · ${sizeText(a.size || 0)}`)),
  h('span', { class: 'file-save' }, icon('download')));
}

function one(app, m, a) {
  const mime = a.mime || '';
  if (mime.startsWith('image/')) return picture(app, m, a);
  if (mime.startsWith('audio/') || mime.startsWith('video/')) return player(app, a);
  return fileCard(app, a);
}

/** The attachments of message m as one element (reused across re-renders). */
export function attachmentsNode(app, m) {
  const key = `${m.conversationId}:${m.seq}`;
  if (m.seq && nodes.has(key)) return nodes.get(key);
  const box = h('div', { class: 'attachments', testid: 'attachments' }, ...m.attachments.map((a) => one(app, m, a)));
  if (m.seq) nodes.set(key, box);
  return box;
}
