/**
 * Sending and reading messages (PROTOCOL.md "Messages" and WebSocket "send", "history"): the send
 * path ({@link dev.messenger.core.messaging.Messaging}), history pages and the hooks a send calls
 * (attachments, the stored-message listener). The message values are in {@code
 * dev.messenger.core.model}, the store ports in {@code dev.messenger.core.store}.
 */
package dev.messenger.core.messaging;
