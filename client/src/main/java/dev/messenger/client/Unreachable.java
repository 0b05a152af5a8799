package dev.messenger.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * Turns an I/O failure of a request into one sentence a person can act on, e.g. {@code cannot reach
 * http://127.0.0.1:9/: connection refused}. The JDK's exceptions often carry no message (a refused
 * connection is a {@code ConnectException} with a null message), which used to print as {@code
 * failed: null}. Stateless.
 */
final class Unreachable {
  private Unreachable() {}

  /**
   * An {@link UncheckedIOException} whose message names the server (scheme, host and port of {@code
   * uri}) and the reason, with {@code e} as its cause.
   */
  static UncheckedIOException of(URI uri, IOException e) {
    return new UncheckedIOException("cannot reach " + server(uri) + ": " + reason(e), e);
  }

  /** {@code scheme://host:port/} of {@code uri}. */
  static String server(URI uri) {
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return uri.getScheme() + "://" + uri.getHost() + port + "/";
  }

  /** A short reason for {@code t}: the most telling exception in its cause chain. */
  static String reason(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof HttpConnectTimeoutException) {
        return "connection timed out";
      } else if (c instanceof HttpTimeoutException) {
        return "no answer in time";
      } else if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
        String m = c.getMessage();
        return m == null || m.isBlank() ? "connection refused" : m.toLowerCase();
      } else if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return "unknown host";
      } else if (c instanceof SSLException) {
        return "TLS failed: " + c.getMessage();
      }
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return c.getMessage();
      }
    }
    return t.getClass().getSimpleName();
  }
}
