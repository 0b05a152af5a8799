// The WebSocket through MessengerClient against a real node: ready, send and fan-out, receipts,
// typing, presence, sync.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, next, record, until } from '../test-support/node.js';

let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

test('a message reaches the other user and the sender\'s other device, in order; the sender gets sent', async () => {
  const alice = await node.user('alice');
  const bob = await node.user('bob');
  const alice2 = await node.device(alice);
  const ready = await alice.connect();
  assert.equal(ready.userId, alice.session.userId);
  assert.ok(ready.protocol >= 1);
  await bob.connect();
  await alice2.connect();
  const atBob = record(bob);
  const atAlice2 = record(alice2);
  const atAlice = record(alice);

  const first = await alice.sendTo(bob.session.userId, 'one');
  const sent = [first];
  for (const body of ['two', 'three', 'four']) sent.push(await alice.send(first.conversationId, body));
  assert.deepEqual(sent.map((s) => s.seq), [first.seq, first.seq + 1, first.seq + 2, first.seq + 3]);
  await until(() => atBob.length === 4 && atAlice2.length === 4, 'fan-out');
  assert.deepEqual(atBob.map((m) => m.body), ['one', 'two', 'three', 'four']);
  assert.deepEqual(atAlice2.map((m) => m.seq), sent.map((s) => s.seq));
  // The sending device hears its own messages once each, from its sent replies.
  assert.deepEqual(atAlice.map((m) => [m.seq, m.body]), sent.map((s, i) => [s.seq, ['one', 'two', 'three', 'four'][i]]));
});

test('receipts, typing and presence are typed events', async () => {
  const alice = await node.user('ra');
  const bob = await node.user('rb');
  await alice.connect();
  await bob.connect();
  const arrived = next(bob, 'message', (m) => m.body === 'read me');
  const s = await alice.sendTo(bob.session.userId, 'read me');
  await arrived;
  const receipt = next(alice, 'receipt', (r) => r.status === 'read');
  assert.ok(bob.ack(s.conversationId, s.seq, 'read'));
  const r = await receipt;
  assert.equal(r.userId, bob.session.userId);
  assert.equal(r.seq, s.seq);

  const typing = next(alice, 'typing');
  bob.typing(s.conversationId, 'start');
  assert.equal((await typing).state, 'start');

  const online = next(alice, 'presence', (p) => p.userId === bob.session.userId);
  alice.subscribePresence([bob.session.userId]);
  assert.equal((await online).status, 'online');
  const offline = next(alice, 'presence', (p) => p.userId === bob.session.userId && p.status === 'offline');
  bob.close();
  assert.ok((await offline).lastSeen > 0);
});

test('sync lists the conversations; a refused send rejects with the server code and keeps its text', async () => {
  const alice = await node.user('sa');
  const bob = await node.user('sb');
  const chat = await alice.api.openDirect(bob.session.userId);
  const synced = next(alice, 'synced');
  await alice.connect();
  assert.ok((await synced).conversations.some((c) => c.id === chat.id));

  const long = 'x'.repeat(1001);
  await assert.rejects(alice.send(chat.id, long), (e) => e.code === 'too_large');
  const [entry] = alice.outbox.list();
  assert.equal(entry.state, 'failed');
  assert.equal(entry.body, long);
  alice.discard(entry.clientId);
  assert.equal(alice.outbox.list().length, 0);
  await assert.rejects(alice.send('not-a-conversation', 'hi'), (e) => e.code === 'not_found');
});

test('history over the socket pages backwards', async () => {
  const alice = await node.user('ha');
  const bob = await node.user('hb');
  await alice.connect();
  const s = await alice.sendTo(bob.session.userId, 'm0');
  for (let i = 1; i < 12; i++) await alice.send(s.conversationId, `m${i}`);
  const newest = await alice.history(s.conversationId, { limit: 5 });
  assert.equal(newest.hasMore, true);
  assert.deepEqual(newest.messages.map((m) => m.body), ['m7', 'm8', 'm9', 'm10', 'm11']);
  const older = await alice.history(s.conversationId, { before: newest.messages[0].seq, limit: 5 });
  assert.deepEqual(older.messages.map((m) => m.body), ['m2', 'm3', 'm4', 'm5', 'm6']);
});
