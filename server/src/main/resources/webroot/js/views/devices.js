// Settings sections: the devices signed in to the account, with their push status and "Log out"
// (PROTOCOL.md section 8: GET and DELETE /api/v1/devices), and the blocked users with
// "Unblock" (section 6).

import { h, clear } from '../dom.js';
import { displayName, paintAvatar, clockTime, dayLabel } from '../format.js';
import { accountError } from '../account.js';
import { confirmDialog } from './confirm.js';
import { section } from './forms.js';

/** "today at 10:04", "Yesterday at 9:12", "12 Mar 2026 at 8:00". */
export function when(ts, now) {
  if (!ts) return 'never';
  const day = dayLabel(ts, now);
  return `${day === 'Today' ? 'today' : day} at ${clockTime(ts)}`;
}

/** The push line of a device: off, working (last delivery) or failing (the last error). */
export function pushText(push, now) {
  if (!push) return { state: 'off', text: 'Notifications: off on this device' };
  const kind = push.type === 'webpush' ? 'Web Push' : push.type || 'push';
  if (push.lastError) {
    const ok = push.lastSuccessAt ? ` (last delivered ${when(push.lastSuccessAt, now)})` : '';
    return { state: 'failing', text: `Notifications (${kind}): failing: ${push.lastError}${ok}` };
  }
  if (push.lastSuccessAt) return { state: 'ok', text: `Notifications (${kind}): on, last delivered ${when(push.lastSuccessAt, now)}` };
  return { state: 'on', text: `Notifications (${kind}): on, nothing sent yet` };
}

export class DevicesSection {
  constructor(app) {
    this.app = app;
    this.seq = 0;
  }

  build() {
    this.list = h('ul', { class: 'settings-list', testid: 'device-list', 'aria-label': 'Devices' });
    this.error = h('p', { class: 'form-error', role: 'alert', testid: 'devices-error', hidden: true });
    return section('Devices', 'settings-devices', h('p', { class: 'muted' }, 'Where you are signed in. Log out a device you no longer use.'), this.list, this.error);
  }

  showError(e) {
    this.error.textContent = e ? accountError(e) : '';
    this.error.hidden = !e;
  }

  async load() {
    const mine = ++this.seq;
    try {
      const list = await this.app.account.devices();
      if (mine !== this.seq) return;
      this.showError(null);
      this.render(list);
    } catch (e) {
      if (mine === this.seq) this.showError(e);
    }
  }

  render(devices) {
    clear(this.list);
    const now = this.app.now();
    for (const d of devices) {
      const push = pushText(d.push, now);
      const out = h('button', {
        type: 'button', class: 'btn btn-small btn-danger-outline', testid: 'device-logout',
        'aria-label': `Log out ${d.name || 'this device'}`,
        on: { click: () => this.logout(d) },
      }, 'Log out');
      this.list.appendChild(h('li', { class: 'settings-item', testid: 'device', dataset: { deviceId: d.id, current: String(!!d.current), push: push.state } },
        h('div', { class: 'settings-item-main' },
          h('span', { class: 'settings-item-title', testid: 'device-name' }, d.name || 'Unnamed device',
            d.current ? h('span', { class: 'role-badge', testid: 'device-current' }, 'this device') : null),
          h('span', { class: 'muted small', testid: 'device-active' }, d.current ? 'Active now' : `Last active ${when(d.lastActiveAt, now)}`,
            ` · signed in ${when(d.createdAt, now)}`),
          h('span', { class: `small push-${push.state}`, testid: 'device-push' }, push.text)),
        out));
    }
  }

  async logout(d) {
    const ok = await confirmDialog({
      title: d.current ? 'Log out of this device?' : `Log out “${d.name || 'Unnamed device'}”?`,
      text: d.current ? 'You go back to the sign-in screen.' : 'That device is signed out at once and needs the password again.',
      confirmLabel: 'Log out',
      danger: true,
      testid: 'confirm-device-logout',
      errorText: accountError,
      action: () => this.app.account.revokeDevice(d),
    });
    if (ok && !d.current) this.load();
  }
}

export class BlocksSection {
  constructor(app) {
    this.app = app;
  }

  build() {
    this.list = h('ul', { class: 'settings-list', testid: 'blocked-list', 'aria-label': 'Blocked users' });
    this.error = h('p', { class: 'form-error', role: 'alert', testid: 'blocked-error', hidden: true });
    return section('Blocked users', 'settings-blocked',
      h('p', { class: 'muted' }, 'Blocked people cannot write to you in a direct chat or add you to groups, and do not see when you are online.'),
      this.list, this.error);
  }

  async load() {
    try {
      await this.app.account.loadBlocks();
      this.error.hidden = true;
    } catch (e) {
      this.error.textContent = accountError(e);
      this.error.hidden = false;
    }
  }

  render() {
    const store = this.app.store;
    if (!store || !this.list) return;
    clear(this.list);
    const blocks = store.blocks || [];
    if (!blocks.length) this.list.appendChild(h('li', { class: 'muted', testid: 'blocked-none' }, 'You have not blocked anyone.'));
    for (const u of blocks) {
      const av = h('span', { class: 'avatar avatar-sm', 'aria-hidden': 'true' });
      paintAvatar(av, u.id, displayName(u));
      this.list.appendChild(h('li', { class: 'settings-item', testid: 'blocked-user', dataset: { userId: u.id } },
        av,
        h('div', { class: 'settings-item-main' },
          h('span', { class: 'settings-item-title' }, displayName(u)),
          u.username ? h('span', { class: 'muted small' }, `@${u.username}`) : null),
        h('button', {
          type: 'button', class: 'btn btn-small', testid: 'unblock', 'aria-label': `Unblock ${displayName(u)}`,
          on: {
            click: async () => {
              try {
                await this.app.account.unblock(u.id);
                this.error.hidden = true;
              } catch (e) {
                this.error.textContent = accountError(e);
                this.error.hidden = false;
              }
            },
          },
        }, 'Unblock')));
    }
  }
}
