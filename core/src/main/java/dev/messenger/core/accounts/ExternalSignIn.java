package dev.messenger.core.accounts;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Futures;
import dev.messenger.core.Ids;
import dev.messenger.core.MessengerException;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * External sign-in (PROTOCOL.md section 8): the user linked to a verified token's ({@code iss},
 * {@code sub}), created on first sign-in with the username from {@code preferred_username} when
 * free and valid (else a generated one) and the display name from {@code name}. The token itself is
 * verified by the edge (signature, {@code exp}, {@code nbf}, {@code iss}, {@code aud}); this class
 * sees only its claims. Thread-safe; blocks on the store.
 */
public final class ExternalSignIn {
  /**
   * What a verified token says about its user. {@code preferredUsername} and {@code name} may be
   * null.
   */
  public record Claims(String issuer, String subject, String preferredUsername, String name) {}

  private final Accounts accounts;
  private final AccountStore store;
  private final UserLifecycleStore lifecycle;
  private final Clock clock;

  public ExternalSignIn(
      Accounts accounts, AccountStore store, UserLifecycleStore lifecycle, Clock clock) {
    this.accounts = accounts;
    this.store = store;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /**
   * Signs the linked user in on a new device, creating the user first if needed.
   *
   * @throws MessengerException {@code unauthorized} without an issuer or subject, {@code forbidden}
   *     for a suspended user, {@code conflict} over the device cap
   */
  public CompletableFuture<Session> signIn(Claims claims, String deviceName) {
    return Futures.attempt(
        () -> {
          if (claims.issuer() == null || claims.subject() == null || claims.subject().isEmpty()) {
            throw new MessengerException(ErrorCode.UNAUTHORIZED, "the token has no iss or sub");
          }
          Optional<User> linked = lifecycle.userByIssuerSubject(claims.issuer(), claims.subject());
          if (linked.isPresent()) {
            if (linked.get().deleted()) {
              throw new MessengerException(ErrorCode.UNAUTHORIZED, "this account was erased");
            }
            return accounts.startSession(linked.get(), deviceName);
          }
          return create(claims).thenCompose(u -> accounts.startSession(u, deviceName));
        });
  }

  /** Creates the linked user; if another sign-in linked it meanwhile, that user. */
  private CompletableFuture<User> create(Claims claims) {
    String display = displayName(claims.name());
    String username = username(claims.preferredUsername());
    User u =
        new User(
            Ids.newId("u"), username, display == null ? username : display, "", clock.millis(), 0);
    return lifecycle
        .createLinkedUser(u, new UserLifecycleStore.Link(claims.issuer(), claims.subject(), null))
        .exceptionallyCompose(
            err -> {
              Optional<User> raced =
                  lifecycle.userByIssuerSubject(claims.issuer(), claims.subject());
              if (raced.isPresent()) {
                return CompletableFuture.completedFuture(raced.get());
              }
              // The username was taken between the check and the insert: one more try, generated.
              if (MessengerException.unwrap(err).code() == ErrorCode.CONFLICT) {
                User again =
                    new User(Ids.newId("u"), generated(), u.displayName(), "", u.createdAt(), 0);
                return lifecycle.createLinkedUser(
                    again, new UserLifecycleStore.Link(claims.issuer(), claims.subject(), null));
              }
              throw err instanceof CompletionException c ? c : new CompletionException(err);
            });
  }

  private String username(String preferred) {
    if (preferred != null && Accounts.isValidUsername(preferred)) {
      String name = preferred.strip().toLowerCase(Locale.ROOT);
      if (store.userByUsername(name).isEmpty()) {
        return name;
      }
    }
    return generated();
  }

  private static String generated() {
    return ("user-" + Ids.randomBase64(9)).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
  }

  private static String displayName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String n = name.strip();
    return n.codePointCount(0, n.length()) > 64 ? n.substring(0, n.offsetByCodePoints(0, 64)) : n;
  }
}
