// What the user does besides reading: send, start chats, manage groups, and change messages
// and conversations (PROTOCOL.md version 2 sections 4 and 5). Errors are thrown to the caller
// (a view), which shows them.

export const MAX_MESSAGE_CHARS = 1000;

export class Actions {
  constructor(ctx) {
    this.ctx = ctx; // {store, client, people, chats, acks, openConversation(id)}
  }

  get store() {
    return this.ctx.store;
  }

  get client() {
    return this.ctx.client;
  }

  /**
   * Sends the composer's text (with a reply and mentions). Returns false and sends nothing
   * when it is blank or over the limit (the text stays in the composer).
   */
  send(text, { replyTo, mentions } = {}) {
    const c = this.store.active();
    const body = text.replace(/\s+$/u, '');
    if (!c || !body.trim() || Array.from(body).length > MAX_MESSAGE_CHARS) return false;
    this.ctx.acks.stopTyping();
    const options = {};
    if (replyTo) options.replyTo = replyTo;
    const ids = (mentions || []).filter((id) => c.member(id) && id !== this.store.me);
    if (ids.length) options.mentions = Array.from(new Set(ids));
    this.client.send(c.id, body, options).catch(() => {
      // a refused send stays in the outbox as "failed", with Retry and Delete
    });
    return true;
  }

  retry(clientId) {
    this.client.retry(clientId);
  }

  discard(clientId) {
    this.client.discard(clientId);
  }

  edit(c, seq, body) {
    const text = body.replace(/\s+$/u, '');
    if (!text.trim()) throw new Error('The message cannot be empty.');
    if (Array.from(text).length > MAX_MESSAGE_CHARS) throw new Error(`At most ${MAX_MESSAGE_CHARS} characters.`);
    return this.client.edit(c.id, seq, text);
  }

  deleteForEveryone(c, seq) {
    return this.client.deleteMessage(c.id, seq);
  }

  /** Adds the reaction, or takes it back when it is already ours. */
  toggleReaction(c, seq, emoji) {
    const m = c.bySeq.get(seq);
    const mine = m && (m.reactions || []).some((r) => r.emoji === emoji && r.userIds.includes(this.store.me));
    return mine ? this.client.unreact(c.id, seq, emoji) : this.client.react(c.id, seq, emoji);
  }

  togglePin(c, seq) {
    return c.pinned.includes(seq) ? this.client.unpin(c.id, seq) : this.client.pin(c.id, seq);
  }

  forward(fromConv, seq, toConversationId) {
    return this.client.forward(toConversationId, { conversationId: fromConv.id, seq });
  }

  /** "Read by" and "delivered to" of one message, as user ids. */
  receipts(c, seq) {
    return this.client.api.receipts(c.id, seq);
  }

  async mute(c, until) {
    const s = await this.client.api.conversationSettings(c.id, { mutedUntil: until });
    this.applySummary(s);
  }

  async archive(c, archived) {
    const s = await this.client.api.conversationSettings(c.id, { archived });
    this.applySummary(s);
  }

  /** "Clear chat for me": hides everything up to the newest message, for this user only. */
  async clear(c) {
    if (!c.lastSeq) return;
    await this.client.api.clear(c.id, c.lastSeq);
    c.floorSeq = Math.max(c.floorSeq, c.lastSeq);
    c.clearedSeq = c.lastSeq;
    c.msgs = [];
    c.bySeq = new Map();
    c.hasMoreBefore = false;
    c.unreadCount = c.unreadCount == null ? null : 0;
    this.store.emit('messages', { conversationId: c.id, reset: true });
    this.store.emit('list', null);
  }

  applySummary(s) {
    if (!s || !s.id) return;
    const c = this.store.upsertSummary(s);
    this.store.emit('list', null);
    this.store.emit('conv', c.id);
  }

  // ---- starting and managing chats ----

  async startDirect(username) {
    const name = username.trim().replace(/^@/, '');
    if (!name) throw new Error('Enter a username.');
    let user;
    try {
      user = await this.client.api.userByName(name);
    } catch (e) {
      if (e.status === 404 || e.status === 400) throw new Error(`No user named “${name}”.`);
      throw e;
    }
    if (user.id === this.store.me) throw new Error('That is you. Pick someone else.');
    this.store.users.set(user.id, user);
    const s = await this.client.api.openDirect(user.id);
    const c = this.store.upsertSummary(s);
    this.ctx.people.subscribe([user.id]);
    this.ctx.people.loadPresence([user.id]);
    this.store.emit('list', null);
    this.ctx.openConversation(c.id);
  }

  /** Creates a group with the picked user ids plus typed usernames (looked up here). */
  async createGroup(name, usernames, pickedIds = []) {
    const groupName = name.trim();
    if (!groupName) throw new Error('Give the group a name.');
    const ids = Array.from(new Set([...pickedIds, ...await this.ctx.people.resolveUsernames(usernames)]));
    const s = await this.client.api.createGroup(groupName, ids);
    const c = this.store.upsertSummary(s);
    this.store.emit('list', null);
    this.ctx.openConversation(c.id);
  }

  async renameGroup(c, name) {
    const s = await this.client.api.rename(c.id, name.trim());
    this.applySummary(s);
  }

  async addMember(c, username) {
    const [id] = await this.ctx.people.resolveUsernames([username.trim().replace(/^@/, '')]);
    if (!id) throw new Error('You are already in this group.');
    await this.client.api.addMember(c.id, id);
    await this.ctx.chats.fetchConversation(c.id);
  }

  /** Adds picked user ids and typed usernames; those already in the group are skipped. */
  async addMembers(c, ids, usernames) {
    const all = Array.from(new Set([...ids, ...await this.ctx.people.resolveUsernames(usernames)]))
      .filter((id) => !c.member(id));
    if (!all.length) throw new Error(ids.length || usernames.length ? 'They are already in this group.' : 'Pick someone to add.');
    for (const id of all) await this.client.api.addMember(c.id, id);
    await this.ctx.chats.fetchConversation(c.id);
  }

  async removeMember(c, userId) {
    await this.client.api.removeMember(c.id, userId);
    await this.ctx.chats.fetchConversation(c.id);
  }

  async leaveGroup(c) {
    await this.client.api.removeMember(c.id, this.store.me);
    this.ctx.chats.dropConversation(c.id);
  }

  isAdmin(c) {
    const me = c && this.store.myMember(c);
    return !!me && me.role === 'admin';
  }
}
