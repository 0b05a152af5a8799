package dev.messenger.server.ops;

import dev.messenger.server.settings.TlsSettings;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves HTTP and WebSocket over TLS from the PEM files of {@link TlsSettings}, and picks up a
 * renewed certificate without a restart: every {@code tls-reload-interval} it reads both files, and
 * when their bytes changed it hands the new pair to the running server ({@link
 * HttpServer#updateSSLOptions}); connections already open keep their session, new handshakes get
 * the new certificate. A pair that cannot be used (a half-written file, a key that does not parse)
 * is logged and the old certificate stays in service; the next change is tried again.
 *
 * <p>The periodic check runs on a Vert.x event loop; the file reads are small (a few KiB). Use one
 * instance per server; not thread-safe otherwise.
 */
public final class TlsReloader {
  private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

  private final TlsSettings settings;
  private byte[] loaded;

  /**
   * @param settings the TLS settings; {@link TlsSettings#enabled()} must be true
   */
  public TlsReloader(TlsSettings settings) {
    if (!settings.enabled()) {
      throw new IllegalArgumentException("TLS is off");
    }
    this.settings = settings;
  }

  /**
   * Turns TLS on in {@code options} with the files as they are now.
   *
   * @throws IOException naming the file, if one cannot be read
   */
  public HttpServerOptions configure(HttpServerOptions options) throws IOException {
    Pair pair = read();
    loaded = pair.digest();
    return options.setSsl(true).setKeyCertOptions(pair.options());
  }

  /**
   * Checks the files every {@code tls-reload-interval} and gives {@code server} a changed pair.
   *
   * @return the Vert.x timer id
   */
  public long watch(Vertx vertx, HttpServer server) {
    return vertx.setPeriodic(settings.reloadInterval().toMillis(), t -> reloadIfChanged(server));
  }

  /** Reads the files; if their bytes changed since the last load, updates the server's TLS. */
  void reloadIfChanged(HttpServer server) {
    Pair pair;
    try {
      pair = read();
    } catch (IOException e) {
      LOG.warn("TLS files not readable, the current certificate stays: {}", e.getMessage());
      return;
    }
    if (Arrays.equals(pair.digest(), loaded)) {
      return;
    }
    byte[] digest = pair.digest();
    loaded = digest;
    server
        .updateSSLOptions(new ServerSSLOptions().setKeyCertOptions(pair.options()))
        .onSuccess(changed -> LOG.info("TLS certificate reloaded from {}", settings.certFile()))
        .onFailure(
            e ->
                LOG.warn(
                    "TLS certificate in {} not usable, the current one stays: {}",
                    settings.certFile(),
                    e.getMessage()));
  }

  private Pair read() throws IOException {
    byte[] cert = readFile(settings.certFile(), "tls-cert-file");
    byte[] key = readFile(settings.keyFile(), "tls-key-file");
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    sha.update(cert);
    sha.update((byte) 0);
    sha.update(key);
    return new Pair(
        new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key)),
        sha.digest());
  }

  private static byte[] readFile(String file, String setting) throws IOException {
    try {
      return Files.readAllBytes(Path.of(file));
    } catch (IOException e) {
      throw new IOException(setting + ": cannot read " + file, e);
    }
  }

  private record Pair(PemKeyCertOptions options, byte[] digest) {}
}
