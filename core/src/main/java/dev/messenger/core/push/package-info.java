/**
 * Push notifications for offline users (PROTOCOL.md "Push"; DESIGN.md "The send path", step 5):
 * {@link dev.messenger.core.push.PushDispatcher} decides whom to push, coalesces and retries off
 * the send path; {@link dev.messenger.core.push.PushSender} is the port to the push services (Web
 * Push in the server); {@link dev.messenger.core.push.PushStats} counts the outcomes.
 */
package dev.messenger.core.push;
