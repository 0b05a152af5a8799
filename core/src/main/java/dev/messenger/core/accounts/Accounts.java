package dev.messenger.core.accounts;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Registration, login, logout, token authentication, user lookup and contacts (PROTOCOL.md section
 * 2). Thread-safe. Methods block on the store and the password hash: call them off the event loop.
 * Rule violations throw (or fail the future with) {@link MessengerException}.
 */
public final class Accounts {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");

  /** 32 random bytes: 256 bits, above the protocol's 128. */
  private static final int TOKEN_BYTES = 32;

  private final AccountStore store;
  private final PasswordHasher hasher;
  private final Clock clock;
  private final Consumer<Caller> onDeviceRevoked;
  private final int maxDevicesPerUser;
  private final int maxContactsPerUser;

  /**
   * @param onDeviceRevoked called with the caller after its logout is committed, so the edge can
   *     close that device's sockets with 4001
   */
  public Accounts(
      AccountStore store, PasswordHasher hasher, Clock clock, Consumer<Caller> onDeviceRevoked) {
    this(store, hasher, clock, Integer.MAX_VALUE, Integer.MAX_VALUE, onDeviceRevoked);
  }

  /**
   * @param maxDevicesPerUser logged-in devices a user may have at once; one more login is {@code
   *     conflict}
   * @param maxContactsPerUser contacts a user may have; one more is {@code too_large}
   */
  public Accounts(
      AccountStore store,
      PasswordHasher hasher,
      Clock clock,
      int maxDevicesPerUser,
      int maxContactsPerUser,
      Consumer<Caller> onDeviceRevoked) {
    this.store = store;
    this.hasher = hasher;
    this.clock = clock;
    this.maxDevicesPerUser = maxDevicesPerUser;
    this.maxContactsPerUser = maxContactsPerUser;
    this.onDeviceRevoked = onDeviceRevoked;
  }

  /** Creates a user; {@code bad_request} for an invalid name or password, {@code conflict}. */
  public CompletableFuture<User> register(String username, String password, String displayName) {
    String name = normalizeUsername(username);
    if (name == null || !USERNAME.matcher(name).matches()) {
      throw MessengerException.badRequest("username must be 3-32 characters of a-z 0-9 _ . -");
    }
    Text.requireLength("password", password, 8, 256);
    String display = displayName == null || displayName.isBlank() ? name : displayName.strip();
    Text.requireLength("displayName", display, 1, 64);
    if (store.userByUsername(name).isPresent()) {
      throw new MessengerException(ErrorCode.CONFLICT, "username is taken");
    }
    User user = new User(Ids.newId("u"), name, display, hasher.hash(password), clock.millis(), 0);
    return store.createUser(user);
  }

  /** Checks the password and makes a new device with a fresh token; 401 on wrong credentials. */
  public CompletableFuture<Session> login(String username, String password, String deviceName) {
    if (username == null || password == null) {
      throw MessengerException.badRequest("username and password are required");
    }
    if (deviceName != null) {
      Text.requireLength("deviceName", deviceName, 0, 64);
    }
    Optional<User> user = store.userByUsername(normalizeUsername(username));
    if (user.isEmpty() || !hasher.verify(password, user.get().passwordHash())) {
      throw new MessengerException(ErrorCode.UNAUTHORIZED, "wrong username or password");
    }
    if (store.devicesOf(user.get().id()).size() >= maxDevicesPerUser) {
      throw new MessengerException(
          ErrorCode.CONFLICT,
          "this user has " + maxDevicesPerUser + " devices logged in; log one out first");
    }
    String token = Ids.randomBase64(TOKEN_BYTES);
    Device device =
        new Device(Ids.newId("d"), user.get().id(), deviceName, clock.millis(), 0, null);
    return store
        .createDevice(device, hashToken(token))
        .thenApply(d -> new Session(token, d.userId(), d.id()));
  }

  /** The caller a token belongs to, if the token is valid and its device not revoked. */
  public Optional<Caller> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 512) {
      return Optional.empty();
    }
    return store.deviceByTokenHash(hashToken(token)).map(d -> new Caller(d.userId(), d.id()));
  }

  /** Revokes the caller's device; its token stops working and its sockets are closed. */
  public CompletableFuture<Void> logout(Caller caller) {
    return store
        .revokeDevice(caller.deviceId(), clock.millis())
        .thenRun(() -> onDeviceRevoked.accept(caller));
  }

  public User user(String id) {
    return store.user(id).orElseThrow(() -> MessengerException.notFound("no such user"));
  }

  public Optional<User> findUser(String id) {
    return id == null ? Optional.empty() : store.user(id);
  }

  public User userByUsername(String username) {
    return store
        .userByUsername(normalizeUsername(username))
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

  /** SHA-256 of the token in lower-case hex: what the store keeps instead of the token. */
  public static String hashToken(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static String normalizeUsername(String username) {
    return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
  }
}
