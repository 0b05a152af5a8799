package dev.messenger.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Messenger-Signature} header of PROTOCOL.md section 8 "Webhooks": {@code t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, made with the JDK's {@link Mac}. Stateless and
 * thread-safe.
 */
public final class WebhookSignature {
  /** The header's name. */
  public static final String HEADER = "Messenger-Signature";

  private WebhookSignature() {}

  /** The header value signing {@code body} at {@code unixSeconds} with {@code secret}. */
  public static String sign(String secret, long unixSeconds, String body) {
    return "t=" + unixSeconds + ",v1=" + hmac(secret, unixSeconds + "." + body);
  }

  /** Lower-case hex HMAC-SHA256 of {@code text} under {@code secret} (both UTF-8). */
  static String hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
