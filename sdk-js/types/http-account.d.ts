/**
 * The endpoints about the caller's account and the people around it. Every method rejects with a
 * {@link import('./errors.js').MessengerError} (see {@link HttpBase}). Not used on its own:
 * {@link import('./http.js').HttpApi} adds conversations, messages, media and search.
 */
export class AccountHttp extends HttpBase {
    /**
     * @param {string} username
     * @param {string} password
     * @param {string} [displayName]
     * @returns {Promise<User>}
     */
    register(username: string, password: string, displayName?: string): Promise<User>;
    /**
     * Logs in as a new device and keeps its token for the next requests.
     * @param {string} username
     * @param {string} password
     * @param {string} [deviceName]
     * @returns {Promise<Session>}
     */
    login(username: string, password: string, deviceName?: string): Promise<Session>;
    /**
     * Signs in with a token of the operator's identity provider (PROTOCOL.md section 8, "External
     * sign-in"; the account is made on first use) as a new device, and keeps the device's token.
     * A server without a JWT setting, or a token it cannot verify, answers 401 `unauthorized`.
     * @param {string} jwt
     * @param {string} [deviceName]
     * @returns {Promise<Session>}
     */
    loginWithJwt(jwt: string, deviceName?: string): Promise<Session>;
    /** Ends this device's session; the token stops working. @returns {Promise<void>} */
    logout(): Promise<void>;
    /** @param {string} id @returns {Promise<User>} */
    user(id: string): Promise<User>;
    /** @param {string} username @returns {Promise<User>} */
    userByName(username: string): Promise<User>;
    /** The caller's own user object. @returns {Promise<User>} */
    me(): Promise<User>;
    /**
     * Changes the display name and/or the avatar; a field left out is unchanged. The avatar must
     * be an image the caller may read (404 otherwise, 400 for a non-image); a name over 64
     * characters is 400.
     * @param {ProfileChange} change
     * @returns {Promise<User>} the user as it is now
     */
    updateProfile(change: ProfileChange): Promise<User>;
    /**
     * Changes the password. A wrong `oldPassword` is 403 `forbidden` (this token stays valid); a
     * new one outside 8-256 characters is 400. The other devices' sockets are closed (4001).
     * @param {string} oldPassword
     * @param {string} newPassword
     * @returns {Promise<void>}
     */
    changePassword(oldPassword: string, newPassword: string): Promise<void>;
    /**
     * Erases the account for good (messages read as deleted, media and devices go). A wrong
     * password is 403 and changes nothing; an account without a password (external sign-in or
     * made by the operator) leaves it out. Resolves once every step is done; the token then no
     * longer works and is forgotten.
     * @param {string} [password]
     * @returns {Promise<void>}
     */
    deleteAccount(password?: string): Promise<void>;
    /** Everything stored about the caller, as one document. @returns {Promise<Export>} */
    exportData(): Promise<Export>;
    /** @param {string} userId @returns {Promise<void>} */
    addContact(userId: string): Promise<void>;
    /** @param {string} userId @returns {Promise<void>} */
    removeContact(userId: string): Promise<void>;
    /** @returns {Promise<{contacts: Array<User & {presence?: {status: string, lastSeen: number}}>}>} */
    contacts(): Promise<{
        contacts: Array<User & {
            presence?: {
                status: string;
                lastSeen: number;
            };
        }>;
    }>;
    /** @param {string[]} userIds @returns {Promise<{presence: Presence[]}>} */
    presence(userIds: string[]): Promise<{
        presence: Presence[];
    }>;
    /** Blocks a user (twice is fine; oneself is 400, an unknown user 404). @param {string} userId @returns {Promise<void>} */
    block(userId: string): Promise<void>;
    /** @param {string} userId @returns {Promise<void>} */
    unblock(userId: string): Promise<void>;
    /** The users the caller blocks. @returns {Promise<{blocks: User[]}>} */
    blocks(): Promise<{
        blocks: User[];
    }>;
    /** The caller's logged-in devices, oldest first. @returns {Promise<{devices: Device[]}>} */
    devices(): Promise<{
        devices: Device[];
    }>;
    /**
     * Logs one of the caller's devices out (its token stops working, its sockets close). The
     * current device may revoke itself, like {@link logout}; another user's device, or one already
     * logged out, is 404.
     * @param {string} deviceId
     * @returns {Promise<void>}
     */
    revokeDevice(deviceId: string): Promise<void>;
    /** The server's VAPID public key (base64url), for `pushManager.subscribe`. @returns {Promise<{key: string}>} */
    vapidPublicKey(): Promise<{
        key: string;
    }>;
    /**
     * Sends this device's pushes to `target` (replacing any earlier subscription). 400 when a field
     * is malformed, the target's service is not configured on the server, or a Web Push endpoint
     * is a private address.
     * @param {PushTarget} target
     * @returns {Promise<void>}
     */
    subscribePush(target: PushTarget): Promise<void>;
    /**
     * Web Push: `subscription` is a browser `PushSubscription` or its `toJSON()`.
     * @param {PushSubscription | {endpoint?: string, keys?: Record<string, string>}} subscription
     * @returns {Promise<void>}
     */
    subscribeWebPush(subscription: PushSubscription | {
        endpoint?: string;
        keys?: Record<string, string>;
    }): Promise<void>;
    /** FCM (Android): the app's registration token. @param {string} token @returns {Promise<void>} */
    subscribeFcm(token: string): Promise<void>;
    /**
     * APNs (iOS): the device token in hex.
     * @param {string} token
     * @param {'production' | 'sandbox'} [environment] default production
     * @returns {Promise<void>}
     */
    subscribeApns(token: string, environment?: "production" | "sandbox"): Promise<void>;
    /** Stops pushes to this device. @returns {Promise<void>} */
    unsubscribePush(): Promise<void>;
}
export type User = import("./types.js").User;
export type Session = import("./types.js").Session;
export type Presence = import("./types.js").Presence;
export type Device = import("./types.js").Device;
export type PushTarget = import("./types.js").PushTarget;
export type ProfileChange = import("./types.js").ProfileChange;
export type Export = import("./types.js").Export;
import { HttpBase } from './http-base.js';
