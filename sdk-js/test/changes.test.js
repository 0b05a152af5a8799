// Version 2 (PROTOCOL.md sections 4 and 5) through the SDK against a real node: edits,
// deletes, reactions and pins as update entries in seq order, replies, mentions, forwards,
// "read by", mute / archive / clear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, next, record, until } from '../test-support/node.js';
import { applyUpdate, applyPins } from '../src/index.js';

let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

test('edit, react, pin and delete reach the other device as update entries; folding them gives the server state', async () => {
  const alice = await node.user('alice');
  const bob = await node.user('bob');
  const ready = await alice.connect();
  assert.equal(ready.protocol, 2);
  await bob.connect();
  const atBob = record(bob);
  const atAlice = record(alice);
  const s = await alice.sendTo(bob.session.userId, 'first draft');
  const chat = s.conversationId;

  const edited = await alice.edit(chat, s.seq, 'final text');
  assert.equal(edited.target, s.seq);
  assert.equal(edited.seq, s.seq + 1);
  const reacted = await bob.react(chat, s.seq, '👍');
  assert.equal((await bob.react(chat, s.seq, '👍')).seq, null, 'reacting twice changes nothing');
  await alice.pin(chat, s.seq);
  await until(() => atBob.length === 4 && atAlice.length === 4, 'entries everywhere');

  // Every device applies the entries in seq order and gets the state the server holds.
  for (const seen of [atAlice, atBob]) {
    assert.deepEqual(seen.map((m) => m.seq), [s.seq, s.seq + 1, reacted.seq, reacted.seq + 1]);
    let m = seen[0];
    let pins = [];
    for (const e of seen.slice(1)) {
      m = applyUpdate(m, e);
      pins = applyPins(pins, e);
    }
    const server = await alice.api.message(chat, s.seq);
    assert.equal(m.body, server.body);
    assert.equal(m.editedAt, server.editedAt);
    assert.deepEqual(m.reactions, server.reactions);
    assert.deepEqual(pins, (await alice.api.conversation(chat)).pinned);
  }
  await bob.deleteMessage(chat, s.seq).then(() => assert.fail('only the sender deletes in a direct chat'), (e) => assert.equal(e.code, 'forbidden'));
  const arriving = next(bob, 'message', (m) => m.kind === 'update' && m.update.action === 'deleted');
  const deleted = await alice.deleteMessage(chat, s.seq);
  const entry = await arriving;
  assert.equal(entry.seq, deleted.seq);
  assert.equal(applyUpdate(atBob[0], entry).deleted, true);
});

test('replies, mentions and forwards; read by names who read', async () => {
  const [a, b, c] = [await node.user('ga'), await node.user('gb'), await node.user('gc')];
  const g = await a.api.createGroup('Team', [b.session.userId, c.session.userId]);
  await a.connect();
  await b.connect();
  const q = await a.send(g.id, 'question?');
  const r = await b.send(g.id, `@${a.username} answer`, { replyTo: q.seq, mentions: [a.session.userId] });
  const reply = await a.api.message(g.id, r.seq);
  assert.equal(reply.replyTo, q.seq);
  assert.deepEqual(reply.mentions, [a.session.userId]);

  const direct = await a.api.openDirect(c.session.userId);
  const fwd = await a.forward(direct.id, { conversationId: g.id, seq: r.seq });
  const copied = await a.api.message(direct.id, fwd.seq);
  assert.equal(copied.forwarded, true);
  assert.equal(copied.body, `@${a.username} answer`);

  b.ack(g.id, q.seq, 'read');
  let readBy;
  for (let i = 0; i < 100; i++) {
    readBy = await a.api.receipts(g.id, q.seq);
    if (readBy.read.length) break;
    await new Promise((res) => setTimeout(res, 50));
  }
  assert.deepEqual(readBy.read, [b.session.userId]);
  assert.ok(!readBy.read.includes(a.session.userId), 'the sender is not listed');
});

test('mute, archive and clear are the caller\'s own; its devices hear a conversation frame', async () => {
  const alice = await node.user('ma');
  const bob = await node.user('mb');
  const chat = await bob.api.openDirect(alice.session.userId);
  await bob.api.send(chat.id, 'u1', 'one');
  await bob.api.send(chat.id, 'u2', 'two');
  await alice.connect();
  const before = await alice.api.conversation(chat.id);
  assert.equal(before.unreadCount, 2);

  const heard = next(alice, 'conversation');
  const until8 = Date.now() + 8 * 3600 * 1000;
  const muted = await alice.api.conversationSettings(chat.id, { mutedUntil: until8, archived: true });
  assert.equal(muted.mutedUntil, until8);
  assert.equal(muted.archived, true);
  assert.equal((await heard).conversation.id, chat.id);
  assert.equal((await bob.api.conversation(chat.id)).archived, false, 'not for the other member');

  await alice.api.clear(chat.id, before.lastSeq);
  assert.deepEqual((await alice.history(chat.id)).messages, []);
  assert.equal((await bob.history(chat.id)).messages.length, 2);
  assert.equal((await alice.api.conversation(chat.id)).unreadCount, 0);
});
