// Sending files (PROTOCOL.md "Media"): the attach button, drag and drop and paste put files in a
// tray above the composer (a preview of each, with its name and size, removable); the composer's
// text becomes the caption; Send uploads them one by one with a progress bar (the upload can be
// cancelled), keeping each file's name, then sends one message carrying them all.

import { $, h, clear, icon } from './dom.js';
import { sizeText, typeLabel } from './media.js';

const ACCEPT = 'image/*,audio/*,video/*,application/pdf';
const MAX_FILES = 10;

function allowed(f) {
  const t = f.type || '';
  return (t.startsWith('image/') && t !== 'image/svg+xml') || t.startsWith('audio/') || t.startsWith('video/') || t === 'application/pdf';
}

/** The tray of files waiting to be sent, and the upload. One per page. */
export class Attachments {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.items = []; // {file, name, url}
    this.abort = null; // AbortController while uploading
  }

  count() {
    return this.items.length;
  }

  get busy() {
    return !!this.abort;
  }

  /** Adds the attach button, the tray, paste and drag and drop. */
  install() {
    const input = h('input', { type: 'file', accept: ACCEPT, multiple: true, hidden: true, testid: 'attach-input' });
    const button = h('button', {
      type: 'button', class: 'attach-btn', 'aria-label': 'Attach a file', title: 'Attach a picture, audio, video or PDF',
      testid: 'attach-button', on: { click: () => input.click() },
    }, icon('attach'));
    input.addEventListener('change', () => {
      this.add(Array.from(input.files || []));
      input.value = '';
    });
    const composer = $('composer');
    composer.insertBefore(input, composer.firstChild);
    composer.insertBefore(button, composer.firstChild);
    this.tray = h('div', { class: 'attach-tray', id: 'attach-tray', testid: 'attach-tray', hidden: true, role: 'region', 'aria-label': 'Files to send' },
      h('ul', { class: 'attach-items', testid: 'attach-items' }),
      h('div', { class: 'attach-footer' },
        h('progress', { class: 'upload-progress', testid: 'upload-progress', max: '100', value: '0', hidden: true, 'aria-label': 'Upload progress' }),
        h('span', { class: 'attach-status', testid: 'attach-status', 'aria-live': 'polite' }),
        h('button', { type: 'button', class: 'btn btn-small', testid: 'attach-cancel', on: { click: () => this.cancel() } }, 'Cancel')));
    composer.parentNode.insertBefore(this.tray, composer);
    $('composer-input').addEventListener('paste', (e) => {
      const files = Array.from((e.clipboardData && e.clipboardData.files) || []);
      if (!files.length) return;
      e.preventDefault();
      this.add(files);
    });
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
      this.add(Array.from(e.dataTransfer.files));
    });
  }

  /** Puts files in the tray (refusing types the server would refuse). */
  add(files) {
    if (this.busy || !this.app.store || !this.app.store.active()) return;
    const ok = files.filter(allowed);
    if (ok.length < files.length) this.views.toast('Only pictures, audio, video and PDF files can be sent.');
    for (const f of ok) {
      if (this.items.length >= MAX_FILES) {
        this.views.toast(`At most ${MAX_FILES} files in one message.`);
        break;
      }
      const name = f.name || `pasted-${Date.now()}.${typeLabel(f.type, '').toLowerCase()}`;
      this.items.push({ file: f, name, url: f.type.startsWith('image/') ? URL.createObjectURL(f) : null });
    }
    this.render();
    if (this.items.length) {
      const input = $('composer-input');
      input.placeholder = 'Add a caption…';
      input.focus();
    }
  }

  remove(i) {
    const [it] = this.items.splice(i, 1);
    if (it && it.url) URL.revokeObjectURL(it.url);
    this.render();
  }

  render() {
    const list = this.tray.querySelector('.attach-items');
    clear(list);
    this.items.forEach((it, i) => {
      const preview = it.url
        ? h('img', { class: 'attach-thumb', src: it.url, alt: '' })
        : h('span', { class: 'file-icon attach-thumb', 'aria-hidden': 'true' }, typeLabel(it.file.type, it.name).slice(0, 4));
      list.appendChild(h('li', { class: 'attach-item', testid: 'attach-item', dataset: { name: it.name } },
        preview,
        h('span', { class: 'file-text' },
          h('span', { class: 'file-name', dir: 'auto' }, it.name),
          h('span', { class: 'file-meta' }, `${typeLabel(it.file.type, it.name)} · ${sizeText(it.file.size)}`)),
        h('button', {
          type: 'button', class: 'icon-btn attach-remove', testid: 'attach-remove', 'aria-label': `Remove ${it.name}`,
          disabled: this.busy, on: { click: () => this.remove(i) },
        }, icon('close'))));
    });
    this.tray.hidden = !this.items.length && !this.busy;
    if (!this.items.length) $('composer-input').placeholder = 'Write a message…';
  }

  /** Empties the tray, or stops the upload in progress (the files stay, to try again). */
  cancel() {
    if (this.abort) {
      this.abort.abort();
      return;
    }
    for (const it of this.items) if (it.url) URL.revokeObjectURL(it.url);
    this.items = [];
    this.render();
  }

  progress(pct, text) {
    const bar = this.tray.querySelector('.upload-progress');
    bar.hidden = pct === null;
    this.tray.classList.toggle('uploading', pct !== null);
    if (pct !== null) bar.setAttribute('value', String(Math.round(pct)));
    this.tray.querySelector('.attach-status').textContent = text || '';
  }

  /**
   * Uploads `files` ([{file, name}]) with progress and sends them with `caption` as one message.
   * Resolves true once the message is in the outbox; false if cancelled or failed (told in a toast).
   */
  async upload(files, caption, options = {}) {
    const c = this.app.store && this.app.store.active();
    if (!c || !files.length || this.busy) return false;
    this.abort = new AbortController();
    this.tray.hidden = false;
    this.render();
    const total = files.reduce((n, f) => n + f.file.size, 0) || 1;
    let done = 0;
    try {
      const ids = [];
      for (const f of files) {
        this.progress(100 * done / total, `Uploading ${f.name}…`);
        const media = await this.app.client.api.uploadMedia(f.file, f.file.type || 'application/octet-stream', {
          name: f.name,
          signal: this.abort.signal,
          onProgress: (sent) => this.progress(100 * (done + sent) / total, `Uploading ${f.name}…`),
        });
        done += f.file.size;
        ids.push(media.id);
      }
      this.progress(100, 'Sending…');
      // Through the outbox like any message: resent after a reconnect, stored once.
      const opts = { attachments: ids };
      if (options.replyTo) opts.replyTo = options.replyTo;
      this.app.client.send(c.id, (caption || '').replace(/\s+$/u, ''), opts).catch(() => {
        // a refused send stays in the outbox as "failed", with Retry and Delete
      });
      return true;
    } catch (e) {
      if (e && e.code === 'aborted') this.views.toast('Upload cancelled.');
      else this.views.toast(`Could not send the file: ${e.message}`);
      return false;
    } finally {
      this.abort = null;
      this.progress(null, '');
      this.render();
    }
  }

  /** Sends the tray's files with this caption; the tray empties when it worked. */
  async send(caption, options) {
    const ok = await this.upload(this.items.map((it) => ({ file: it.file, name: it.name })), caption, options);
    if (ok) this.cancel();
    return ok;
  }
}
