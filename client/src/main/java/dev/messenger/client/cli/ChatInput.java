package dev.messenger.client.cli;

import java.util.List;

/**
 * What a line typed in {@code chat} asks for. A line not starting with {@code /} (after blanks) is
 * a message; a line starting with {@code //} is a message starting with {@code /} (one slash
 * dropped). Messages are named by the number shown before them ({@code #5}: their seq, the same for
 * every member), written {@code 5} or {@code #5}. Stateless.
 */
final class ChatInput {
  private ChatInput() {}

  /** The help printed by {@code /help}, one line each. */
  static final List<String> HELP =
      List.of(
          "* type a line to send it; messages are numbered #N (their seq, the same for everyone)",
          "* /reply N TEXT      answer message N (its first line is quoted)",
          "* /edit N TEXT       replace the text of your message N",
          "* /delete N          delete message N for everyone (yours; any, for a group admin)",
          "* /react N EMOJI     add a reaction, e.g. /react 5 👍",
          "* /unreact N EMOJI   take your reaction back",
          "* /pin N, /unpin N   pin or unpin message N",
          "* /forward N TO      forward message N to a user or a conversation id",
          "* /readby N          who has received and read your message N",
          "* //TEXT             send TEXT starting with one /",
          "* /help, /quit       this help; leave the chat");

  /** A parsed line. */
  sealed interface Action {}

  /** Send {@code text}; {@code replyTo} is null unless it answers a message. */
  record Send(String text, Long replyTo) implements Action {}

  /** {@code edit}, {@code delete}, {@code react}, {@code unreact}, {@code pin} or {@code unpin}. */
  record Change(String type, long seq, String body, String emoji) implements Action {}

  /** Forward message {@code seq} to the user or conversation {@code to}. */
  record Forward(long seq, String to) implements Action {}

  /** Ask who has message {@code seq}. */
  record ReadBy(long seq) implements Action {}

  record Help() implements Action {}

  record Quit() implements Action {}

  /** Nothing to do (a blank line). */
  record Nothing() implements Action {}

  /** A line that could not be understood; {@code message} says why. */
  record Invalid(String message) implements Action {}

  /** Parses one typed line. */
  static Action parse(String line) {
    if (line.isBlank()) {
      return new Nothing();
    }
    String t = line.strip();
    if (t.startsWith("//")) {
      return new Send(t.substring(1), null);
    }
    if (!t.startsWith("/")) {
      return new Send(line, null);
    }
    String[] w = t.split("\\s+", 3);
    String command = w[0].substring(1);
    switch (command) {
      case "quit":
        return new Quit();
      case "help":
        return new Help();
      case "reply":
      case "edit":
        if (w.length < 3) {
          return usage("/" + command + " N TEXT");
        }
        Long seq = seq(w[1]);
        if (seq == null) {
          return notNumber(w[1]);
        }
        String text = w[2];
        return command.equals("reply") ? new Send(text, seq) : new Change("edit", seq, text, null);
      case "react":
      case "unreact":
        return withArgument(w, command, "EMOJI", a -> new Change(command, a.seq, null, a.text));
      case "forward":
        return withArgument(w, command, "TO", a -> new Forward(a.seq, a.text));
      case "delete":
      case "pin":
      case "unpin":
      case "readby":
        if (w.length != 2) {
          return usage("/" + command + " N");
        }
        Long n = seq(w[1]);
        if (n == null) {
          return notNumber(w[1]);
        }
        return command.equals("readby") ? new ReadBy(n) : new Change(command, n, null, null);
      default:
        return new Invalid("unknown command /" + command + "; /help lists them");
    }
  }

  private record Argument(long seq, String text) {}

  private static Action withArgument(
      String[] w, String command, String what, java.util.function.Function<Argument, Action> f) {
    if (w.length != 3 || w[2].contains(" ")) {
      return usage("/" + command + " N " + what);
    }
    Long seq = seq(w[1]);
    return seq == null ? notNumber(w[1]) : f.apply(new Argument(seq, w[2]));
  }

  /** {@code 5} or {@code #5} as a seq >= 1, else null. */
  static Long seq(String word) {
    String digits = word.startsWith("#") ? word.substring(1) : word;
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    long n = Long.parseLong(digits);
    return n >= 1 ? n : null;
  }

  private static Action usage(String usage) {
    return new Invalid("usage: " + usage);
  }

  private static Action notNumber(String word) {
    return new Invalid("not a message number: " + word + " (the #N shown before a message)");
  }
}
