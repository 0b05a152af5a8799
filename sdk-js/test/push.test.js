// Push subscriptions over the HTTP API against a real node with Web Push, FCM and APNs configured
// (PROTOCOL.md section 2 "Push" and section 9). The push services themselves are never reached:
// no message is sent while a subscription exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createECDH, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNode } from '../test-support/node.js';
import { MessengerError } from '../src/index.js';

let node;
let plain;
before(async () => {
  node = await startNode((dir) => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const fcm = join(dir, 'fcm.json');
    writeFileSync(fcm, JSON.stringify({ type: 'service_account', project_id: 'sdk-test', client_email: 'push@sdk-test.iam.gserviceaccount.com', private_key: rsa.privateKey, token_uri: 'http://127.0.0.1:9/token' }));
    const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1', privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const p8 = join(dir, 'apns.p8');
    writeFileSync(p8, ec.privateKey);
    return ['--push-allow-http=true', '--push-allow-private=true', `--fcm-credentials-file=${fcm}`, `--apns-key-file=${p8}`,
      '--apns-key-id=ABC123DEFG', '--apns-team-id=TEAM123456', '--apns-topic=dev.messenger.test', '--apns-endpoint=http://127.0.0.1:9'];
  });
  plain = await startNode();
});
after(async () => {
  await node.stop();
  await plain.stop();
});

/** A Web Push subscription as a browser's `PushSubscription.toJSON()` gives it. */
function browserSubscription() {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  return {
    endpoint: 'http://127.0.0.1:9/push/abc',
    expirationTime: null,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
  };
}

/** The push state of the asking device, as `GET /devices` reports it. */
async function pushOf(client) {
  return (await client.api.devices()).devices.find((d) => d.current).push;
}

test('Web Push: the VAPID key, a browser subscription, unsubscribe', async () => {
  const alice = await node.user('wp');
  const { key } = await alice.api.vapidPublicKey();
  assert.equal(Buffer.from(key, 'base64url').length, 65, 'an uncompressed P-256 point');
  assert.equal(await pushOf(alice), undefined);
  const sub = browserSubscription();
  await alice.api.subscribeWebPush({ toJSON: () => sub });
  assert.deepEqual(await pushOf(alice), { type: 'webpush', active: true });
  await alice.api.unsubscribePush();
  assert.equal(await pushOf(alice), undefined);
  await alice.api.subscribeWebPush(sub);
  assert.equal((await pushOf(alice)).type, 'webpush');
  await assert.rejects(alice.api.subscribeWebPush({ endpoint: sub.endpoint, keys: { p256dh: 'AAAA', auth: sub.keys.auth } }),
    (e) => e instanceof MessengerError && e.code === 'bad_request');
});

test('FCM and APNs tokens replace the subscription; a bad token is 400', async () => {
  const alice = await node.user('phone');
  await alice.api.subscribeFcm('fcm-token:abc_123');
  assert.deepEqual(await pushOf(alice), { type: 'fcm', active: true });
  await alice.api.subscribeApns('ab'.repeat(32), 'sandbox');
  assert.deepEqual(await pushOf(alice), { type: 'apns', active: true });
  await alice.api.subscribePush({ type: 'apns', token: 'cd'.repeat(32) });
  assert.equal((await pushOf(alice)).type, 'apns');
  await assert.rejects(alice.api.subscribeApns('not-hex'), (e) => e instanceof MessengerError && e.status === 400);
  await assert.rejects(alice.api.subscribeFcm('bad token with spaces'), (e) => e instanceof MessengerError && e.status === 400);
  await alice.api.unsubscribePush();
  assert.equal(await pushOf(alice), undefined);
});

test('a server without FCM or APNs refuses those subscriptions with 400', async () => {
  const bob = await plain.user('nophone');
  await assert.rejects(bob.api.subscribeFcm('fcm-token'), (e) => e instanceof MessengerError && e.code === 'bad_request' && /not configured/.test(e.message));
  await assert.rejects(bob.api.subscribeApns('ab'.repeat(32)), (e) => e instanceof MessengerError && e.code === 'bad_request');
  await assert.rejects(bob.api.subscribeWebPush(browserSubscription()), (e) => e instanceof MessengerError && e.code === 'bad_request',
    'a plain-http, loopback endpoint is refused by default');
});
