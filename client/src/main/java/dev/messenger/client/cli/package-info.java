/**
 * The {@code messenger} command-line client (picocli): account, contact, group and message commands
 * over {@link dev.messenger.client.MessengerClient}, and an interactive {@code chat} over a {@link
 * dev.messenger.client.ChatSocket}. The login of each profile ({@code --as NAME}) is kept in {@code
 * ~/.messenger/NAME.json}, so two terminals can be two users.
 *
 * <p>Output is one event per line, flushed at once, readable by people and by tests.
 */
package dev.messenger.client.cli;
