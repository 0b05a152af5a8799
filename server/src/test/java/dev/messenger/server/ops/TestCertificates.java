package dev.messenger.server.ops;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for 127.0.0.1 made in the test by the JDK's {@code keytool} (no crypto
 * of our own), written as the PEM files a node reads: {@code cert.pem} and {@code key.pem}
 * (PKCS#8).
 */
final class TestCertificates {
  private TestCertificates() {}

  /** One certificate and its key, as PEM text. */
  record Pem(X509Certificate certificate, String certPem, String keyPem) {
    /** Writes both files, each by an atomic rename (as certbot's deploy step does). */
    void writeTo(Path cert, Path key) throws Exception {
      write(cert, certPem);
      write(key, keyPem);
    }

    private static void write(Path target, String text) throws Exception {
      Path tmp = target.resolveSibling(target.getFileName() + ".new");
      Files.writeString(tmp, text, StandardCharsets.US_ASCII);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** A new EC P-256 key pair and self-signed certificate for CN {@code cn}, IP 127.0.0.1. */
  static Pem selfSigned(Path dir, String cn) throws Exception {
    Path store = Files.createTempFile(dir, "ks", ".p12");
    Files.delete(store);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p =
        new ProcessBuilder(
                keytool,
                "-genkeypair",
                "-alias",
                "node",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + cn,
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + out);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    Key key = ks.getKey("node", "changeit".toCharArray());
    Certificate cert = ks.getCertificate("node");
    return new Pem(
        (X509Certificate) cert,
        pem("CERTIFICATE", cert.getEncoded()),
        pem("PRIVATE KEY", key.getEncoded()));
  }

  /** A TLS context that trusts exactly these certificates. */
  static SSLContext trusting(List<X509Certificate> certs) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (int i = 0; i < certs.size(); i++) {
      trust.setCertificateEntry("c" + i, certs.get(i));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
