// The HTTP API against a real node.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode } from '../test-support/node.js';
import { HttpApi, MessengerError } from '../src/index.js';

let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

test('register, login, look up users, open a direct chat, send and read history', async () => {
  const alice = await node.user('alice');
  const bob = await node.user('bob');
  const found = await alice.api.userByName(bob.username);
  assert.equal(found.id, bob.session.userId);
  assert.equal((await alice.api.user(bob.session.userId)).username, bob.username);

  const chat = await alice.api.openDirect(bob.session.userId);
  assert.equal(chat.kind, 'direct');
  assert.equal((await bob.api.openDirect(alice.session.userId)).id, chat.id, 'one direct chat per pair');

  const m1 = await alice.api.send(chat.id, 'c-1', 'hello over HTTP');
  const again = await alice.api.send(chat.id, 'c-1', 'hello over HTTP');
  assert.equal(again.seq, m1.seq, 'a repeated clientId stores nothing new');
  await bob.api.send(chat.id, 'c-2', 'hi back');

  const page = await bob.api.messages(chat.id, { after: m1.seq - 1 });
  assert.deepEqual(page.messages.map((m) => m.body), ['hello over HTTP', 'hi back']);
  assert.equal(page.hasMore, false);
  const list = await bob.api.conversations();
  assert.equal(list.conversations[0].id, chat.id);
  assert.equal(list.conversations[0].lastSeq, page.messages[1].seq);
});

test('groups: create, rename, add and remove members', async () => {
  const [a, b, c] = [await node.user('ga'), await node.user('gb'), await node.user('gc')];
  const g = await a.api.createGroup('Trip', [b.session.userId]);
  assert.equal(g.kind, 'group');
  assert.equal((await a.api.rename(g.id, 'Trip 2')).name, 'Trip 2');
  await a.api.addMember(g.id, c.session.userId);
  assert.equal((await c.api.conversation(g.id)).members.length, 3);
  await a.api.removeMember(g.id, c.session.userId);
  await assert.rejects(c.api.conversation(g.id), (e) => e instanceof MessengerError && e.status === 403);
});

test('errors carry the server code and status; 401 calls onUnauthorized', async () => {
  const anon = new HttpApi(node.url);
  await assert.rejects(anon.login('nobody_here', 'wrong-password'), (e) => {
    assert.ok(e instanceof MessengerError);
    assert.equal(e.status, 401);
    assert.equal(e.code, 'unauthorized');
    assert.equal(e.retryable, false);
    return true;
  });
  const alice = await node.user('errs');
  await assert.rejects(alice.api.request('POST', '/conversations', { kind: 'group' }),
    (e) => e.code === 'bad_request' && e.status === 400);
  await assert.rejects(alice.api.conversation('no-such-conversation'), (e) => e.code === 'not_found');

  let told = 0;
  const revoked = new HttpApi(node.url, { token: alice.session.token, onUnauthorized: () => { told += 1; } });
  await alice.api.logout();
  await assert.rejects(revoked.conversations(), (e) => e.status === 401);
  assert.equal(told, 1);

  const unreachable = new HttpApi('http://127.0.0.1:1');
  await assert.rejects(unreachable.user('x'), (e) => e.code === 'network' && e.retryable);
});

test('media: upload bytes, send them, read them back', async () => {
  const alice = await node.user('media');
  // A 1x1 PNG.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const media = await alice.api.uploadMedia(png, 'image/png');
  assert.equal(media.mime, 'image/png');
  assert.equal(media.size, png.length);
  const bytes = Buffer.from(await (await alice.api.media(media.id)).arrayBuffer());
  assert.deepEqual(bytes, png);
  const bob = await node.user('mediab');
  await assert.rejects(bob.api.media(media.id), (e) => e.code === 'not_found');
  assert.equal(media.name, null);
});

test('media: a file name is kept, progress is reported, a bad name is refused', async () => {
  const alice = await node.user('medianame');
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const seen = [];
  const media = await alice.api.uploadMedia(png, 'image/png', { name: 'été #1.png', onProgress: (sent, total) => seen.push([sent, total]) });
  assert.equal(media.name, 'été #1.png');
  assert.deepEqual(seen[seen.length - 1], [png.length, png.length]);
  await assert.rejects(alice.api.uploadMedia(png, 'image/png', { name: 'a/b.png' }), (e) => e.code === 'bad_request' && e.status === 400);
});
