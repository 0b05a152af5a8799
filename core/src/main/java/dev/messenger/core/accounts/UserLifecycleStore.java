package dev.messenger.core.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The account changes of PROTOCOL.md section 8 that a running deployment needs beside {@link
 * AccountStore}: users linked to an outside identity, profile and password changes, suspension,
 * device activity and revocation in bulk. Reads are synchronous and may block on I/O (call them off
 * the event loop); writes return a future completed only once the change is committed durably, and
 * failed with a {@link dev.messenger.core.MessengerException} ({@code conflict}, {@code
 * unavailable}). Implementations are thread-safe.
 */
public interface UserLifecycleStore {

  /**
   * Who a new user is in the outside world; every field may be null. {@code issuer} and {@code
   * subject} come from a verified JWT, {@code externalId} from the operator's admin API call.
   */
  record Link(String issuer, String subject, String externalId) {
    public static final Link NONE = new Link(null, null, null);
  }

  /**
   * Stores a new user with its link in one transaction; fails with {@code conflict} if the
   * username, the (issuer, subject) pair or the external id is taken.
   */
  CompletableFuture<User> createLinkedUser(User user, Link link);

  /** The user linked to a JWT issuer and subject. */
  Optional<User> userByIssuerSubject(String issuer, String subject);

  /** The user created with this external id through the admin API. */
  Optional<User> userByExternalId(String externalId);

  /** Sets the display name and the avatar media id (null: none). */
  CompletableFuture<Void> setProfile(String userId, String displayName, String avatar);

  /**
   * Replaces the password hash and revokes every device of the user but {@code keepDeviceId}, in
   * one transaction; returns the ids of the devices it revoked.
   */
  CompletableFuture<List<String>> setPassword(
      String userId, String passwordHash, String keepDeviceId, long at);

  /** Suspends ({@code at} > 0) or lifts the suspension ({@code at} = 0). */
  CompletableFuture<Void> setSuspended(String userId, long at);

  /** Records that these devices' tokens were used at {@code at} (one transaction). */
  CompletableFuture<Void> touchDevices(Collection<String> deviceIds, long at);

  /** Records a push outcome on the device: success at {@code at}, or the error text. */
  CompletableFuture<Void> setPushOutcome(String deviceId, long successAt, String error);

  /** Counts for {@code GET /api/v1/admin/stats}: users not erased, conversations, messages. */
  Stats stats();

  /** What the operator sees in {@code GET /api/v1/admin/stats}. */
  record Stats(long users, long conversations, long messages) {}
}
