// Search (PROTOCOL.md section 7) through the SDK against a real node: all chats and one, paging
// with `next`, and history `around` a result over HTTP and over the socket.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode } from '../test-support/node.js';
import { MessengerError } from '../src/index.js';

let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

test('search finds words in every chat, pages with next, and history around opens a result', async () => {
  const alice = await node.user('alice');
  const bob = await node.user('bob');
  const chat = (await alice.api.openDirect(bob.session.userId)).id;
  for (let i = 1; i <= 25; i += 1) {
    await alice.api.send(chat, `c-${i}`, i === 11 ? 'Meet at the Kiosk, café side' : `filler note ${i}`);
  }
  const group = (await bob.api.createGroup('Plans', [alice.session.userId])).id;
  const g = await bob.api.send(group, 'g-1', 'kiosks close at nine');

  const all = await bob.search('kiosk');
  assert.deepEqual(all.results.map((r) => [r.conversationId, r.seq]), [[group, g.seq], [chat, 11]],
    'newest first; the last word matches as a prefix');
  assert.equal(all.next, undefined);
  const hit = all.results[1];
  assert.equal(hit.senderId, alice.session.userId);
  assert.equal(hit.snippet, 'Meet at the Kiosk, café side');
  assert.deepEqual((await bob.search('cafe', { conversationId: chat })).results.map((r) => r.seq), [11],
    'diacritics are ignored');

  const seqs = [];
  let page = await alice.search('filler', { conversationId: chat, limit: 10 });
  for (;;) {
    seqs.push(...page.results.map((r) => r.seq));
    if (!page.next) break;
    page = await alice.search('filler', { conversationId: chat, limit: 10, before: page.next });
  }
  assert.equal(seqs.length, 24);
  assert.equal(new Set(seqs).size, 24);
  assert.ok(!seqs.includes(11));

  const overHttp = await bob.history(hit.conversationId, { around: hit.seq, limit: 8 });
  assert.ok(overHttp.messages.some((m) => m.seq === 11));
  assert.equal(overHttp.messages.length, 8);
  assert.equal(overHttp.hasMore, true, 'newer messages follow');
  await bob.connect();
  const overSocket = await bob.history(hit.conversationId, { around: hit.seq, limit: 8 });
  assert.deepEqual(overSocket.messages.map((m) => m.seq), overHttp.messages.map((m) => m.seq));
  assert.equal(overSocket.hasMore, true);

  await assert.rejects(bob.search('x', { before: 'not-a-cursor' }),
    (e) => e instanceof MessengerError && e.status === 400 && e.code === 'bad_request');
  await assert.rejects(bob.history(chat, { around: 5, before: 9 }),
    (e) => e instanceof MessengerError && e.code === 'bad_request');
});
