// Reconnect, sync, gap fill and the outbox's idempotent resend, against a real node that is
// stopped and started again on the same port and data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode, next, record, until } from '../test-support/node.js';
import { MessengerClient } from '../src/index.js';

let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

const fast = { backoffFirstMs: 100, backoffMaxMs: 400, connectTimeoutMs: 2000 };

test('after a restart the client reconnects, sends its outbox once, and fills what it missed in order', async () => {
  const alice = await node.user('alice', fast);
  const bob = await node.user('bob', fast);
  await alice.connect();
  await bob.connect();
  const atAlice = record(alice);
  const atBob = record(bob);
  const first = await alice.sendTo(bob.session.userId, 'before');
  const chat = first.conversationId;
  await until(() => atBob.length === 1, 'first message at bob');

  await node.kill();
  await until(() => alice.connection.state !== 'online' && bob.connection.state !== 'online', 'both offline');
  // Written while the node is down: waits in the outbox.
  const queued = [alice.send(chat, 'queued 1'), alice.send(chat, 'queued 2')];
  assert.equal(alice.outbox.list().length, 2);
  await node.start();
  // Bob writes over HTTP before his socket is back: he must get it through the gap fill.
  const direct = new MessengerClient(node.url, { session: bob.session });
  const viaHttp = await direct.api.send(chat, 'http-while-away', 'written while away');

  const sent = await Promise.all(queued);
  assert.deepEqual(sent.map((s) => s.seq).sort(), sent.map((s) => s.seq));
  assert.equal(alice.outbox.list().length, 0);
  await until(() => atBob.length === 4, 'bob has everything');
  await until(() => atAlice.length === 4, 'alice has everything');
  const last = viaHttp.seq > sent[1].seq ? viaHttp.seq : sent[1].seq;
  for (const seen of [atAlice, atBob]) {
    const seqs = seen.map((m) => m.seq);
    assert.deepEqual(seqs, Array.from({ length: 4 }, (_, i) => last - 3 + i), 'in order, no holes, no duplicates');
  }
  assert.deepEqual(new Set(atBob.map((m) => m.body)), new Set(['before', 'queued 1', 'queued 2', 'written while away']));
  const page = await bob.history(chat, { after: 0 });
  assert.equal(page.messages.filter((m) => m.body.startsWith('queued')).length, 2, 'stored once each');
});

test('an outbox that survives a reload resends with the same clientId: stored once', async () => {
  const alice = await node.user('reload');
  const bob = await node.user('reloadb');
  const chat = await alice.api.openDirect(bob.session.userId);
  let saved = [];
  const storage = { load: () => saved, save: (entries) => { saved = JSON.parse(JSON.stringify(entries)); } };
  // The first page sends, and is closed before it hears "sent"... simulated: the server has it,
  // the outbox still holds it.
  await alice.api.send(chat.id, 'same-client-id', 'only once');
  saved = [{ clientId: 'same-client-id', conversationId: chat.id, body: 'only once', ts: Date.now(), state: 'sending', attempts: 1 }];
  const reloaded = new MessengerClient(node.url, { session: alice.session, outboxStorage: storage });
  const acknowledged = next(reloaded, 'sent');
  await reloaded.connect();
  const s = await acknowledged;
  assert.equal(s.clientId, 'same-client-id');
  await until(() => saved.length === 0, 'storage emptied');
  const page = await alice.api.messages(chat.id);
  assert.equal(page.messages.filter((m) => m.body === 'only once').length, 1);
  assert.equal(s.seq, page.messages.find((m) => m.body === 'only once').seq);
  reloaded.close();
});

test('track() fills from an older seq; a full outbox refuses at once', async () => {
  const alice = await node.user('track', { autoTrack: false });
  const bob = await node.user('trackb');
  const chat = await bob.api.openDirect(alice.session.userId);
  for (let i = 1; i <= 250; i++) await bob.api.send(chat.id, `t-${i}`, `m${i}`);
  await alice.connect();
  const seen = record(alice);
  alice.track(chat.id, 0);
  await until(() => seen.length >= 250, 'two pages of gap fill');
  assert.deepEqual(seen.map((m) => m.body).slice(-250), Array.from({ length: 250 }, (_, i) => `m${i + 1}`));
  const seqs = seen.map((m) => m.seq);
  assert.deepEqual(seqs, [...new Set(seqs)].sort((a, b) => a - b));

  const small = new MessengerClient(node.url, { session: alice.session, maxOutbox: 2 });
  small.send(chat.id, 'a').catch(() => {});
  small.send(chat.id, 'b').catch(() => {});
  await assert.rejects(small.send(chat.id, 'c'), (e) => e.code === 'outbox_full');
  assert.equal(small.outbox.list().length, 2);
  small.close();
});
