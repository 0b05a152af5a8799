package dev.messenger.core.accounts;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Futures;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registration, login, logout, token authentication, user lookup and contacts (PROTOCOL.md section
 * 2), and the sessions of section 8: the device list, revoking a device, the idle timeout of
 * tokens, password changes and suspension's 403. Thread-safe. Methods block on the store and the
 * password hash: call them off the event loop. Rule violations throw (or fail the future with)
 * {@link MessengerException}.
 *
 * <p>Login takes the same time whether the username exists or not: an unknown username, or a user
 * without a password, is verified against a dummy hash made at construction, so usernames cannot be
 * told apart by timing.
 */
public final class Accounts {
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");

  /** 32 random bytes: 256 bits, above the protocol's 128. */
  private static final int TOKEN_BYTES = 32;

  /**
   * A token's last use is written at most this often (ms), or a quarter of the idle timeout when
   * that is shorter, so requests rarely write.
   */
  static final long TOUCH_EVERY_MILLIS = 60_000;

  private final AccountStore store;
  private final UserLifecycleStore lifecycle;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Consumer<Caller> onDeviceRevoked;
  private final int maxDevicesPerUser;
  private final int maxContactsPerUser;
  private final long sessionIdleMillis;
  private final long touchEveryMillis;
  private final String dummyHash;

  /**
   * @param onDeviceRevoked called with the caller after its logout is committed, so the edge can
   *     close that device's sockets with 4001
   */
  public Accounts(
      AccountStore store, PasswordHasher hasher, Clock clock, Consumer<Caller> onDeviceRevoked) {
    this(store, null, hasher, clock, Integer.MAX_VALUE, Integer.MAX_VALUE, null, onDeviceRevoked);
  }

  /**
   * @param lifecycle password changes and device activity; null: those methods fail with {@code
   *     IllegalStateException} and no activity is recorded
   * @param maxDevicesPerUser logged-in devices a user may have at once; one more login is {@code
   *     conflict}
   * @param maxContactsPerUser contacts a user may have; one more is {@code too_large}
   * @param sessionIdleTimeout a token not used for this long stops working (setting {@code
   *     session-idle-timeout}); null: never
   * @param onDeviceRevoked called with each revoked device after the commit (4001 on its sockets)
   */
  public Accounts(
      AccountStore store,
      UserLifecycleStore lifecycle,
      PasswordHasher hasher,
      Clock clock,
      int maxDevicesPerUser,
      int maxContactsPerUser,
      Duration sessionIdleTimeout,
      Consumer<Caller> onDeviceRevoked) {
    this.store = store;
    this.lifecycle = lifecycle;
    this.hasher = hasher;
    this.clock = clock;
    this.maxDevicesPerUser = maxDevicesPerUser;
    this.maxContactsPerUser = maxContactsPerUser;
    this.sessionIdleMillis =
        sessionIdleTimeout == null ? Long.MAX_VALUE : sessionIdleTimeout.toMillis();
    this.touchEveryMillis = touchInterval(sessionIdleTimeout).toMillis();
    this.onDeviceRevoked = onDeviceRevoked;
    this.dummyHash = hasher.hash(Ids.randomBase64(24));
  }

  /** Creates a user; {@code bad_request} for an invalid name or password, {@code conflict}. */
  public CompletableFuture<User> register(String username, String password, String displayName) {
    String name = validUsername(username);
    Text.requireLength("password", password, 8, 256);
    String display = validDisplayName(displayName, name);
    if (store.userByUsername(name).isPresent()) {
      throw new MessengerException(ErrorCode.CONFLICT, "username is taken");
    }
    User user = new User(Ids.newId("u"), name, display, hasher.hash(password), clock.millis(), 0);
    return store.createUser(user);
  }

  /**
   * Checks the password and makes a new device with a fresh token; 401 on wrong credentials, 403
   * for a suspended user (told only to whoever knows the password).
   */
  public CompletableFuture<Session> login(String username, String password, String deviceName) {
    if (username == null || password == null) {
      throw MessengerException.badRequest("username and password are required");
    }
    Optional<User> user = store.userByUsername(normalizeUsername(username));
    boolean usable = user.isPresent() && user.get().hasPassword() && !user.get().deleted();
    // Always one verification, against the dummy hash when there is no real one: equal cost.
    boolean match = hasher.verify(password, usable ? user.get().passwordHash() : dummyHash);
    if (!usable || !match) {
      throw new MessengerException(ErrorCode.UNAUTHORIZED, "wrong username or password");
    }
    return startSession(user.get(), deviceName);
  }

  /**
   * A new device with a fresh token for {@code user}, whoever vouched for it (a password, a JWT,
   * the admin API).
   *
   * @throws MessengerException {@code forbidden} for a suspended user, {@code conflict} over the
   *     device cap, {@code bad_request} for a device name over 64 characters
   */
  public CompletableFuture<Session> startSession(User user, String deviceName) {
    if (deviceName != null) {
      Text.requireLength("deviceName", deviceName, 0, 64);
    }
    if (user.suspended()) {
      throw MessengerException.forbidden("this account is suspended");
    }
    if (user.deleted()) {
      throw MessengerException.notFound("no such user");
    }
    if (store.devicesOf(user.id()).size() >= maxDevicesPerUser) {
      throw new MessengerException(
          ErrorCode.CONFLICT,
          "this user has " + maxDevicesPerUser + " devices logged in; log one out first");
    }
    String token = Ids.randomBase64(TOKEN_BYTES);
    long now = clock.millis();
    Device device = new Device(Ids.newId("d"), user.id(), deviceName, now, 0, null, now, 0, null);
    return store
        .createDevice(device, hashToken(token))
        .thenApply(d -> new Session(token, d.userId(), d.id()));
  }

  /**
   * The caller a token belongs to, if the token is valid, its device not revoked and used within
   * the session idle timeout. Records the use (at most once a minute, not waiting for it).
   *
   * @throws MessengerException {@code forbidden} if the token is valid but its user is suspended
   */
  public Optional<Caller> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    Optional<Device> device = store.deviceByTokenHash(hashToken(token));
    if (device.isEmpty()) {
      return Optional.empty();
    }
    Device d = device.get();
    long now = clock.millis();
    if (now - d.activeAt() > sessionIdleMillis) {
      return Optional.empty();
    }
    Optional<User> user = store.user(d.userId());
    if (user.isEmpty() || user.get().deleted()) {
      return Optional.empty();
    }
    if (user.get().suspended()) {
      throw MessengerException.forbidden("this account is suspended");
    }
    if (lifecycle != null && now - d.activeAt() >= touchEveryMillis) {
      touch(List.of(d.id()), now);
    }
    return Optional.of(new Caller(d.userId(), d.id()));
  }

  /**
   * Records that these devices' tokens are in use now (their WebSockets are open), so an open
   * connection keeps its token alive. Does not wait for the write.
   */
  public void touch(List<String> deviceIds, long now) {
    if (lifecycle == null || deviceIds.isEmpty()) {
      return;
    }
    lifecycle
        .touchDevices(deviceIds, now)
        .whenComplete(
            (v, err) -> {
              if (err != null) {
                LOG.warn("could not record device activity", err);
              }
            });
  }

  /**
   * How often a token's use is recorded: a minute, or a quarter of {@code sessionIdleTimeout} when
   * shorter (null: a minute). The edge records open WebSockets at this interval too.
   */
  public static Duration touchInterval(Duration sessionIdleTimeout) {
    long every =
        sessionIdleTimeout == null
            ? TOUCH_EVERY_MILLIS
            : Math.min(TOUCH_EVERY_MILLIS, Math.max(1, sessionIdleTimeout.toMillis() / 4));
    return Duration.ofMillis(every);
  }

  /** Revokes the caller's device; its token stops working and its sockets are closed. */
  public CompletableFuture<Void> logout(Caller caller) {
    return store
        .revokeDevice(caller.deviceId(), clock.millis())
        .thenRun(() -> onDeviceRevoked.accept(caller));
  }

  /** The user's devices that are logged in, oldest first. */
  public List<Device> devices(String userId) {
    return store.devicesOf(userId);
  }

  /**
   * Revokes one of the caller's devices ({@code DELETE /api/v1/devices/{id}}); {@code not_found}
   * for a device that is not the caller's or is already revoked.
   */
  public CompletableFuture<Void> revokeDevice(Caller caller, String deviceId) {
    return Futures.attempt(
        () -> {
          Device d =
              (deviceId == null || deviceId.length() > 64
                      ? Optional.<Device>empty()
                      : store.device(deviceId))
                  .filter(x -> x.userId().equals(caller.userId()) && !x.revoked())
                  .orElseThrow(() -> MessengerException.notFound("no such device"));
          return logout(new Caller(caller.userId(), d.id()));
        });
  }

  /**
   * Changes the caller's password ({@code PUT /api/v1/users/me/password}) and logs out every other
   * device of the user. {@code forbidden} for a wrong old password (the token stays valid), {@code
   * bad_request} for a new one outside 8-256 characters.
   */
  public CompletableFuture<Void> changePassword(
      Caller caller, String oldPassword, String newPassword) {
    return Futures.attempt(
        () -> {
          if (oldPassword == null || newPassword == null) {
            throw MessengerException.badRequest("oldPassword and newPassword are required");
          }
          Text.requireLength("newPassword", newPassword, 8, 256);
          User u = user(caller.userId());
          boolean has = u.hasPassword();
          if (!hasher.verify(oldPassword, has ? u.passwordHash() : dummyHash) || !has) {
            throw MessengerException.forbidden("the old password is wrong");
          }
          return requireLifecycle()
              .setPassword(u.id(), hasher.hash(newPassword), caller.deviceId(), clock.millis())
              .thenAccept(
                  revoked -> revoked.forEach(id -> onDeviceRevoked.accept(new Caller(u.id(), id))));
        });
  }

  /** True if {@code password} is the user's password (erasing an account asks for it). */
  public boolean passwordMatches(String userId, String password) {
    Optional<User> u = store.user(userId);
    boolean has = u.isPresent() && u.get().hasPassword();
    boolean match =
        password != null && hasher.verify(password, has ? u.get().passwordHash() : dummyHash);
    return has && match;
  }

  public User user(String id) {
    return findUser(id).orElseThrow(() -> MessengerException.notFound("no such user"));
  }

  public Optional<User> findUser(String id) {
    return id == null || id.length() > 64 ? Optional.empty() : store.user(id);
  }

  public User userByUsername(String username) {
    return store
        .userByUsername(normalizeUsername(username))
        .filter(u -> !u.deleted())
        .orElseThrow(() -> MessengerException.notFound("no such user"));
  }

  public CompletableFuture<Void> addContact(Caller caller, String contactId) {
    if (caller.userId().equals(contactId)) {
      throw MessengerException.badRequest("you cannot add yourself as a contact");
    }
    user(contactId);
    if (!store.hasContact(caller.userId(), contactId)
        && store.contacts(caller.userId()).size() >= maxContactsPerUser) {
      throw new MessengerException(
          ErrorCode.TOO_LARGE, "a contact list holds at most " + maxContactsPerUser + " users");
    }
    return store.addContact(caller.userId(), contactId, clock.millis());
  }

  public CompletableFuture<Void> removeContact(Caller caller, String contactId) {
    return store.removeContact(caller.userId(), contactId);
  }

  public List<User> contacts(String userId) {
    return store.contacts(userId);
  }

  /** The password hasher (the admin API hashes the passwords it is given). */
  PasswordHasher hasher() {
    return hasher;
  }

  /** SHA-256 of the token in lower-case hex: what the store keeps instead of the token. */
  public static String hashToken(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /**
   * The username lower-cased and checked.
   *
   * @throws MessengerException {@code bad_request} unless 3-32 characters of a-z 0-9 _ . -
   */
  public static String validUsername(String username) {
    String name = normalizeUsername(username);
    if (name == null || !USERNAME.matcher(name).matches()) {
      throw MessengerException.badRequest("username must be 3-32 characters of a-z 0-9 _ . -");
    }
    return name;
  }

  /** True if {@code username} (lower-cased) is a valid username. */
  public static boolean isValidUsername(String username) {
    String name = normalizeUsername(username);
    return name != null && USERNAME.matcher(name).matches();
  }

  /**
   * The display name stripped, or {@code fallback} when null or blank.
   *
   * @throws MessengerException {@code bad_request} over 64 characters
   */
  public static String validDisplayName(String displayName, String fallback) {
    String display = displayName == null || displayName.isBlank() ? fallback : displayName.strip();
    return Text.requireLength("displayName", display, 1, 64);
  }

  private UserLifecycleStore requireLifecycle() {
    if (lifecycle == null) {
      throw new IllegalStateException("these Accounts were built without a lifecycle store");
    }
    return lifecycle;
  }

  private static String normalizeUsername(String username) {
    return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
  }
}
