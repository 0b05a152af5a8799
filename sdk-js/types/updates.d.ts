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
export function applyUpdate(target: Message, entry: Message): Message;
/**
 * A conversation's pinned seqs (ascending) after one update entry.
 * @param {number[]} pinned
 * @param {Message} entry
 * @returns {number[]}
 */
export function applyPins(pinned: number[], entry: Message): number[];
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
export function allowedChanges(m: Message, me: string, now: number, rules?: {
    editWindowMs?: number;
    deleteWindowMs?: number;
    isAdmin?: boolean;
}): {
    edit: boolean;
    delete: boolean;
};
export type Message = import("./types.js").Message;
export type Reaction = import("./types.js").Reaction;
