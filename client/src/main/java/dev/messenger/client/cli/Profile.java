package dev.messenger.client.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.messenger.client.Json;
import dev.messenger.client.LoginResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * What the CLI remembers between runs for one {@code --as} name, stored as JSON in the profile
 * file. Any field may be null; {@link #token()} is null when logged out. Immutable; {@link #load}
 * and {@link #save} are safe to call from several processes (saving replaces the file atomically).
 *
 * @param server the server this profile last logged in to
 * @param username the logged-in user's name
 * @param userId the logged-in user's id
 * @param deviceId the device the login created
 * @param token the bearer token; secret
 */
public record Profile(
    String server, String username, String userId, String deviceId, String token) {

  /** A profile with nothing in it. */
  public static Profile empty() {
    return new Profile(null, null, null, null, null);
  }

  /** True when a token is stored. */
  public boolean loggedIn() {
    return token != null;
  }

  /** This profile after a login of {@code username} on {@code server}. */
  public Profile withLogin(String server, String username, LoginResult login) {
    return new Profile(server, username, login.userId(), login.deviceId(), login.token());
  }

  /** This profile without its token and device (after logout). */
  public Profile withoutToken() {
    return new Profile(server, username, userId, null, null);
  }

  /**
   * Reads a profile file; a missing file is an empty profile.
   *
   * @throws UncheckedIOException when the file exists but cannot be read or parsed
   */
  public static Profile load(Path file) {
    if (!Files.exists(file)) {
      return empty();
    }
    try {
      return Json.MAPPER.readValue(Files.readString(file, StandardCharsets.UTF_8), Profile.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("profile " + file + " is not valid: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profile " + file, e);
    }
  }

  /**
   * Writes this profile to {@code file}, readable by the owner only where the file system allows,
   * creating parent directories.
   *
   * @throws UncheckedIOException when the file cannot be written
   */
  public void save(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".profile", ".tmp");
      try {
        ownerOnly(tmp);
        Files.writeString(tmp, Json.write(this) + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write profile " + file, e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: keep the default permissions.
    }
  }

  /** Hides the token. */
  @Override
  public String toString() {
    return "Profile[server="
        + server
        + ", username="
        + username
        + ", userId="
        + userId
        + ", deviceId="
        + deviceId
        + ", token="
        + (token == null ? null : "***")
        + "]";
  }
}
