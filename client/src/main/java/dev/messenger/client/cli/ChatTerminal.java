package dev.messenger.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.List;
import java.util.function.Consumer;

/**
 * The chat's input and output: whole lines when standard input is not a terminal, keys as they are
 * typed when it is.
 *
 * <p><b>Lines</b> (a pipe, a file, a test): each line read is a {@link Typed} event; output lines
 * are printed as they come. Typing cannot be seen before Enter, so {@code chat} sends {@code typing
 * start} and {@code stop} around each line it sends.
 *
 * <p><b>Keys</b> (a terminal): the terminal is put in non-canonical mode without echo ({@code stty
 * -icanon -echo}, restored on exit) when this class owns it; each character is echoed here and
 * posts a {@link Key} event (so {@code chat} can send {@code typing} while the user types); Enter
 * posts the {@link Typed} line, Backspace erases, Ctrl-D on an empty line or Ctrl-C ends the input.
 * Output lines are printed above the line being typed: the typed line is cleared ({@code CR},
 * {@code ESC [2K}), the output printed, and {@code > } with what was typed so far printed again.
 *
 * <p>Thread-safe: one daemon thread reads; printing and echo share one lock.
 */
final class ChatTerminal {
  /** A complete line the user entered. */
  record Typed(String text) {}

  /** A key that changed the line being typed (keys mode only). */
  record Key() {}

  /** No more input. */
  record EndOfInput() {}

  private static final String PROMPT = "> ";
  private static final String CLEAR_LINE = "\r\033[2K";

  private final PrintWriter out;
  private final boolean keys;
  private final StringBuilder typed = new StringBuilder();

  /**
   * @param out where chat output and (keys mode) the echo go
   * @param keys true to read keys as typed (see the class comment)
   */
  ChatTerminal(PrintWriter out, boolean keys) {
    this.out = out;
    this.keys = keys;
  }

  /** True when keys are read as they are typed. */
  boolean keys() {
    return keys;
  }

  /** Prints lines of chat output (above the line being typed, in keys mode). */
  synchronized void print(List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    if (keys) {
      out.print(CLEAR_LINE);
    }
    lines.forEach(out::println);
    if (keys) {
      out.print(PROMPT + typed);
    }
    out.flush();
  }

  /** Clears the prompt line (keys mode), so that the shell's prompt starts on a clean line. */
  synchronized void finish() {
    if (keys) {
      out.print(CLEAR_LINE);
      out.flush();
    }
  }

  /** Starts a daemon thread reading {@code in} and posting events to {@code events}. */
  void start(BufferedReader in, Consumer<Object> events) {
    Thread reader =
        new Thread(
            () -> {
              try {
                if (keys) {
                  readKeys(in, events);
                } else {
                  for (String line = in.readLine(); line != null; line = in.readLine()) {
                    events.accept(new Typed(line));
                  }
                }
              } catch (IOException e) {
                // Treated as the end of input.
              }
              events.accept(new EndOfInput());
            },
            "chat-input");
    reader.setDaemon(true);
    reader.start();
  }

  private void readKeys(Reader in, Consumer<Object> events) throws IOException {
    synchronized (this) {
      out.print(PROMPT);
      out.flush();
    }
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\r' || c == '\n') {
        String line;
        synchronized (this) {
          line = typed.toString();
          typed.setLength(0);
          out.print(CLEAR_LINE + PROMPT);
          out.flush();
        }
        events.accept(new Typed(line));
      } else if (c == 3 || (c == 4 && typedEmpty())) {
        return; // Ctrl-C, or Ctrl-D on an empty line
      } else if (c == 127 || c == 8) {
        if (erase()) {
          events.accept(new Key());
        }
      } else if (c >= ' ' || c == '\t') {
        synchronized (this) {
          typed.append((char) c);
          out.print((char) c);
          out.flush();
        }
        events.accept(new Key());
      }
    }
  }

  private synchronized boolean typedEmpty() {
    return typed.length() == 0;
  }

  private synchronized boolean erase() {
    if (typed.length() == 0) {
      return false;
    }
    int cut = typed.offsetByCodePoints(typed.length(), -1);
    typed.setLength(cut);
    out.print(CLEAR_LINE + PROMPT + typed);
    out.flush();
    return true;
  }

  /**
   * Puts the controlling terminal in non-canonical, no-echo mode with {@code stty} and returns what
   * restores it (also run at JVM exit); returns a no-op when {@code stty} fails.
   */
  static Runnable rawMode() {
    String saved = stty("-g");
    if (saved == null || stty("-icanon -echo min 1") == null) {
      return () -> {};
    }
    Runnable restore = () -> stty(saved.trim());
    Thread hook = new Thread(restore, "chat-tty-restore");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      restore.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook restores.
      }
    };
  }

  private static String stty(String args) {
    try {
      Process p =
          new ProcessBuilder("sh", "-c", "stty " + args + " < /dev/tty")
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes());
      return p.waitFor() == 0 ? output : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
