// The settings page (#/settings, issue 14): profile (display name, picture), devices with their
// push status (devices.js), blocked users, password, "download my data" and "delete account"
// (PROTOCOL.md sections 6 and 8). Every refusal from the server is shown next to its form.

import { h } from '../dom.js';
import { pageForm, field, section } from './forms.js';
import { displayName, paintAvatar } from '../format.js';
import { accountError } from '../account.js';
import { confirmDialog } from './confirm.js';
import { DevicesSection, BlocksSection } from './devices.js';

export class SettingsView {
  constructor(app, views) {
    this.app = app;
    this.views = views;
    this.title = 'Settings';
    this.devices = new DevicesSection(app);
    this.blocks = new BlocksSection(app);
    this.off = [];
  }

  build() {
    this.root = h('div', { class: 'settings' },
      this.buildProfile(),
      this.devices.build(),
      this.blocks.build(),
      this.buildPassword(),
      this.buildData(),
      this.buildDelete());
    return this.root;
  }

  attach(store) {
    for (const off of this.off) off();
    this.off = [store.on('me', () => this.renderProfile()), store.on('blocks', () => this.blocks.render())];
  }

  refresh() {
    // Notes and errors of an earlier visit are stale.
    for (const el of this.root.querySelectorAll('.form-note, .form-error')) el.hidden = true;
    this.renderProfile(true);
    this.devices.load();
    this.blocks.load();
  }

  me() {
    const store = this.app.store;
    return store && (store.users.get(store.me) || { id: store.me, username: this.app.session.username });
  }

  // ---- profile ----

  buildProfile() {
    this.avatar = h('span', { class: 'avatar avatar-lg', testid: 'profile-avatar', 'aria-hidden': 'true' });
    this.username = h('p', { class: 'muted', testid: 'profile-username' });
    const file = h('input', { type: 'file', accept: 'image/png,image/jpeg,image/gif,image/webp', hidden: true, testid: 'avatar-input' });
    this.avatarError = h('p', { class: 'form-error', role: 'alert', testid: 'avatar-error', hidden: true });
    const choose = h('button', { type: 'button', class: 'btn btn-small', testid: 'avatar-choose', on: { click: () => file.click() } }, 'Change picture');
    this.removeAvatar = h('button', {
      type: 'button', class: 'btn btn-small btn-danger-outline', testid: 'avatar-remove',
      on: { click: () => this.avatarChange(() => this.app.account.updateProfile({ avatar: null })) },
    }, 'Remove picture');
    file.addEventListener('change', () => {
      const f = file.files && file.files[0];
      file.value = '';
      if (f) this.avatarChange(() => this.app.account.uploadAvatar(f));
    });
    const name = field('Display name', { testid: 'profile-name', maxlength: '64', autocomplete: 'name' });
    this.nameInput = name.input;
    const form = pageForm('profile-form', [name.label], 'Save', async () => {
      await this.app.account.updateProfile({ displayName: this.nameInput.value });
      return 'Saved.';
    });
    return section('Profile', 'settings-profile',
      h('div', { class: 'profile-row' }, this.avatar,
        h('div', { class: 'profile-text' }, this.username, h('div', { class: 'profile-buttons' }, choose, this.removeAvatar, file))),
      this.avatarError, form.form);
  }

  async avatarChange(fn) {
    this.avatarError.hidden = true;
    try {
      await fn();
    } catch (e) {
      this.avatarError.textContent = accountError(e);
      this.avatarError.hidden = false;
    }
  }

  renderProfile(fillName) {
    const u = this.me();
    if (!u) return;
    paintAvatar(this.avatar, u.id, displayName(u));
    this.username.textContent = u.username ? `@${u.username}` : '';
    this.removeAvatar.hidden = !u.avatar;
    if (fillName || document.activeElement !== this.nameInput) this.nameInput.value = u.displayName || '';
  }

  // ---- password, data, delete ----

  buildPassword() {
    const old = field('Current password', { type: 'password', testid: 'password-old', autocomplete: 'current-password' });
    const next = field('New password', { type: 'password', testid: 'password-new', autocomplete: 'new-password', minlength: '8', maxlength: '256' });
    const again = field('New password again', { type: 'password', testid: 'password-again', autocomplete: 'new-password' });
    const form = pageForm('password-form', [old.label, next.label, again.label], 'Change password', async () => {
      await this.app.account.changePassword(old.input.value, next.input.value, again.input.value);
      for (const f of [old, next, again]) f.input.value = '';
      this.devices.load();
      return 'Password changed. Your other devices were logged out.';
    });
    return section('Password', 'settings-password', h('p', { class: 'muted' }, 'Changing it logs out your other devices.'), form.form);
  }

  buildData() {
    const error = h('p', { class: 'form-error', role: 'alert', testid: 'export-error', hidden: true });
    const button = h('button', {
      type: 'button', class: 'btn', testid: 'export-data',
      on: {
        click: async () => {
          error.hidden = true;
          button.disabled = true;
          try {
            const { blob, name } = await this.app.account.exportData();
            const url = URL.createObjectURL(blob);
            const a = h('a', { href: url, download: name, hidden: true, testid: 'export-link' });
            document.body.appendChild(a);
            a.click();
            a.remove();
            setTimeout(() => URL.revokeObjectURL(url), 60000);
            this.views.toast('Your data was downloaded.');
          } catch (e) {
            error.textContent = accountError(e);
            error.hidden = false;
          } finally {
            button.disabled = false;
          }
        },
      },
    }, 'Download my data');
    return section('Your data', 'settings-data',
      h('p', { class: 'muted' }, 'One JSON file: your profile, contacts, blocks, devices, chats and every message you sent.'),
      button, error);
  }

  buildDelete() {
    const button = h('button', {
      type: 'button', class: 'btn btn-danger', testid: 'delete-account',
      on: { click: () => this.confirmDelete() },
    }, 'Delete account…');
    return section('Delete account', 'settings-delete',
      h('p', { class: 'muted' }, 'Your messages are erased for everyone, you leave every group and your username cannot be used again. This cannot be undone.'),
      button);
  }

  confirmDelete() {
    const u = this.me();
    const username = (u && u.username) || '';
    return confirmDialog({
      title: 'Delete your account?',
      text: `Type your username (${username}) and your password to confirm.`,
      confirmLabel: 'Delete account',
      danger: true,
      testid: 'confirm-delete-account',
      fields: [
        { name: 'username', label: 'Username', testid: 'delete-confirm-username', mustEqual: username },
        { name: 'password', label: 'Password', type: 'password', testid: 'delete-confirm-password', autocomplete: 'current-password' },
      ],
      errorText: accountError,
      action: (v) => this.app.account.deleteAccount(v.password),
    });
  }
}
