// The protocol's objects as JSDoc types (PROTOCOL.md sections 2-5). No code: the
// declarations in types/ are generated from these.

/**
 * @typedef {object} User
 * @property {string} id
 * @property {string | null} username null for a deleted user
 * @property {string} displayName
 * @property {string} [avatar] media id
 * @property {boolean} [deleted]
 */

/**
 * @typedef {object} Session
 * @property {string} token bearer token of this device
 * @property {string} userId
 * @property {string} deviceId
 */

/**
 * @typedef {object} Media
 * @property {string} id
 * @property {string} mime
 * @property {number} size bytes
 * @property {string} sha256 lower-case hex
 * @property {string | null} [name] the file name given at upload, null if none
 */

/**
 * @typedef {object} Reaction
 * @property {string} emoji
 * @property {number} count
 * @property {string[]} userIds
 */

/**
 * @typedef {object} SystemEvent
 * @property {'created' | 'member_added' | 'member_removed' | 'member_left' | 'renamed'} action
 * @property {string} [userId]
 * @property {string} by
 * @property {string} [name]
 */

/**
 * What an update entry changes (PROTOCOL.md section 4).
 * @typedef {object} Update
 * @property {'edited' | 'deleted' | 'reacted' | 'unreacted' | 'pinned' | 'unpinned'} action
 * @property {number} target seq of the message changed
 * @property {string} [body] with `edited`
 * @property {string} [emoji] with `reacted` and `unreacted`
 */

/**
 * A message, system note or update entry, in its current state.
 * @typedef {object} Message
 * @property {string} conversationId
 * @property {number} seq
 * @property {string} senderId
 * @property {string | null} clientId
 * @property {number} ts milliseconds since the epoch, the server's clock
 * @property {'text' | 'system' | 'update'} kind
 * @property {string} body
 * @property {Media[]} [attachments]
 * @property {SystemEvent} [event] on system messages
 * @property {Update} [update] on update entries
 * @property {number} [replyTo] seq of the message answered
 * @property {string[]} [mentions] user ids
 * @property {boolean} [forwarded]
 * @property {number} [editedAt]
 * @property {boolean} [deleted]
 * @property {Reaction[]} [reactions]
 * @property {number} [updateSeq] seq of the newest update entry already applied (messages read from the server)
 */

/**
 * @typedef {object} Member
 * @property {string} userId
 * @property {'admin' | 'member'} role
 * @property {number} deliveredSeq
 * @property {number} readSeq
 */

/**
 * A conversation summary; the fields after `createdAt` are version 2's (absent from older servers).
 * @typedef {object} Summary
 * @property {string} id
 * @property {'direct' | 'group'} kind
 * @property {string} [name]
 * @property {number} lastSeq
 * @property {Message} [lastMessage]
 * @property {Member[]} members
 * @property {number} createdAt
 * @property {number} [lastActivity]
 * @property {number[]} [pinned]
 * @property {number} [unreadCount]
 * @property {number} [mutedUntil]
 * @property {boolean} [archived]
 * @property {number} [clearedSeq]
 */

/**
 * @typedef {object} HistoryPage
 * @property {Message[]} messages ascending seq
 * @property {boolean} hasMore
 */

/**
 * @typedef {object} Presence
 * @property {string} userId
 * @property {'online' | 'offline'} status
 * @property {number} lastSeen
 */

/**
 * @typedef {object} Receipt
 * @property {string} conversationId
 * @property {string} userId
 * @property {'delivered' | 'read'} status
 * @property {number} seq
 */

/**
 * @typedef {object} Typing
 * @property {string} conversationId
 * @property {string} userId
 * @property {'start' | 'stop'} state
 */

/**
 * The answer to a send: the message's seq and the server's time.
 * @typedef {object} Sent
 * @property {string} clientId
 * @property {string} conversationId
 * @property {number} seq
 * @property {number} ts
 */

/**
 * The answer to edit, delete, react, unreact, pin and unpin: `seq` is the update entry's, or
 * null when nothing changed.
 * @typedef {object} Updated
 * @property {string} conversationId
 * @property {number} target
 * @property {number | null} seq
 */

/**
 * @typedef {object} ReadBy
 * @property {string[]} delivered user ids
 * @property {string[]} read user ids
 */

/**
 * Options of a send besides the text.
 * @typedef {object} SendOptions
 * @property {string[]} [attachments] media ids (at most 10)
 * @property {number} [replyTo] seq of the message answered
 * @property {string[]} [mentions] user ids of current members
 * @property {string} [clientId] to resend something sent before (default: a new random id)
 */

/**
 * A logged-in device of the caller (PROTOCOL.md section 8; `GET /devices`).
 * @typedef {object} Device
 * @property {string} id
 * @property {string | null} [name] null when the login gave none
 * @property {number} createdAt ms since the epoch
 * @property {number} [lastActiveAt] ms since the epoch, recorded at most once a minute
 * @property {boolean} [current] true for the device whose token asked
 * @property {number | null} [revokedAt] in an export: when it was logged out, 0 while logged in
 * @property {DevicePush} [push] its push subscription, when it has or had one
 */

/**
 * A device's push subscription state (PROTOCOL.md section 9).
 * @typedef {object} DevicePush
 * @property {'webpush' | 'fcm' | 'apns'} type
 * @property {boolean} [active] false once a push service invalidated it
 * @property {number} [lastSuccessAt] ms since the epoch
 * @property {string} [lastError] why it was invalidated
 */

/**
 * Where pushes for this device go (PROTOCOL.md section 2 "Push" and section 9): a Web Push
 * subscription (a browser's `PushSubscription.toJSON()` plus `type`), an FCM registration token,
 * or an APNs device token (hex; `environment` defaults to production).
 * @typedef {{type: 'webpush', endpoint: string, keys: {p256dh: string, auth: string}}
 *   | {type: 'fcm', token: string}
 *   | {type: 'apns', token: string, environment?: 'production' | 'sandbox'}} PushTarget
 */

/**
 * A change of one's own profile: a field left out stays as it is (PROTOCOL.md section 8).
 * @typedef {object} ProfileChange
 * @property {string | null} [displayName] null (or empty) falls back to the username
 * @property {string | null} [avatar] a media id of an image one may read; null removes it
 */

/**
 * Everything stored about one user (PROTOCOL.md section 8, `GET /users/me/export`).
 * @typedef {object} Export
 * @property {number} exportedAt ms since the epoch
 * @property {User} user
 * @property {User[]} contacts
 * @property {User[]} blocks
 * @property {Device[]} devices revoked ones included
 * @property {Summary[]} conversations
 * @property {Message[]} messages every text message and update entry the user sent, oldest first
 */

export {};
