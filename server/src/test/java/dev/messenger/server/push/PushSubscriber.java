package dev.messenger.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import dev.messenger.client.Json;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser's side of a Web Push subscription, written from the RFCs with JDK crypto only, to
 * check the server independently: a P-256 key pair and auth secret, RFC 8291 decryption (aes128gcm:
 * ECDH, HKDF-SHA256, AES-128-GCM) and RFC 8292 VAPID token verification (ES256).
 */
final class PushSubscriber {
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final Base64.Encoder B64E = Base64.getUrlEncoder().withoutPadding();

  private final KeyPair keys;
  private final byte[] auth = new byte[16];

  PushSubscriber() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    keys = g.generateKeyPair();
    new SecureRandom().nextBytes(auth);
  }

  String p256dh() {
    return B64E.encodeToString(VapidKeys.uncompressed((ECPublicKey) keys.getPublic()));
  }

  String auth() {
    return B64E.encodeToString(auth);
  }

  /** Decrypts an {@code aes128gcm} body (RFC 8188 framing, RFC 8291 keys) into JSON. */
  JsonNode decrypt(byte[] body) throws Exception {
    ByteBuffer b = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    b.get(salt);
    int rs = b.getInt();
    int idLen = b.get() & 0xff;
    byte[] asPublic = new byte[idLen];
    b.get(asPublic);
    byte[] ciphertext = new byte[b.remaining()];
    b.get(ciphertext);
    if (idLen != 65 || ciphertext.length > rs) {
      throw new IllegalArgumentException("unexpected header: idlen " + idLen + ", rs " + rs);
    }
    KeyAgreement ka = KeyAgreement.getInstance("ECDH");
    ka.init(keys.getPrivate());
    ka.doPhase(publicKey(asPublic), true);
    byte[] ecdh = ka.generateSecret();
    byte[] uaPublic = VapidKeys.uncompressed((ECPublicKey) keys.getPublic());
    byte[] prkKey = hmac(auth, ecdh);
    byte[] keyInfo =
        concat(
            "WebPush: info".getBytes(StandardCharsets.US_ASCII),
            new byte[] {0},
            uaPublic,
            asPublic);
    byte[] ikm = hmac(prkKey, concat(keyInfo, new byte[] {1}));
    byte[] prk = hmac(salt, ikm);
    byte[] cek = Arrays.copyOf(hmac(prk, info("Content-Encoding: aes128gcm")), 16);
    byte[] nonce = Arrays.copyOf(hmac(prk, info("Content-Encoding: nonce")), 12);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
    byte[] padded = c.doFinal(ciphertext);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new IllegalArgumentException("missing the last-record delimiter");
    }
    return Json.parse(new String(padded, 0, end, StandardCharsets.UTF_8));
  }

  /**
   * Verifies {@code Authorization: vapid t=JWT, k=KEY}: the key is {@code expectedKey}, the ES256
   * signature is valid, and returns the claims.
   */
  static JsonNode verifyVapid(String authorization, String expectedKey) throws Exception {
    if (!authorization.startsWith("vapid ")) {
      throw new IllegalArgumentException("not a vapid header: " + authorization);
    }
    String t = null;
    String k = null;
    for (String part : authorization.substring(6).split(",")) {
      String p = part.trim();
      if (p.startsWith("t=")) {
        t = p.substring(2);
      } else if (p.startsWith("k=")) {
        k = p.substring(2);
      }
    }
    if (!expectedKey.equals(k)) {
      throw new IllegalArgumentException("k is " + k + ", not the server's key " + expectedKey);
    }
    String[] jwt = t.split("\\.");
    JsonNode header = Json.parse(new String(B64D.decode(jwt[0]), StandardCharsets.UTF_8));
    if (!"ES256".equals(header.path("alg").asText())) {
      throw new IllegalArgumentException("alg is not ES256: " + header);
    }
    Signature v = Signature.getInstance("SHA256withECDSAinP1363Format");
    v.initVerify(publicKey(B64D.decode(k)));
    v.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    if (!v.verify(B64D.decode(jwt[2]))) {
      throw new IllegalArgumentException("bad VAPID signature");
    }
    return Json.parse(new String(B64D.decode(jwt[1]), StandardCharsets.UTF_8));
  }

  private static ECPublicKey publicKey(byte[] uncompressed) throws Exception {
    var params = java.security.AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec("secp256r1"));
    var spec = params.getParameterSpec(java.security.spec.ECParameterSpec.class);
    ECPoint w =
        new ECPoint(
            new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
            new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
    return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
  }

  private static byte[] info(String label) {
    return concat(label.getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1});
  }

  private static byte[] hmac(byte[] key, byte[] data) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(data);
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
