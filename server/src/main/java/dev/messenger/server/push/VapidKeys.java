package dev.messenger.server.push;

import dev.messenger.server.settings.PushSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

/**
 * The node's VAPID key pair (RFC 8292; PROTOCOL.md "Push"), a P-256 key pair. Taken from the
 * settings {@code vapid-public-key}/{@code vapid-private-key} when given; otherwise read from
 * {@code data-dir/vapid.properties}, which is created with a new pair (owner-only permissions) on
 * first start. Every node of a cluster must use the same pair: give it in the settings there.
 * Immutable and thread-safe.
 *
 * @param privateKey the signing key
 * @param publicKey the key push services verify with
 */
public record VapidKeys(ECPrivateKey privateKey, ECPublicKey publicKey) {
  private static final String FILE = "vapid.properties";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * The keys of the settings, or of the data directory (made on first use).
   *
   * @throws IOException if the file cannot be read or written
   * @throws IllegalArgumentException if the given keys are not a valid P-256 pair in base64url
   */
  public static VapidKeys load(PushSettings settings, Path dataDir) throws IOException {
    if (!settings.vapidPublicKey().isEmpty()) {
      return decode(settings.vapidPublicKey(), settings.vapidPrivateKey().reveal());
    }
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      return decode(p.getProperty("publicKey", ""), p.getProperty("privateKey", ""));
    }
    VapidKeys keys = generate();
    Properties p = new Properties();
    p.setProperty("publicKey", keys.publicKeyBase64());
    p.setProperty("privateKey", B64.encodeToString(unsigned32(keys.privateKey().getS())));
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    Files.createFile(tmp);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: keep the default permissions.
    }
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
      p.store(out, "VAPID key pair of this node (RFC 8292); keep it secret, keep it stable");
    }
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return keys;
  }

  /** A new random pair. */
  public static VapidKeys generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      return new VapidKeys((ECPrivateKey) kp.getPrivate(), (ECPublicKey) kp.getPublic());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no P-256 on this JVM", e);
    }
  }

  /** The public key as {@code GET /push/vapid-public-key} gives it: base64url, 65 bytes. */
  public String publicKeyBase64() {
    return B64.encodeToString(uncompressed(publicKey));
  }

  /** The uncompressed point {@code 0x04 || X || Y} of a P-256 public key. */
  public static byte[] uncompressed(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    System.arraycopy(unsigned32(key.getW().getAffineX()), 0, out, 1, 32);
    System.arraycopy(unsigned32(key.getW().getAffineY()), 0, out, 33, 32);
    return out;
  }

  private static VapidKeys decode(String publicB64, String privateB64) {
    try {
      byte[] pub = Base64.getUrlDecoder().decode(publicB64);
      byte[] priv = Base64.getUrlDecoder().decode(privateB64);
      if (pub.length != 65 || pub[0] != 4 || priv.length != 32) {
        throw new IllegalArgumentException(
            "VAPID keys must be a 65-byte uncompressed public key and a 32-byte private key");
      }
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      KeyFactory kf = KeyFactory.getInstance("EC");
      ECPoint w =
          new ECPoint(
              new BigInteger(1, Arrays.copyOfRange(pub, 1, 33)),
              new BigInteger(1, Arrays.copyOfRange(pub, 33, 65)));
      return new VapidKeys(
          (ECPrivateKey) kf.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, priv), spec)),
          (ECPublicKey) kf.generatePublic(new ECPublicKeySpec(w, spec)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid VAPID keys: " + e.getMessage(), e);
    }
  }

  private static byte[] unsigned32(BigInteger n) {
    byte[] b = n.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(32, b.length);
    System.arraycopy(b, b.length - copy, out, 32 - copy, copy);
    return out;
  }

  /** Hides the private key. */
  @Override
  public String toString() {
    return "VapidKeys[" + publicKeyBase64() + "]";
  }
}
