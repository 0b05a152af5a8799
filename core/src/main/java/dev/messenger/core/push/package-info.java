/**
 * Push notifications for offline users (PROTOCOL.md "Push" and section 9; DESIGN.md "The send
 * path", step 5): {@link dev.messenger.core.push.PushDispatcher} decides whom to push, coalesces
 * and retries off the send path; {@link dev.messenger.core.push.PushSender} is the port to the push
 * services (Web Push, FCM, APNs in the server); {@link dev.messenger.core.push.PushSubscriptions}
 * validates subscriptions, with {@link dev.messenger.core.push.EndpointGuard} refusing private
 * addresses; {@link dev.messenger.core.push.PushStats} counts the outcomes per push type.
 */
package dev.messenger.core.push;
