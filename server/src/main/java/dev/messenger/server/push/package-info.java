/**
 * Web Push at the edge (PROTOCOL.md "Push"): the VAPID key pair ({@link
 * dev.messenger.server.push.VapidKeys}), the {@link dev.messenger.core.push.PushSender} adapter
 * over the JDK HttpClient ({@link dev.messenger.server.push.WebPushSender}), the settings, and the
 * wiring of the core dispatcher ({@link dev.messenger.server.push.PushFeature}).
 */
package dev.messenger.server.push;
