/**
 * Push at the edge (PROTOCOL.md "Push" and section 9): the VAPID key pair ({@link
 * dev.messenger.server.push.VapidKeys}) and the {@link dev.messenger.core.push.PushSender} adapters
 * over the JDK HttpClient: Web Push ({@link dev.messenger.server.push.WebPushSender}, with the
 * send-time SSRF re-check), FCM HTTP v1 ({@link dev.messenger.server.push.FcmSender} with RFC 7523
 * access tokens from {@link dev.messenger.server.push.FcmAccessTokens}) and APNs over HTTP/2
 * ({@link dev.messenger.server.push.ApnsSender} with an ES256 provider token); the wiring of the
 * core dispatcher and the metrics ({@link dev.messenger.server.push.PushFeature}).
 */
package dev.messenger.server.push;
