package dev.messenger.client.cli;

/**
 * A failure the user can fix (not logged in, unknown user, no password given): printed as {@code
 * error: MESSAGE} with exit code 1 and no stack trace. Immutable.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
