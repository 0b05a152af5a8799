// The operator's server API (AdminApi) and external sign-in with a JWT (MessengerClient
// loginWithJwt) against a real node (PROTOCOL.md section 8, docs/protocol.md Part II).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startNode } from '../test-support/node.js';
import { AdminApi, HttpApi, MessengerClient, MessengerError } from '../src/index.js';

const KEY = 'admin-key-for-the-sdk-tests-0123456789';
const JWT_SECRET = 'jwt-secret-for-the-sdk-tests-0123456789';

let node;
let admin;
before(async () => {
  node = await startNode([`--admin-api-keys=${KEY}`, `--auth-jwt-secret=${JWT_SECRET}`, '--auth-jwt-issuer=https://id.example']);
  admin = new AdminApi(node.url, KEY);
});
after(async () => { await node.stop(); });

/** An HS256 token signed with node:crypto's HMAC. */
function jwt(claims) {
  const part = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${head}.${createHmac('sha256', JWT_SECRET).update(head).digest('base64url')}`;
}

test('admin: users by external id, sessions, suspension, export, erasure', async () => {
  const user = await admin.createUser({ username: `adm_${process.pid}`, displayName: 'Made by ops', externalId: `ext-${process.pid}` });
  assert.equal(user.displayName, 'Made by ops');
  assert.equal((await admin.userByExternalId(`ext-${process.pid}`)).id, user.id);
  await assert.rejects(admin.userByExternalId('nobody'), (e) => e instanceof MessengerError && e.code === 'not_found');
  await assert.rejects(admin.createUser({ username: `adm_${process.pid}` }), (e) => e instanceof MessengerError && e.status === 409);

  const session = await admin.createSession(user.id, 'ops-made');
  assert.equal(session.userId, user.id);
  const api = new HttpApi(node.url, { token: session.token });
  assert.equal((await api.me()).id, user.id);
  assert.equal((await api.devices()).devices[0].name, 'ops-made');

  await admin.suspend(user.id);
  await assert.rejects(api.me(), (e) => e instanceof MessengerError && e.status === 403);
  await admin.unsuspend(user.id);
  assert.equal((await api.me()).id, user.id, 'the same token works again');

  const doc = await admin.exportUser(user.id);
  assert.equal(doc.user.id, user.id);
  await admin.deleteUser(user.id);
  await assert.rejects(api.me(), (e) => e instanceof MessengerError && e.status === 401);
});

test('admin: a group made for a user, a bot speaking in it, stats', async () => {
  const alice = await node.user('admg');
  const bot = await admin.createUser({ username: `bot_${process.pid}` });
  const group = await admin.createGroup('Announcements', alice.session.userId, [bot.id]);
  assert.equal(group.kind, 'group');
  assert.equal(group.members.find((m) => m.userId === alice.session.userId).role, 'admin');
  const m = await admin.sendAs(group.id, { senderId: bot.id, clientId: 'bot-1', body: 'Welcome!' });
  assert.equal((await admin.sendAs(group.id, { senderId: bot.id, clientId: 'bot-1', body: 'Welcome!' })).seq, m.seq, 'once per clientId');
  const page = await alice.api.messages(group.id);
  assert.deepEqual(page.messages.filter((x) => x.kind === 'text').map((x) => [x.senderId, x.body]), [[bot.id, 'Welcome!']]);
  const outsider = await node.user('admo');
  await assert.rejects(admin.sendAs(group.id, { senderId: outsider.session.userId, clientId: 'x', body: 'hi' }), (e) => e instanceof MessengerError && [403, 404].includes(e.status));

  const stats = await admin.stats();
  assert.ok(stats.users >= 3 && stats.conversations >= 1 && stats.messages >= 1, JSON.stringify(stats));
  assert.equal(typeof stats.connections, 'number');
});

test('admin: a wrong key and a user token are 401; an admin key is 401 on user routes', async () => {
  await assert.rejects(new AdminApi(node.url, 'x'.repeat(40)).stats(), (e) => e instanceof MessengerError && e.status === 401);
  const alice = await node.user('admu');
  await assert.rejects(new AdminApi(node.url, alice.api.token).stats(), (e) => e instanceof MessengerError && e.status === 401);
  await assert.rejects(new HttpApi(node.url, { token: KEY }).me(), (e) => e instanceof MessengerError && e.status === 401);
});

test('external sign-in: a JWT makes the account once; a bad signature is 401', async () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { iss: 'https://id.example', sub: `sub-${process.pid}`, preferred_username: `jwt_${process.pid}`, name: 'Jay Doe', exp: now + 300 };
  const first = new MessengerClient(node.url);
  const s1 = await first.loginWithJwt(jwt(claims), 'laptop');
  assert.equal(first.session, s1);
  const me = await first.api.me();
  assert.deepEqual([me.username, me.displayName], [`jwt_${process.pid}`, 'Jay Doe']);
  const second = new HttpApi(node.url);
  const s2 = await second.loginWithJwt(jwt(claims));
  assert.equal(s2.userId, s1.userId, 'the same (iss, sub) is the same user');
  assert.notEqual(s2.deviceId, s1.deviceId);
  const forged = `${jwt(claims).slice(0, -4)}AAAA`;
  await assert.rejects(new HttpApi(node.url).loginWithJwt(forged), (e) => e instanceof MessengerError && e.status === 401);
  await assert.rejects(new HttpApi(node.url).loginWithJwt(jwt({ ...claims, iss: 'https://other.example' })), (e) => e instanceof MessengerError && e.status === 401);
});
