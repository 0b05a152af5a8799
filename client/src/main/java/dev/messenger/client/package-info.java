/**
 * Java SDK over the Messenger wire protocol (PROTOCOL.md): {@link
 * dev.messenger.client.MessengerClient} for the HTTP API, {@link dev.messenger.client.ChatSocket}
 * for one WebSocket connection, and immutable records ({@code *View}) for the JSON objects the
 * server answers with.
 *
 * <p>Built on the JDK's {@code java.net.http} client and Jackson only. Used by the CLI, the load
 * tools and the server's end-to-end tests.
 */
package dev.messenger.client;
