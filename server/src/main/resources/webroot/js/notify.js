// Notifications while the tab is open but hidden: a system notification for a new message (not for
// muted chats or our own messages) and, if the user turned it on, a short sound. Permission is
// asked only when the user presses "Turn on notifications" in the bell panel, never at start.
// Choices are kept in localStorage ("messenger.notify": "off" to silence; "messenger.sound": "1").

import { h, clear, icon } from './dom.js';
import { enablePush } from './push.js';

const NOTIFY_KEY = 'messenger.notify';
const SOUND_KEY = 'messenger.sound';

function setting(key, fallback) {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch (e) {
    return fallback;
  }
}

function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch (e) {
    // private mode: the choice lasts for this page only
  }
}

/** System notifications and the notification sound. One per page. */
export class Notifier {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.off = null;
    this.audio = null; // AudioContext, made on first sound
  }

  get supported() {
    return typeof window.Notification === 'function';
  }

  get enabled() {
    return setting(NOTIFY_KEY, 'on') !== 'off';
  }

  get sound() {
    return setting(SOUND_KEY, '0') === '1';
  }

  install() {
    this.button = h('button', {
      type: 'button', class: 'icon-btn', id: 'notify-button', testid: 'notify-button', 'aria-label': 'Notifications',
      title: 'Notifications', 'aria-haspopup': 'dialog', 'aria-expanded': 'false',
      on: { click: (e) => { e.stopPropagation(); this.toggle(); } },
    }, icon('bell'));
    const toolbar = document.querySelector('.sidebar-header .toolbar');
    toolbar.insertBefore(this.button, toolbar.firstChild);
    this.panel = h('div', {
      class: 'notify-panel', testid: 'notify-panel', role: 'dialog', 'aria-label': 'Notifications', hidden: true,
      on: { click: (e) => e.stopPropagation(), keydown: (e) => { if (e.key === 'Escape') { e.preventDefault(); this.close(); this.button.focus(); } } },
    });
    document.querySelector('.sidebar-header').appendChild(this.panel);
    document.addEventListener('click', () => this.close());
    const listen = (store) => {
      if (this.off) this.off();
      this.off = store.on('incoming', ({ c, m }) => this.incoming(c, m));
    };
    this.app.on('signedIn', listen);
    if (this.app.store) listen(this.app.store);
  }

  toggle() {
    if (this.panel.hidden) {
      this.render();
      this.panel.hidden = false;
      this.button.setAttribute('aria-expanded', 'true');
      const first = this.panel.querySelector('button, input');
      if (first) first.focus();
    } else {
      this.close();
    }
  }

  close() {
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  render() {
    const p = this.panel;
    clear(p);
    p.appendChild(h('h3', { class: 'notify-title' }, 'Notifications'));
    const perm = this.supported ? Notification.permission : 'unsupported';
    let text;
    if (perm === 'unsupported') text = 'This browser cannot show notifications.';
    else if (perm === 'denied') text = 'Notifications are blocked for this site. Allow them in the browser’s site settings.';
    else if (perm === 'granted') text = this.enabled ? 'On: you are notified of new messages while this tab is in the background.' : 'Off.';
    else text = 'Get a notification for new messages while this tab is in the background.';
    p.appendChild(h('p', { class: 'notify-state', testid: 'notify-state', dataset: { permission: perm } }, text));
    if (perm === 'default') {
      p.appendChild(h('button', { type: 'button', class: 'btn btn-primary btn-small', testid: 'notify-enable', on: { click: () => this.ask() } }, 'Turn on notifications'));
    } else if (perm === 'granted') {
      p.appendChild(this.checkbox('Show notifications', 'notify-toggle', this.enabled, (on) => save(NOTIFY_KEY, on ? 'on' : 'off')));
    }
    p.appendChild(this.checkbox('Play a sound', 'notify-sound', this.sound, (on) => {
      save(SOUND_KEY, on ? '1' : '0');
      if (on) this.beep();
    }));
  }

  checkbox(label, testid, checked, fn) {
    return h('label', { class: 'notify-check' },
      h('input', { type: 'checkbox', testid, checked, on: { change: (e) => { fn(e.target.checked); this.render(); } } }),
      ` ${label}`);
  }

  /** Asks for permission: only ever from the button. */
  async ask() {
    try {
      await Notification.requestPermission();
    } catch (e) {
      // very old browsers take a callback; they simply stay at "default"
    }
    save(NOTIFY_KEY, 'on');
    this.render();
    // Allowed now: also subscribe to Web Push for when no tab is open.
    if (Notification.permission === 'granted' && this.app.client) enablePush(this.app.client.api);
  }

  /** A new message from someone else in an unmuted chat (chats.js announce). */
  incoming(c, m) {
    if (document.visibilityState !== 'hidden') return;
    if (this.sound) this.beep();
    if (!this.supported || Notification.permission !== 'granted' || !this.enabled) return;
    const who = this.app.people.name(m.senderId);
    const title = c.kind === 'group' ? `${who} in ${c.name || 'a group'}` : who;
    let body = m.body || '';
    if (!body && m.attachments && m.attachments.length) {
      const a = m.attachments[0];
      body = /^voice-/.test(a.name || '') ? '🎤 Voice message' : `📎 ${a.name || 'Attachment'}`;
    }
    try {
      const n = new Notification(title, { body: body.slice(0, 200), tag: c.id, lang: 'und' });
      n.onclick = () => {
        window.focus();
        this.app.openConversation(c.id);
        n.close();
      };
    } catch (e) {
      // Chrome on Android allows notifications only from a service worker: the push path covers it
    }
  }

  /** A short two-tone chime made with Web Audio (no sound file). */
  beep() {
    try {
      const Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) return;
      this.audio = this.audio || new Ctx();
      const ctx = this.audio;
      const t = ctx.currentTime;
      const gain = ctx.createGain();
      gain.connect(ctx.destination);
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.35);
      for (const [f, at] of [[880, 0], [1320, 0.12]]) {
        const o = ctx.createOscillator();
        o.frequency.value = f;
        o.connect(gain);
        o.start(t + at);
        o.stop(t + at + 0.2);
      }
      this.beeps = (this.beeps || 0) + 1;
      document.body.dataset.beeps = String(this.beeps);
    } catch (e) {
      // no audio output: stay silent
    }
  }
}
