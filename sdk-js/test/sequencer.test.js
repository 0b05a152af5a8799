// The Sequencer with a fake history (no server): order, parking, gap fill, duplicates, seqs the
// store does not show, sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Sequencer } from '../src/index.js';

const msg = (seq, conversationId = 'c') => ({ conversationId, seq, senderId: 'u', clientId: null, ts: seq, kind: 'text', body: `m${seq}` });

function setup(stored, options = {}) {
  const delivered = [];
  const fetches = [];
  const seq = new Sequencer({
    autoTrack: options.autoTrack,
    fetchAfter: async (id, after, limit) => {
      fetches.push(after);
      const page = stored.filter((s) => s > after).slice(0, limit);
      return { messages: page.map((s) => msg(s, id)), hasMore: stored.filter((s) => s > after).length > limit };
    },
    deliver: (m) => delivered.push(m.seq),
  });
  return { seq, delivered, fetches };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

test('in order: handed on at once; a duplicate is dropped', async () => {
  const { seq, delivered, fetches } = setup([1, 2, 3]);
  seq.track('c', 3);
  seq.onLive(msg(4));
  seq.onLive(msg(4));
  seq.onLive(msg(2));
  seq.onLive(msg(5));
  assert.deepEqual(delivered, [4, 5]);
  assert.deepEqual(fetches, []);
});

test('a live message ahead of a gap is parked until the gap is filled from the store', async () => {
  const stored = Array.from({ length: 450 }, (_, i) => i + 1);
  const { seq, delivered, fetches } = setup(stored);
  seq.track('c', 10);
  seq.onLive(msg(451));
  await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(delivered, Array.from({ length: 441 }, (_, i) => i + 11));
  assert.deepEqual(fetches, [10, 210, 410], 'pages of 200');
});

test('seqs the store does not show (cleared, before joining) are skipped, not waited for', async () => {
  const { seq, delivered } = setup([5, 9]);
  seq.track('c', 2);
  seq.onLive(msg(10));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(delivered, [5, 9, 10]);
});

test('sync fills tracked conversations that are behind; untracked ones pass through unless autoTrack', async () => {
  const { seq, delivered, fetches } = setup([1, 2, 3], { autoTrack: false });
  seq.onLive(msg(7, 'other'));
  assert.deepEqual(delivered, [7], 'untracked: handed on as it came');
  seq.track('c', 1);
  await settle();
  seq.onSynced([{ id: 'c', lastSeq: 3 }, { id: 'other', lastSeq: 9 }]);
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(delivered, [7, 2, 3]);
  assert.ok(!fetches.includes(7), 'nothing fetched for an untracked conversation');
  seq.onSynced([{ id: 'other', lastSeq: 9 }]);
  assert.equal(seq.cursor('c'), undefined, 'a conversation no longer listed is untracked');
});
