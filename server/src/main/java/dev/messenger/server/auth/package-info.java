/**
 * Who may call in besides a device token: external sign-in tokens (JWTs, verified with Nimbus
 * JOSE+JWT) and the admin API keys (PROTOCOL.md section 8).
 */
package dev.messenger.server.auth;
