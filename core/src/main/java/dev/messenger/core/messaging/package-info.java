/**
 * Sending and reading messages (PROTOCOL.md "Messages" and WebSocket "send", "history"): the
 * message model, the {@link dev.messenger.core.messaging.MessageStore} port and the send path.
 */
package dev.messenger.core.messaging;
