export type User = {
    id: string;
    /**
     * null for a deleted user
     */
    username: string | null;
    displayName: string;
    /**
     * media id
     */
    avatar?: string | undefined;
    deleted?: boolean | undefined;
};
export type Session = {
    /**
     * bearer token of this device
     */
    token: string;
    userId: string;
    deviceId: string;
};
export type Media = {
    id: string;
    mime: string;
    /**
     * bytes
     */
    size: number;
    /**
     * lower-case hex
     */
    sha256: string;
    /**
     * the file name given at upload, null if none
     */
    name?: string | null | undefined;
};
export type Reaction = {
    emoji: string;
    count: number;
    userIds: string[];
};
export type SystemEvent = {
    action: "created" | "member_added" | "member_removed" | "member_left" | "renamed";
    userId?: string | undefined;
    by: string;
    name?: string | undefined;
};
/**
 * What an update entry changes (PROTOCOL.md section 4).
 */
export type Update = {
    action: "edited" | "deleted" | "reacted" | "unreacted" | "pinned" | "unpinned";
    /**
     * seq of the message changed
     */
    target: number;
    /**
     * with `edited`
     */
    body?: string | undefined;
    /**
     * with `reacted` and `unreacted`
     */
    emoji?: string | undefined;
};
/**
 * A message, system note or update entry, in its current state.
 */
export type Message = {
    conversationId: string;
    seq: number;
    senderId: string;
    clientId: string | null;
    /**
     * milliseconds since the epoch, the server's clock
     */
    ts: number;
    kind: "text" | "system" | "update";
    body: string;
    attachments?: Media[] | undefined;
    /**
     * on system messages
     */
    event?: SystemEvent | undefined;
    /**
     * on update entries
     */
    update?: Update | undefined;
    /**
     * seq of the message answered
     */
    replyTo?: number | undefined;
    /**
     * user ids
     */
    mentions?: string[] | undefined;
    forwarded?: boolean | undefined;
    editedAt?: number | undefined;
    deleted?: boolean | undefined;
    reactions?: Reaction[] | undefined;
    /**
     * seq of the newest update entry already applied (messages read from the server)
     */
    updateSeq?: number | undefined;
};
export type Member = {
    userId: string;
    role: "admin" | "member";
    deliveredSeq: number;
    readSeq: number;
};
/**
 * A conversation summary; the fields after `createdAt` are version 2's (absent from older servers).
 */
export type Summary = {
    id: string;
    kind: "direct" | "group";
    name?: string | undefined;
    lastSeq: number;
    lastMessage?: Message | undefined;
    members: Member[];
    createdAt: number;
    lastActivity?: number | undefined;
    pinned?: number[] | undefined;
    unreadCount?: number | undefined;
    mutedUntil?: number | undefined;
    archived?: boolean | undefined;
    clearedSeq?: number | undefined;
};
export type HistoryPage = {
    /**
     * ascending seq
     */
    messages: Message[];
    hasMore: boolean;
};
export type Presence = {
    userId: string;
    status: "online" | "offline";
    lastSeen: number;
};
export type Receipt = {
    conversationId: string;
    userId: string;
    status: "delivered" | "read";
    seq: number;
};
export type Typing = {
    conversationId: string;
    userId: string;
    state: "start" | "stop";
};
/**
 * The answer to a send: the message's seq and the server's time.
 */
export type Sent = {
    clientId: string;
    conversationId: string;
    seq: number;
    ts: number;
};
/**
 * The answer to edit, delete, react, unreact, pin and unpin: `seq` is the update entry's, or
 * null when nothing changed.
 */
export type Updated = {
    conversationId: string;
    target: number;
    seq: number | null;
};
export type ReadBy = {
    /**
     * user ids
     */
    delivered: string[];
    /**
     * user ids
     */
    read: string[];
};
/**
 * Options of a send besides the text.
 */
export type SendOptions = {
    /**
     * media ids (at most 10)
     */
    attachments?: string[] | undefined;
    /**
     * seq of the message answered
     */
    replyTo?: number | undefined;
    /**
     * user ids of current members
     */
    mentions?: string[] | undefined;
    /**
     * to resend something sent before (default: a new random id)
     */
    clientId?: string | undefined;
};
/**
 * A logged-in device of the caller (PROTOCOL.md section 8; `GET /devices`).
 */
export type Device = {
    id: string;
    /**
     * null when the login gave none
     */
    name?: string | null | undefined;
    /**
     * ms since the epoch
     */
    createdAt: number;
    /**
     * ms since the epoch, recorded at most once a minute
     */
    lastActiveAt?: number | undefined;
    /**
     * true for the device whose token asked
     */
    current?: boolean | undefined;
    /**
     * in an export: when it was logged out, 0 while logged in
     */
    revokedAt?: number | null | undefined;
    /**
     * its push subscription, when it has or had one
     */
    push?: DevicePush | undefined;
};
/**
 * A device's push subscription state (PROTOCOL.md section 9).
 */
export type DevicePush = {
    type: "webpush" | "fcm" | "apns";
    /**
     * false once a push service invalidated it
     */
    active?: boolean | undefined;
    /**
     * ms since the epoch
     */
    lastSuccessAt?: number | undefined;
    /**
     * why it was invalidated
     */
    lastError?: string | undefined;
};
/**
 * Where pushes for this device go (PROTOCOL.md section 2 "Push" and section 9): a Web Push
 * subscription (a browser's `PushSubscription.toJSON()` plus `type`), an FCM registration token,
 * or an APNs device token (hex; `environment` defaults to production).
 */
export type PushTarget = {
    type: "webpush";
    endpoint: string;
    keys: {
        p256dh: string;
        auth: string;
    };
} | {
    type: "fcm";
    token: string;
} | {
    type: "apns";
    token: string;
    environment?: "production" | "sandbox";
};
/**
 * A change of one's own profile: a field left out stays as it is (PROTOCOL.md section 8).
 */
export type ProfileChange = {
    /**
     * null (or empty) falls back to the username
     */
    displayName?: string | null | undefined;
    /**
     * a media id of an image one may read; null removes it
     */
    avatar?: string | null | undefined;
};
/**
 * Everything stored about one user (PROTOCOL.md section 8, `GET /users/me/export`).
 */
export type Export = {
    /**
     * ms since the epoch
     */
    exportedAt: number;
    user: User;
    contacts: User[];
    blocks: User[];
    /**
     * revoked ones included
     */
    devices: Device[];
    conversations: Summary[];
    /**
     * every text message and update entry the user sent, oldest first
     */
    messages: Message[];
};
