// Voice messages: the microphone button records with MediaRecorder (Opus in WebM, or Ogg where
// that is what the browser records) while a bar shows the time, with Cancel and Send. Send uploads
// the recording as `voice-<date>-<time>.webm` (the name marks it as a voice message) with the
// upload progress of attach.js, and sends it as a message without text. Recording stops by itself
// after MAX_SECONDS. The button is only there when the browser can record.

import { $, h, icon } from './dom.js';

const MAX_SECONDS = 10 * 60;
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

function pad(n) {
  return String(n).padStart(2, '0');
}

/** "voice-20261201-221503.webm" for the recording's type. */
export function voiceName(mime, now = new Date()) {
  const ext = mime.includes('ogg') ? 'ogg' : mime.includes('mp4') ? 'm4a' : 'webm';
  const d = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  return `voice-${d}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.${ext}`;
}

export class Voice {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.rec = null; // {recorder, stream, chunks, started, timer, send}
  }

  static supported() {
    return typeof window.MediaRecorder === 'function' && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  }

  install() {
    if (!Voice.supported()) return;
    const button = h('button', {
      type: 'button', class: 'attach-btn voice-btn', testid: 'voice-button', 'aria-label': 'Record a voice message',
      title: 'Record a voice message', on: { click: () => this.start() },
    }, icon('mic'));
    $('composer').insertBefore(button, $('send-button'));
    this.bar = h('div', { class: 'voice-bar', testid: 'voice-bar', hidden: true, role: 'status' },
      h('span', { class: 'rec-dot', 'aria-hidden': 'true' }),
      h('span', { class: 'voice-timer', testid: 'voice-timer' }, '0:00'),
      h('span', { class: 'voice-hint' }, 'Recording…'),
      h('button', { type: 'button', class: 'btn btn-small', testid: 'voice-cancel', on: { click: () => this.stop(false) } }, 'Cancel'),
      h('button', { type: 'button', class: 'btn btn-primary btn-small', testid: 'voice-send', on: { click: () => this.stop(true) } }, 'Send'));
    $('composer').parentNode.insertBefore(this.bar, $('composer'));
  }

  async start() {
    if (this.rec || this.views.attachments.busy) return;
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (e) {
      this.views.toast('The microphone is not available (allow it in the browser to record).');
      return;
    }
    const type = TYPES.find((t) => MediaRecorder.isTypeSupported(t));
    const recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
    const rec = { recorder, stream, chunks: [], started: Date.now(), send: false, timer: 0 };
    recorder.addEventListener('dataavailable', (e) => { if (e.data && e.data.size) rec.chunks.push(e.data); });
    recorder.addEventListener('stop', () => this.finished(rec));
    recorder.start(250);
    this.rec = rec;
    rec.timer = setInterval(() => this.tick(), 250);
    this.tick();
    this.bar.hidden = false;
    $('chat-view').classList.add('recording');
    this.bar.querySelector('[data-testid=voice-send]').focus();
  }

  tick() {
    if (!this.rec) return;
    const s = Math.floor((Date.now() - this.rec.started) / 1000);
    const t = this.bar.querySelector('.voice-timer');
    t.textContent = `${Math.floor(s / 60)}:${pad(s % 60)}`;
    t.dataset.seconds = String(s);
    if (s >= MAX_SECONDS) this.stop(true);
  }

  /** Stops recording; with `send` the recording is sent, else thrown away. */
  stop(send) {
    const rec = this.rec;
    if (!rec) return;
    this.rec = null;
    rec.send = send;
    clearInterval(rec.timer);
    this.bar.hidden = true;
    $('chat-view').classList.remove('recording');
    if (rec.recorder.state !== 'inactive') rec.recorder.stop();
    else this.finished(rec);
    $('composer-input').focus();
  }

  finished(rec) {
    for (const t of rec.stream.getTracks()) t.stop();
    if (!rec.send || rec.done) return;
    rec.done = true;
    const mime = (rec.recorder.mimeType || rec.chunks[0]?.type || 'audio/webm').split(';')[0];
    const blob = new Blob(rec.chunks, { type: mime });
    if (!blob.size) {
      this.views.toast('Nothing was recorded.');
      return;
    }
    this.views.attachments.upload([{ file: blob, name: voiceName(mime) }], '');
  }

  /** Leaving the chat or signing out stops a recording without sending it. */
  abandon() {
    if (this.rec) this.stop(false);
  }
}
