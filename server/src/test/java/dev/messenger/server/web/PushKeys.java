package dev.messenger.server.web;

import dev.messenger.server.push.VapidKeys;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** The keys a browser sends with a Web Push subscription (RFC 8291): a P-256 point and a secret. */
final class PushKeys {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private PushKeys() {}

  /** A fresh uncompressed P-256 public key, base64url. */
  static String p256dh() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return B64.encodeToString(
        VapidKeys.uncompressed((ECPublicKey) g.generateKeyPair().getPublic()));
  }

  /** 16 random bytes, base64url. */
  static String auth() {
    byte[] a = new byte[16];
    new SecureRandom().nextBytes(a);
    return B64.encodeToString(a);
  }
}
