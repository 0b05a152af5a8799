// The account and the people around it: profile, devices, blocks, password, erasure and export
// (PROTOCOL.md sections 6 and 8), and contacts (section 2, "Contacts and presence"). Keeps the
// contacts and blocks of the session in the store ("contacts" and "blocks" events). Errors are
// thrown to the caller (a view), which shows them; never touches the DOM.

import { displayName } from './format.js';

export class Account {
  constructor(ctx) {
    this.ctx = ctx; // {store, client, people, actions, signedOut(notice), logout()}
  }

  get store() {
    return this.ctx.store;
  }

  get api() {
    return this.ctx.client.api;
  }

  /** Loads contacts and blocks once per session (best effort; the pages reload them). */
  start(client) {
    client.on('ready', () => {
      const ids = (this.store && this.store.contacts || []).map((u) => u.id);
      if (ids.length) this.ctx.people.subscribe(ids);
    });
    this.loadContacts().catch(() => {});
    this.loadBlocks().catch(() => {});
  }

  // ---- profile ----

  /** Changes the display name and/or the avatar (a media id, or null to remove it). */
  async updateProfile(change) {
    const body = {};
    if (change.displayName !== undefined) {
      const name = change.displayName.trim();
      if (Array.from(name).length > 64) throw new Error('Use at most 64 characters.');
      body.displayName = name || null;
    }
    if (change.avatar !== undefined) body.avatar = change.avatar;
    const user = await this.api.updateProfile(body);
    this.store.users.set(user.id, user);
    this.store.emit('me', user);
    this.store.emit('list', null);
    return user;
  }

  /** Uploads a picture (a File) and makes it the avatar. */
  async uploadAvatar(file) {
    if (!file) return null;
    if (!/^image\//.test(file.type || '')) throw new Error('Choose a picture (PNG, JPEG, GIF or WebP).');
    const media = await this.api.uploadMedia(file, file.type);
    return this.updateProfile({ avatar: media.id });
  }

  // ---- devices ----

  async devices() {
    const res = await this.api.devices();
    return (res.devices || []).slice().sort((a, b) => (b.current - a.current) || (b.lastActiveAt - a.lastActiveAt));
  }

  /** Logs a device out; this device logs itself out (back to the sign-in screen). */
  async revokeDevice(device) {
    if (device.current) {
      await this.ctx.logout();
      return;
    }
    await this.api.revokeDevice(device.id);
  }

  // ---- password, erasure, export ----

  async changePassword(oldPassword, newPassword, again) {
    if (!oldPassword) throw new Error('Enter your current password.');
    if (newPassword.length < 8) throw new Error('Use a new password of at least 8 characters.');
    if (newPassword.length > 256) throw new Error('Use at most 256 characters.');
    if (newPassword !== again) throw new Error('The two new passwords differ.');
    await this.api.changePassword(oldPassword, newPassword);
  }

  /** Erases the account (the server checks the password), then leaves for the sign-in screen. */
  async deleteAccount(password) {
    if (!password) throw new Error('Enter your password.');
    // The erasure closes this device's socket (4001) before the answer may come: same notice.
    this.ctx.leaving = 'Your account was deleted.';
    try {
      await this.api.deleteAccount(password);
    } catch (e) {
      this.ctx.leaving = null;
      throw e;
    }
    this.ctx.signedOut('Your account was deleted.');
  }

  /** The export document as a Blob and a file name. */
  async exportData() {
    const doc = await this.api.exportData();
    const u = this.ctx.session && this.ctx.session.username || 'me';
    const day = new Date().toISOString().slice(0, 10);
    return {
      blob: new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }),
      name: `messenger-export-${u}-${day}.json`,
    };
  }

  // ---- blocks ----

  async loadBlocks() {
    const store = this.store;
    const res = await this.api.blocks();
    if (store !== this.store) return [];
    store.blocks = res.blocks || [];
    for (const u of store.blocks) if (!store.users.has(u.id)) store.users.set(u.id, u);
    store.emit('blocks', store.blocks);
    return store.blocks;
  }

  isBlocked(userId) {
    return !!(this.store && (this.store.blocks || []).some((u) => u.id === userId));
  }

  async block(userId) {
    await this.api.block(userId);
    await this.loadBlocks();
  }

  async unblock(userId) {
    await this.api.unblock(userId);
    await this.loadBlocks();
  }

  // ---- contacts ----

  async loadContacts() {
    const store = this.store;
    const res = await this.api.contacts();
    if (store !== this.store) return [];
    store.contacts = res.contacts || [];
    const ids = [];
    for (const u of store.contacts) {
      store.users.set(u.id, { ...(store.users.get(u.id) || {}), ...u });
      if (u.presence) store.presence.set(u.id, { status: u.presence.status, lastSeen: u.presence.lastSeen });
      ids.push(u.id);
    }
    if (ids.length) this.ctx.people.subscribe(ids);
    store.emit('contacts', store.contacts);
    store.emit('list', null);
    return store.contacts;
  }

  /** Adds a contact by username; throws a sentence when there is no such user. */
  async addContact(username) {
    const name = String(username || '').trim().replace(/^@/, '');
    if (!name) throw new Error('Enter a username.');
    let user;
    try {
      user = await this.api.userByName(name);
    } catch (e) {
      if (e.status === 404 || e.status === 400) throw new Error(`No user named “${name}”.`);
      throw e;
    }
    if (user.id === this.store.me) throw new Error('That is you. Add someone else.');
    if ((this.store.contacts || []).some((u) => u.id === user.id)) throw new Error(`${displayName(user)} is already in your contacts.`);
    await this.api.addContact(user.id);
    await this.loadContacts();
    return user;
  }

  async removeContact(userId) {
    await this.api.removeContact(userId);
    this.ctx.client.unsubscribePresence([userId]);
    await this.loadContacts();
  }

  /**
   * People the user knows, for pickers: contacts and members of its conversations (not itself,
   * not erased users), each {id, name, username}, sorted by name.
   */
  known() {
    const store = this.store;
    if (!store) return [];
    const ids = new Set((store.contacts || []).map((u) => u.id));
    for (const c of store.convs.values()) for (const m of c.members) ids.add(m.userId);
    ids.delete(store.me);
    const out = [];
    for (const id of ids) {
      const u = store.users.get(id);
      if (!u) {
        this.ctx.people.ensure(id);
        continue;
      }
      if (u.deleted || !u.username) continue;
      out.push({ id, name: displayName(u), username: u.username });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }
}

/** A sentence for a refused account change: the server's own words for 400, 403 and 409. */
export function accountError(e) {
  if (e && [400, 403, 404, 409, 413].includes(e.status) && e.message) {
    const m = e.message;
    return m.charAt(0).toUpperCase() + m.slice(1) + (/[.!?]$/.test(m) ? '' : '.');
  }
  if (e && e.code === 'network') return 'Cannot reach the server. Check your connection.';
  if (e && e.status === 429) return 'Too many attempts. Wait a moment and try again.';
  return (e && e.message) || 'Something went wrong.';
}
