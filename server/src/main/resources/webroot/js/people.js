// Users and presence: names for ids (fetched once each), presence subscriptions.

import { displayName } from './format.js';

export class People {
  constructor(ctx) {
    this.ctx = ctx; // {store, client}
    this.fetches = new Map();
  }

  get store() {
    return this.ctx.store;
  }

  user(id) {
    return this.store && this.store.users.get(id);
  }

  /** A display name, "You" for oneself, "…" while it loads. */
  name(id) {
    if (this.store && id === this.store.me) return 'You';
    const u = this.user(id);
    if (!u) this.ensure(id);
    return u ? displayName(u) : '…';
  }

  firstName(id) {
    const n = this.name(id);
    return n.split(/\s+/)[0] || n;
  }

  /** "You", "you" or a name in a sentence. */
  who(id, start) {
    if (this.store && id === this.store.me) return start ? 'You' : 'you';
    return this.name(id);
  }

  ensure(id) {
    const store = this.store;
    if (!id || !store) return Promise.resolve(null);
    const known = store.users.get(id);
    if (known) return Promise.resolve(known);
    if (this.fetches.has(id)) return this.fetches.get(id);
    const p = this.ctx.client.api.user(id).then((u) => {
      store.users.set(id, u);
      this.fetches.delete(id);
      if (store === this.store) store.emit('list', null);
      return u;
    }, () => {
      this.fetches.delete(id);
      return null;
    });
    this.fetches.set(id, p);
    return p;
  }

  ensureSenders(list) {
    for (const m of list) {
      if (m.senderId) this.ensure(m.senderId);
      if (m.event && m.event.userId) this.ensure(m.event.userId);
      if (m.event && m.event.by) this.ensure(m.event.by);
    }
  }

  peerIds() {
    const ids = new Set();
    for (const c of this.store.convs.values()) {
      const p = this.store.peerId(c);
      if (p) ids.add(p);
    }
    return Array.from(ids);
  }

  async loadPresence(ids) {
    if (!ids.length) return;
    const store = this.store;
    try {
      const res = await this.ctx.client.api.presence(ids);
      for (const p of res.presence || []) store.presence.set(p.userId, { status: p.status, lastSeen: p.lastSeen });
      store.emit('list', null);
    } catch (e) {
      // presence is best effort
    }
  }

  subscribe(ids) {
    this.ctx.client.subscribePresence(ids);
  }

  onPresence(f) {
    this.store.presence.set(f.userId, { status: f.status, lastSeen: f.lastSeen });
    this.store.emit('list', null);
  }

  /** Looks up usernames; throws naming the ones that do not exist. Returns ids (not one's own). */
  async resolveUsernames(names) {
    const missing = [];
    const ids = [];
    for (const n of names) {
      try {
        const u = await this.ctx.client.api.userByName(n);
        this.store.users.set(u.id, u);
        if (u.id !== this.store.me && !ids.includes(u.id)) ids.push(u.id);
      } catch (e) {
        if (e.status === 404 || e.status === 400) missing.push(n);
        else throw e;
      }
    }
    if (missing.length) throw new Error(`No user named ${missing.map((n) => `“${n}”`).join(', ')}.`);
    return ids;
  }
}
