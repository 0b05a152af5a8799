package dev.messenger.server.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * A Firebase service account, read from the JSON file the Firebase console hands out (setting
 * {@code fcm-credentials-file}, PROTOCOL.md section 9): the fields the FCM HTTP v1 API needs.
 * Immutable and thread-safe; {@link #toString()} hides the key.
 *
 * @param projectId {@code project_id}: the path of the send URL
 * @param clientEmail {@code client_email}: the issuer of the OAuth assertion
 * @param privateKey {@code private_key}: the RSA key that signs it (PKCS#8 PEM in the file)
 * @param tokenUri {@code token_uri}: where the assertion is exchanged for an access token
 */
public record FcmCredentials(
    String projectId, String clientEmail, RSAPrivateKey privateKey, URI tokenUri) {

  /**
   * Reads and checks the file.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static FcmCredentials load(Path file) throws IOException {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(Files.readAllBytes(file));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(file + " is not JSON (a Firebase service-account file)");
    }
    String pem = field(json, "private_key", file);
    String body =
        pem.replace("-----BEGIN PRIVATE KEY-----", "")
            .replace("-----END PRIVATE KEY-----", "")
            .replaceAll("\\s", "");
    RSAPrivateKey key;
    try {
      key =
          (RSAPrivateKey)
              KeyFactory.getInstance("RSA")
                  .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalArgumentException(
          file + ": private_key is not a PKCS#8 RSA key in PEM (" + e.getMessage() + ")");
    }
    URI tokenUri;
    try {
      tokenUri = URI.create(field(json, "token_uri", file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": token_uri is not a URL");
    }
    return new FcmCredentials(
        field(json, "project_id", file), field(json, "client_email", file), key, tokenUri);
  }

  private static String field(JsonNode json, String name, Path file) {
    JsonNode v = json.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(file + " has no " + name + " (a service-account file?)");
    }
    return v.asText();
  }

  @Override
  public String toString() {
    return "FcmCredentials[" + projectId + ", " + clientEmail + "]";
  }
}
