package dev.messenger.server.settings;

import java.time.Duration;
import java.util.List;

/**
 * TLS for HTTP and WebSocket on the node's one port (browsers allow Web Push and service workers
 * only on HTTPS). Off while both files are empty. The files are PEM: the certificate file holds the
 * certificate followed by its chain, the key file the private key (PKCS#8 {@code PRIVATE KEY},
 * {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}). Both are read again when either changes, so a
 * renewed certificate is served without a restart. Immutable; validated on construction.
 *
 * @param certFile PEM certificate chain, empty for no TLS ({@link #CERT_FILE})
 * @param keyFile PEM private key, empty for no TLS ({@link #KEY_FILE})
 * @param reloadInterval how often the files are checked for a change ({@link #RELOAD_INTERVAL})
 */
public record TlsSettings(String certFile, String keyFile, Duration reloadInterval) {

  public static final Setting<String> CERT_FILE =
      Setting.text(
          "tls-cert-file",
          "",
          s -> s.tls().certFile(),
          "PEM certificate followed by its chain: with `tls-key-file`, HTTP and WebSocket are"
              + " served over TLS (https, wss); re-read when it changes");

  public static final Setting<String> KEY_FILE =
      Setting.text(
          "tls-key-file",
          "",
          s -> s.tls().keyFile(),
          "PEM private key of `tls-cert-file`; re-read when it changes");

  public static final Setting<Duration> RELOAD_INTERVAL =
      Setting.duration(
          "tls-reload-interval",
          Duration.ofSeconds(10),
          Duration.ofMillis(100),
          s -> s.tls().reloadInterval(),
          "how often the TLS files are checked for a renewal (served without a restart)");

  /** This group's settings, in the order of {@code --help} and the README. */
  public static final List<Setting<?>> SETTINGS = List.of(CERT_FILE, KEY_FILE, RELOAD_INTERVAL);

  /**
   * @throws IllegalArgumentException if only one of the files is given
   */
  public TlsSettings {
    certFile = CERT_FILE.check(certFile).strip();
    keyFile = KEY_FILE.check(keyFile).strip();
    RELOAD_INTERVAL.check(reloadInterval);
    if (certFile.isEmpty() != keyFile.isEmpty()) {
      throw new IllegalArgumentException("give both tls-cert-file and tls-key-file, or neither");
    }
  }

  /** True when TLS is on. */
  public boolean enabled() {
    return !certFile.isEmpty();
  }

  static TlsSettings from(Settings.Builder b) {
    return new TlsSettings(b.get(CERT_FILE), b.get(KEY_FILE), b.get(RELOAD_INTERVAL));
  }
}
