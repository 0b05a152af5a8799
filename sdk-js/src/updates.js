// Applying update entries (PROTOCOL.md section 4 "Messages that change") to messages held by
// the application: edits, deletes, reactions and pins.

/** @typedef {import('./types.js').Message} Message */
/** @typedef {import('./types.js').Reaction} Reaction */

/**
 * The target's state after one update entry, as a new object (the inputs are not changed).
 * Apply a conversation's entries in seq order to the messages they target and every device ends
 * with the state the server holds. A message read from the server already has every entry up to
 * its `updateSeq` applied: those are skipped. `pinned`/`unpinned` do not change the message (see
 * {@link applyPins}). An entry for another target, or that is not an update, returns `target`.
 *
 * @param {Message} target
 * @param {Message} entry a message of kind `update`
 * @returns {Message}
 */
export function applyUpdate(target, entry) {
  const u = entry.update;
  if (entry.kind !== 'update' || !u || u.target !== target.seq) return target;
  if (target.updateSeq != null && entry.seq <= target.updateSeq) return target;
  const base = { ...target, updateSeq: entry.seq };
  if (target.deleted) return base;
  switch (u.action) {
    case 'edited':
      return { ...base, body: u.body ?? target.body, editedAt: entry.ts };
    case 'deleted': {
      const { attachments, mentions, reactions, ...rest } = base;
      return { ...rest, body: '', deleted: true };
    }
    case 'reacted':
    case 'unreacted':
      return { ...base, reactions: react(target.reactions || [], /** @type {string} */ (u.emoji), entry.senderId, u.action === 'reacted') };
    default:
      return base;
  }
}

/**
 * @param {Reaction[]} reactions
 * @param {string} emoji
 * @param {string} userId
 * @param {boolean} add
 * @returns {Reaction[] | undefined}
 */
function react(reactions, emoji, userId, add) {
  const out = reactions.map((r) => ({ ...r, userIds: [...r.userIds] }));
  let r = out.find((x) => x.emoji === emoji);
  if (add) {
    if (!r) {
      r = { emoji, count: 0, userIds: [] };
      out.push(r);
    }
    if (!r.userIds.includes(userId)) r.userIds.push(userId);
  } else if (r) {
    r.userIds = r.userIds.filter((id) => id !== userId);
  }
  for (const x of out) x.count = x.userIds.length;
  const kept = out.filter((x) => x.count > 0);
  return kept.length ? kept : undefined;
}

/**
 * A conversation's pinned seqs (ascending) after one update entry.
 * @param {number[]} pinned
 * @param {Message} entry
 * @returns {number[]}
 */
export function applyPins(pinned, entry) {
  const u = entry.update;
  if (entry.kind !== 'update' || !u) return pinned;
  if (u.action === 'pinned' && !pinned.includes(u.target)) return [...pinned, u.target].sort((a, b) => a - b);
  if (u.action === 'unpinned') return pinned.filter((s) => s !== u.target);
  return pinned;
}

/**
 * Whether a message of the caller may still be edited or deleted by it, given the windows
 * (default 48 h each, PROTOCOL.md section 4 "Rules"). Group admins may delete any message at any
 * time: pass `isAdmin`.
 *
 * @param {Message} m
 * @param {string} me the caller's user id
 * @param {number} now the server's time (ms)
 * @param {{editWindowMs?: number, deleteWindowMs?: number, isAdmin?: boolean}} [rules]
 * @returns {{edit: boolean, delete: boolean}}
 */
export function allowedChanges(m, me, now, rules = {}) {
  const editWindow = rules.editWindowMs ?? 48 * 3600 * 1000;
  const deleteWindow = rules.deleteWindowMs ?? 48 * 3600 * 1000;
  const changeable = m.kind === 'text' && !m.deleted;
  const own = m.senderId === me;
  return {
    edit: changeable && own && now - m.ts <= editWindow && !(m.forwarded && !m.body),
    delete: changeable && ((own && now - m.ts <= deleteWindow) || !!rules.isAdmin),
  };
}
