package dev.messenger.core.accounts;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Futures;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import dev.messenger.core.Text;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * What the operator's own backend does through the admin API (PROTOCOL.md section 8, "Server API
 * for the operator's own backend"): create users (with an external id and an optional password),
 * find them by external id, sign them in, suspend them. Thread-safe; blocks on the store (call off
 * the event loop). Failures are {@link MessengerException}s in the returned future.
 */
public final class AccountAdmin {
  private final Accounts accounts;
  private final AccountStore store;
  private final UserLifecycleStore lifecycle;
  private final Clock clock;
  private final BiConsumer<String, Boolean> onSuspended;

  /**
   * @param onSuspended told (user id, suspended) after a suspension or its lifting is committed:
   *     the wiring publishes it so that every node closes the user's sockets with 4003
   */
  public AccountAdmin(
      Accounts accounts,
      AccountStore store,
      UserLifecycleStore lifecycle,
      Clock clock,
      BiConsumer<String, Boolean> onSuspended) {
    this.accounts = accounts;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.onSuspended = onSuspended;
  }

  /**
   * Creates a user. Without a password the user signs in only through {@link #startSession} (or a
   * JWT). {@code conflict} if the username or the external id is taken.
   */
  public CompletableFuture<User> createUser(
      String username, String displayName, String password, String externalId) {
    return Futures.attempt(
        () -> {
          String name = Accounts.validUsername(username);
          String display = Accounts.validDisplayName(displayName, name);
          if (password != null) {
            Text.requireLength("password", password, 8, 256);
          }
          if (externalId != null) {
            Text.requireLength("externalId", externalId, 1, 256);
          }
          if (store.userByUsername(name).isPresent()) {
            throw new MessengerException(ErrorCode.CONFLICT, "username is taken");
          }
          if (externalId != null && lifecycle.userByExternalId(externalId).isPresent()) {
            throw new MessengerException(ErrorCode.CONFLICT, "externalId is taken");
          }
          String hash = password == null ? "" : accounts.hasher().hash(password);
          User u = new User(Ids.newId("u"), name, display, hash, clock.millis(), 0);
          return lifecycle.createLinkedUser(u, new UserLifecycleStore.Link(null, null, externalId));
        });
  }

  /** The user created with this external id; {@code not_found} if none. */
  public User byExternalId(String externalId) {
    if (externalId == null || externalId.isEmpty() || externalId.length() > 256) {
      throw MessengerException.badRequest("externalId is required (1-256 characters)");
    }
    return lifecycle
        .userByExternalId(externalId)
        .filter(u -> !u.deleted())
        .orElseThrow(() -> MessengerException.notFound("no such user"));
  }

  /** A new device and token for the user: the app signs its user in. */
  public CompletableFuture<Session> startSession(String userId, String deviceName) {
    return Futures.attempt(() -> accounts.startSession(live(userId), deviceName));
  }

  /** Suspends or lifts the suspension; the user's sockets close with 4003 on every node. */
  public CompletableFuture<Void> setSuspended(String userId, boolean suspended) {
    return Futures.attempt(
        () -> {
          live(userId);
          return lifecycle
              .setSuspended(userId, suspended ? clock.millis() : 0)
              .thenRun(() -> onSuspended.accept(userId, suspended));
        });
  }

  /** The user unless erased; {@code not_found} otherwise. */
  public User live(String userId) {
    return accounts
        .findUser(userId)
        .filter(u -> !u.deleted())
        .orElseThrow(() -> MessengerException.notFound("no such user"));
  }

  /** Counts for the stats endpoint. */
  public UserLifecycleStore.Stats stats() {
    return lifecycle.stats();
  }
}
