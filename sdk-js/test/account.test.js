// The account endpoints of the HTTP API against a real node: profile and avatar, password,
// blocks, devices, export and erasure (PROTOCOL.md sections 6 and 8).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startNode } from '../test-support/node.js';
import { HttpApi, MessengerError } from '../src/index.js';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let node;
before(async () => { node = await startNode(); });
after(async () => { await node.stop(); });

/** @returns {(e: unknown) => boolean} */
const refused = (status, code) => (e) => e instanceof MessengerError && e.status === status && e.code === code;

test('profile: me, display name, avatar set, seen by others, removed', async () => {
  const alice = await node.user('prof');
  const bob = await node.user('profb');
  const me = await alice.api.me();
  assert.equal(me.id, alice.session.userId);
  assert.equal(me.username, alice.username);

  const renamed = await alice.api.updateProfile({ displayName: 'Alice A.' });
  assert.equal(renamed.displayName, 'Alice A.');
  assert.equal((await bob.api.user(me.id)).displayName, 'Alice A.');
  await assert.rejects(alice.api.updateProfile({ displayName: 'x'.repeat(65) }), refused(400, 'bad_request'));

  const pic = await alice.api.uploadMedia(PNG, 'image/png');
  const withAvatar = await alice.api.updateProfile({ avatar: pic.id });
  assert.equal(withAvatar.avatar, pic.id);
  assert.equal(withAvatar.displayName, 'Alice A.', 'a field left out is unchanged');
  assert.deepEqual(Buffer.from(await (await bob.api.media(pic.id)).arrayBuffer()), PNG, 'an avatar is readable by everyone');

  const pdf = await alice.api.uploadMedia(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'), 'application/pdf');
  await assert.rejects(alice.api.updateProfile({ avatar: pdf.id }), refused(400, 'bad_request'));
  await assert.rejects(bob.api.updateProfile({ avatar: pdf.id }), refused(404, 'not_found'));

  const removed = await alice.api.updateProfile({ avatar: null });
  assert.equal(removed.avatar, undefined);
  await assert.rejects(bob.api.media(pic.id), (e) => e instanceof MessengerError && e.status === 404);
});

test('password: a wrong old one is 403 and changes nothing; the new one logs in', async () => {
  const alice = await node.user('pw');
  await assert.rejects(alice.api.changePassword('wrong-password', 'brand-new-secret'), refused(403, 'forbidden'));
  await assert.rejects(alice.api.changePassword('password-123', 'short'), refused(400, 'bad_request'));
  await alice.api.changePassword('password-123', 'brand-new-secret');
  assert.equal((await alice.api.me()).id, alice.session.userId, 'this token stays valid');
  const fresh = new HttpApi(node.url);
  await assert.rejects(fresh.login(alice.username, 'password-123'), refused(401, 'unauthorized'));
  const s = await fresh.login(alice.username, 'brand-new-secret');
  assert.equal(s.userId, alice.session.userId);
});

test('blocks: block, list, unblock', async () => {
  const alice = await node.user('blk');
  const bob = await node.user('blkb');
  assert.deepEqual((await alice.api.blocks()).blocks, []);
  await alice.api.block(bob.session.userId);
  await alice.api.block(bob.session.userId);
  const list = (await alice.api.blocks()).blocks;
  assert.deepEqual(list.map((u) => [u.id, u.username]), [[bob.session.userId, bob.username]]);
  await assert.rejects(bob.api.openDirect(alice.session.userId), refused(403, 'forbidden'));
  await assert.rejects(alice.api.block(alice.session.userId), refused(400, 'bad_request'));
  await alice.api.unblock(bob.session.userId);
  assert.deepEqual((await alice.api.blocks()).blocks, []);
  assert.equal((await bob.api.openDirect(alice.session.userId)).kind, 'direct');
});

test('devices: list, revoke another one, a revoked one is 404', async () => {
  const alice = await node.user('dev');
  const phone = new HttpApi(node.url);
  const ps = await phone.login(alice.username, 'password-123', 'phone');
  const list = (await alice.api.devices()).devices;
  assert.equal(list.length, 2);
  assert.deepEqual(list.map((d) => d.current), [true, false]);
  assert.equal(list.find((d) => d.id === ps.deviceId).name, 'phone');

  await alice.api.revokeDevice(ps.deviceId);
  await assert.rejects(phone.me(), refused(401, 'unauthorized'));
  await assert.rejects(alice.api.revokeDevice(ps.deviceId), refused(404, 'not_found'));
  const bob = await node.user('devb');
  await assert.rejects(bob.api.revokeDevice(alice.session.deviceId), refused(404, 'not_found'));
  assert.deepEqual((await alice.api.devices()).devices.map((d) => d.id), [alice.session.deviceId]);
});

test('export holds the user, contacts, blocks, devices, conversations and sent messages', async () => {
  const alice = await node.user('exp');
  const bob = await node.user('expb');
  const carol = await node.user('expc');
  await alice.api.addContact(bob.session.userId);
  await alice.api.block(carol.session.userId);
  const chat = await alice.api.openDirect(bob.session.userId);
  await alice.api.send(chat.id, 'e-1', 'mine to export');
  await bob.api.send(chat.id, 'e-2', 'not mine');
  const doc = await alice.api.exportData();
  assert.equal(doc.user.id, alice.session.userId);
  assert.deepEqual(doc.contacts.map((u) => u.id), [bob.session.userId]);
  assert.deepEqual(doc.blocks.map((u) => u.id), [carol.session.userId]);
  assert.deepEqual(doc.devices.map((d) => [d.id, d.revokedAt]), [[alice.session.deviceId, 0]]);
  assert.deepEqual(doc.conversations.map((c) => c.id), [chat.id]);
  assert.deepEqual(doc.messages.map((m) => m.body), ['mine to export']);
});

test('erasure: a wrong password changes nothing; then the account reads as deleted', async () => {
  const alice = await node.user('del');
  const bob = await node.user('delb');
  const chat = await alice.api.openDirect(bob.session.userId);
  const sent = await alice.api.send(chat.id, 'd-1', 'soon gone');
  await assert.rejects(alice.api.deleteAccount('wrong-password'), refused(403, 'forbidden'));
  assert.equal((await alice.api.me()).username, alice.username);

  const token = alice.api.token;
  await alice.api.deleteAccount('password-123');
  assert.equal(alice.api.token, null, 'the token is forgotten');
  await assert.rejects(new HttpApi(node.url, { token }).me(), (e) => e instanceof MessengerError && e.status === 401);
  const gone = await bob.api.user(alice.session.userId);
  assert.equal(gone.deleted, true);
  assert.equal(gone.username, null);
  await assert.rejects(bob.api.userByName(alice.username), refused(404, 'not_found'));
  const m = await bob.api.message(chat.id, sent.seq);
  assert.equal(m.deleted, true);
});

test('contacts and presence over HTTP: add, list with presence, remove; a block hides presence', async () => {
  const alice = await node.user('con');
  const bob = await node.user('conb');
  await bob.connect();
  await alice.api.addContact(bob.session.userId);
  const [hidden] = (await alice.api.contacts()).contacts;
  assert.equal(hidden.presence, undefined, 'visible only once bob has alice in his contacts (or a shared chat)');
  await bob.api.addContact(alice.session.userId);
  const [c] = (await alice.api.contacts()).contacts;
  assert.equal(c.id, bob.session.userId);
  assert.equal(c.presence.status, 'online');
  const p = (await alice.api.presence([bob.session.userId])).presence;
  assert.deepEqual(p.map((x) => [x.userId, x.status]), [[bob.session.userId, 'online']]);
  await bob.api.block(alice.session.userId);
  assert.deepEqual((await alice.api.presence([bob.session.userId])).presence, [], 'left out while blocked');
  await alice.api.removeContact(bob.session.userId);
  assert.deepEqual((await alice.api.contacts()).contacts, []);
  bob.close();
});
