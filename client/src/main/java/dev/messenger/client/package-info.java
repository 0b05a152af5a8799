/**
 * Java SDK over the Messenger wire protocol (PROTOCOL.md): {@link
 * dev.messenger.client.MessengerClient} for the HTTP API, {@link dev.messenger.client.ChatSocket}
 * for one WebSocket connection, {@link dev.messenger.client.MessageApi} and {@link
 * dev.messenger.client.SocketChanges} for messages that change (version 2, sections 4 and 5), and
 * immutable records ({@code *View}, {@link dev.messenger.client.OutgoingMessage}) for the JSON
 * objects exchanged. {@link dev.messenger.client.MessageView#applied} is the fold a device applies
 * to update entries.
 *
 * <p><b>Typed frames.</b> Server frames are {@link dev.messenger.client.ServerFrame} records (one
 * per frame type of docs/asyncapi.json), read in one place, {@link
 * dev.messenger.client.ServerFrames#parse}. A {@link dev.messenger.client.ChatSocket.Listener}
 * receives them, and {@link dev.messenger.client.ChatSocket#typed()} makes requests answered with
 * them; {@link dev.messenger.client.ServerFrame.Unknown} keeps what the SDK cannot type. The {@code
 * JsonNode} methods of {@code ChatSocket} ({@code request}, {@code send}, {@code history}, ...) are
 * the raw escape hatch for tests of the wire itself. A socket keeps no log of what it received; a
 * raw-frame observer given to {@link dev.messenger.client.MessengerClient#connect(
 * dev.messenger.client.ChatSocket.Listener, java.util.function.Consumer)} sees every frame as JSON.
 * The tests' frame recorder ({@code frames}, {@code await}) is built on it and lives in this
 * module's test-jar ({@code dev.messenger.client.testing.RecordingSocket}), not in the SDK jar.
 *
 * <p>Failures: a non-2xx answer is an {@link dev.messenger.client.ApiException}; a server that
 * cannot be reached is an {@link java.io.UncheckedIOException} whose message names it and the
 * reason ({@code cannot reach http://127.0.0.1:9/: connection refused}).
 *
 * <p>{@link dev.messenger.client.WireTap} lets tests see every exchange (found with {@code
 * ServiceLoader}; a production classpath has none).
 *
 * <p>Built on the JDK's {@code java.net.http} client and Jackson only. Used by the CLI, the load
 * tools and the server's end-to-end tests.
 */
package dev.messenger.client;
