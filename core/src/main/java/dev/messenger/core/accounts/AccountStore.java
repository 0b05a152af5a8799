package dev.messenger.core.accounts;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable store of users, devices and contacts. Reads are synchronous and may block on I/O
 * (call them off the event loop); writes return a future completed only once the change is
 * committed durably. Implementations are thread-safe. Write futures fail with a {@link
 * dev.messenger.core.MessengerException} ({@code conflict}, {@code unavailable}, ...).
 */
public interface AccountStore {
  /** Stores a new user; fails with {@code conflict} if the (lower-case) username is taken. */
  CompletableFuture<User> createUser(User user);

  Optional<User> user(String id);

  /** Lookup by username, case-insensitive (usernames are stored lower-case). */
  Optional<User> userByUsername(String username);

  /** Stores a new device with the SHA-256 hash (hex) of its token. */
  CompletableFuture<Device> createDevice(Device device, String tokenHash);

  /** The device whose token hashes to {@code tokenHash}, if it exists and is not revoked. */
  Optional<Device> deviceByTokenHash(String tokenHash);

  Optional<Device> device(String deviceId);

  /** All devices of a user that are not revoked. */
  List<Device> devicesOf(String userId);

  /** Marks the device revoked at {@code at}; its token stops working. */
  CompletableFuture<Void> revokeDevice(String deviceId, long at);

  /** Sets or clears (null) the device's Web Push subscription. */
  CompletableFuture<Void> setPush(String deviceId, Device.PushSubscription push);

  /** Adds {@code contactId} to {@code ownerId}'s contacts; adding twice is a no-op. */
  CompletableFuture<Void> addContact(String ownerId, String contactId, long at);

  CompletableFuture<Void> removeContact(String ownerId, String contactId);

  /** The users in {@code ownerId}'s contact list, by username. */
  List<User> contacts(String ownerId);

  boolean hasContact(String ownerId, String contactId);

  /** Records when the user was last seen online (ms since the epoch). */
  CompletableFuture<Void> setLastSeen(String userId, long at);
}
