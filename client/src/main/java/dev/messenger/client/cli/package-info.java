/**
 * The {@code messenger} command-line client (picocli): account, contact, group and message commands
 * over {@link dev.messenger.client.MessengerClient}, and an interactive {@code chat} over a {@link
 * dev.messenger.client.ChatSocket}. The login of each profile ({@code --as NAME}) is kept in {@code
 * $XDG_CONFIG_HOME/messenger/NAME.json} when that variable is set, else in {@code
 * $HOME/.messenger/NAME.json}, so two terminals can be two users. Every command answers {@code
 * --help}.
 *
 * <p>Output is one event per line, flushed at once, readable by people and by tests. {@code chat}
 * in a terminal reads keys as typed and prints output above the line being typed ({@link
 * dev.messenger.client.cli.ChatTerminal}); elsewhere it reads whole lines. It reconnects after the
 * server went away ({@link dev.messenger.client.cli.ChatLink}).
 */
package dev.messenger.client.cli;
