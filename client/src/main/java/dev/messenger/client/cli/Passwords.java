package dev.messenger.client.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Where a password comes from: the option, else the console, else the first line of input. */
final class Passwords {
  private Passwords() {}

  /**
   * The password: {@code given} when not null; else read from {@code console} without echo when
   * there is one; else the next line of {@code stdin}.
   *
   * @throws CliException when no password can be had
   */
  static String read(String given, Console console, BufferedReader stdin) {
    if (given != null) {
      return given;
    }
    if (console != null) {
      char[] pw = console.readPassword("Password: ");
      if (pw != null) {
        return new String(pw);
      }
      throw new CliException("no password given");
    }
    try {
      String line = stdin.readLine();
      if (line == null || line.isEmpty()) {
        throw new CliException("no password given (use --password or type it on standard input)");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the password", e);
    }
  }
}
