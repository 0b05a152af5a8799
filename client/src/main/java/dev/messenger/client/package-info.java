/**
 * Java SDK over the Messenger wire protocol (PROTOCOL.md): {@link
 * dev.messenger.client.MessengerClient} for the HTTP API, {@link dev.messenger.client.ChatSocket}
 * for one WebSocket connection, {@link dev.messenger.client.MessageApi} and {@link
 * dev.messenger.client.SocketChanges} for messages that change (version 2, sections 4 and 5), and
 * immutable records ({@code *View}, {@link dev.messenger.client.OutgoingMessage}) for the JSON
 * objects exchanged. {@link dev.messenger.client.MessageView#applied} is the fold a device applies
 * to update entries.
 *
 * <p>Built on the JDK's {@code java.net.http} client and Jackson only. Used by the CLI, the load
 * tools and the server's end-to-end tests.
 */
package dev.messenger.client;
