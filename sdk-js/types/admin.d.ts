/**
 * @typedef {object} AdminStats
 * @property {number} users erased users left out
 * @property {number} conversations
 * @property {number} messages
 * @property {number} connections this node's open WebSockets
 */
/**
 * One method per admin endpoint. With no `admin-api-keys` on the server, or a wrong key, every
 * call rejects with a {@link import('./errors.js').MessengerError} of status 401; other failures
 * carry the server's code as in {@link import('./http.js').HttpApi}. Stateless; safe to share.
 */
export class AdminApi {
    /**
     * @param {string} baseUrl the node's address
     * @param {string} key one of the server's `admin-api-keys` (at least 32 characters)
     * @param {{fetch?: typeof fetch}} [options]
     */
    constructor(baseUrl: string, key: string, options?: {
        fetch?: typeof fetch;
    });
    /** @private */
    private http;
    /**
     * Creates a user (registration rules; without a password it signs in only through
     * {@link createSession} or an external sign-in). A taken username or `externalId` is 409.
     * @param {{username: string, displayName?: string, password?: string, externalId?: string}} user
     * @returns {Promise<User>}
     */
    createUser(user: {
        username: string;
        displayName?: string;
        password?: string;
        externalId?: string;
    }): Promise<User>;
    /** The user linked to the operator's own id (404 if none). @param {string} externalId @returns {Promise<User>} */
    userByExternalId(externalId: string): Promise<User>;
    /** Erases a user, as the user's own erasure does. @param {string} userId @returns {Promise<void>} */
    deleteUser(userId: string): Promise<void>;
    /** Everything stored about a user. @param {string} userId @returns {Promise<Export>} */
    exportUser(userId: string): Promise<Export>;
    /**
     * Logs a user in as a new device and returns its token (the operator's app signs its users in).
     * @param {string} userId
     * @param {string} [deviceName]
     * @returns {Promise<Session>}
     */
    createSession(userId: string, deviceName?: string): Promise<Session>;
    /** Suspends a user: its sockets close (4003), its tokens and logins get 403. @param {string} userId @returns {Promise<void>} */
    suspend(userId: string): Promise<void>;
    /** Lifts a suspension; the same tokens work again. @param {string} userId @returns {Promise<void>} */
    unsuspend(userId: string): Promise<void>;
    /**
     * Creates a group on behalf of `creatorId` (who must exist: 404), who becomes its admin.
     * @param {string} name
     * @param {string} creatorId
     * @param {string[]} [memberIds]
     * @returns {Promise<Summary>}
     */
    createGroup(name: string, creatorId: string, memberIds?: string[]): Promise<Summary>;
    /**
     * Sends as `senderId` (a bot or a system account), by the rules of `send` for that sender (a
     * non-member gets 404 or 403; a repeated `clientId` stores nothing new).
     * @param {string} conversationId
     * @param {{senderId: string, clientId: string, body: string, attachments?: string[], replyTo?: number, mentions?: string[]}} message
     * @returns {Promise<Message>}
     */
    sendAs(conversationId: string, message: {
        senderId: string;
        clientId: string;
        body: string;
        attachments?: string[];
        replyTo?: number;
        mentions?: string[];
    }): Promise<Message>;
    /** Counts of users, conversations, messages and this node's connections. @returns {Promise<AdminStats>} */
    stats(): Promise<AdminStats>;
}
export type User = import("./types.js").User;
export type Session = import("./types.js").Session;
export type Summary = import("./types.js").Summary;
export type Message = import("./types.js").Message;
export type Export = import("./types.js").Export;
export type AdminStats = {
    /**
     * erased users left out
     */
    users: number;
    conversations: number;
    messages: number;
    /**
     * this node's open WebSockets
     */
    connections: number;
};
