// Update entries folded into messages (pure functions; no server needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyUpdate, applyPins, allowedChanges } from '../src/index.js';

const base = { conversationId: 'c', seq: 3, senderId: 'a', clientId: 'x', ts: 1000, kind: 'text', body: 'hello' };
const entry = (seq, senderId, update, ts = 2000) => ({ conversationId: 'c', seq, senderId, clientId: null, ts, kind: 'update', body: '', update });

test('edits replace the body and set editedAt; entries for other targets change nothing', () => {
  const edited = applyUpdate(base, entry(4, 'a', { action: 'edited', target: 3, body: 'hello!' }, 5000));
  assert.equal(edited.body, 'hello!');
  assert.equal(edited.editedAt, 5000);
  assert.equal(base.body, 'hello', 'the input is not changed');
  assert.equal(applyUpdate(base, entry(4, 'a', { action: 'edited', target: 9, body: 'no' })), base);
});

test('reactions keep the order first used, count users, and vanish at zero', () => {
  let m = base;
  m = applyUpdate(m, entry(4, 'a', { action: 'reacted', target: 3, emoji: '👍' }));
  m = applyUpdate(m, entry(5, 'b', { action: 'reacted', target: 3, emoji: '❤️' }));
  m = applyUpdate(m, entry(6, 'b', { action: 'reacted', target: 3, emoji: '👍' }));
  m = applyUpdate(m, entry(7, 'b', { action: 'reacted', target: 3, emoji: '👍' }));
  assert.deepEqual(m.reactions, [{ emoji: '👍', count: 2, userIds: ['a', 'b'] }, { emoji: '❤️', count: 1, userIds: ['b'] }]);
  m = applyUpdate(m, entry(8, 'b', { action: 'unreacted', target: 3, emoji: '❤️' }));
  assert.deepEqual(m.reactions, [{ emoji: '👍', count: 2, userIds: ['a', 'b'] }]);
  m = applyUpdate(m, entry(9, 'a', { action: 'unreacted', target: 3, emoji: '👍' }));
  m = applyUpdate(m, entry(10, 'b', { action: 'unreacted', target: 3, emoji: '👍' }));
  assert.equal(m.reactions, undefined);
});

test('a delete empties the message for good', () => {
  let m = { ...base, attachments: [{ id: 'm', mime: 'image/png', size: 1, sha256: 'x' }], mentions: ['b'] };
  m = applyUpdate(m, entry(4, 'a', { action: 'deleted', target: 3 }));
  assert.equal(m.deleted, true);
  assert.equal(m.body, '');
  assert.equal(m.attachments, undefined);
  assert.equal(m.mentions, undefined);
  assert.equal(applyUpdate(m, entry(5, 'a', { action: 'edited', target: 3, body: 'back' })).body, '');
});

test('entries at or below updateSeq are already in a message read from the server', () => {
  const fromServer = { ...base, body: 'v2', editedAt: 3000, updateSeq: 6, reactions: [{ emoji: '👍', count: 1, userIds: ['b'] }] };
  assert.equal(applyUpdate(fromServer, entry(5, 'b', { action: 'reacted', target: 3, emoji: '👍' })), fromServer);
  assert.equal(applyUpdate(fromServer, entry(6, 'a', { action: 'edited', target: 3, body: 'v2' })), fromServer);
  const later = applyUpdate(fromServer, entry(7, 'b', { action: 'unreacted', target: 3, emoji: '👍' }));
  assert.equal(later.reactions, undefined);
  assert.equal(later.updateSeq, 7);
});

test('pins stay sorted and unique', () => {
  let p = [];
  p = applyPins(p, entry(4, 'a', { action: 'pinned', target: 7 }));
  p = applyPins(p, entry(5, 'a', { action: 'pinned', target: 3 }));
  p = applyPins(p, entry(6, 'a', { action: 'pinned', target: 7 }));
  assert.deepEqual(p, [3, 7]);
  assert.deepEqual(applyPins(p, entry(7, 'a', { action: 'unpinned', target: 3 })), [7]);
});

test('edit and delete windows: own messages for 48 h; admins delete any', () => {
  const h = 3600 * 1000;
  assert.deepEqual(allowedChanges(base, 'a', base.ts + 47 * h), { edit: true, delete: true });
  assert.deepEqual(allowedChanges(base, 'a', base.ts + 49 * h), { edit: false, delete: false });
  assert.deepEqual(allowedChanges(base, 'b', base.ts + h), { edit: false, delete: false });
  assert.deepEqual(allowedChanges(base, 'b', base.ts + 49 * h, { isAdmin: true }), { edit: false, delete: true });
  assert.deepEqual(allowedChanges({ ...base, kind: 'system' }, 'a', base.ts), { edit: false, delete: false });
});
