package dev.messenger.core.testing;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link AccountStore} in memory, per the interface's Javadoc. Thread-safe: every method holds
 * this object's lock. Write futures are completed before they are returned. {@link #tokenHashes()}
 * shows what a store would persist of the tokens.
 */
public final class InMemoryAccountStore
    implements AccountStore, dev.messenger.core.push.PushOutcomeStore {
  private final Map<String, User> users = new HashMap<>();
  private final Map<String, String> userIdByUsername = new HashMap<>();

  /** In creation order. */
  private final Map<String, Device> devices = new LinkedHashMap<>();

  private final Map<String, String> deviceIdByTokenHash = new HashMap<>();
  private final Map<String, Set<String>> contacts = new HashMap<>();

  @Override
  public synchronized CompletableFuture<User> createUser(User user) {
    String key = user.username().toLowerCase(Locale.ROOT);
    if (userIdByUsername.containsKey(key) || users.containsKey(user.id())) {
      return CompletableFuture.failedFuture(
          new MessengerException(ErrorCode.CONFLICT, "username is taken"));
    }
    users.put(user.id(), user);
    userIdByUsername.put(key, user.id());
    return CompletableFuture.completedFuture(user);
  }

  @Override
  public synchronized Optional<User> user(String id) {
    return Optional.ofNullable(users.get(id));
  }

  @Override
  public synchronized Optional<User> userByUsername(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(userIdByUsername.get(username.toLowerCase(Locale.ROOT)))
        .map(users::get);
  }

  @Override
  public synchronized CompletableFuture<Device> createDevice(Device device, String tokenHash) {
    if (devices.containsKey(device.id()) || deviceIdByTokenHash.containsKey(tokenHash)) {
      return CompletableFuture.failedFuture(
          new MessengerException(ErrorCode.UNAVAILABLE, "duplicate device or token"));
    }
    devices.put(device.id(), device);
    deviceIdByTokenHash.put(tokenHash, device.id());
    return CompletableFuture.completedFuture(device);
  }

  @Override
  public synchronized Optional<Device> deviceByTokenHash(String tokenHash) {
    return Optional.ofNullable(deviceIdByTokenHash.get(tokenHash))
        .map(devices::get)
        .filter(d -> !d.revoked());
  }

  @Override
  public synchronized Optional<Device> device(String deviceId) {
    return Optional.ofNullable(devices.get(deviceId));
  }

  @Override
  public synchronized List<Device> devicesOf(String userId) {
    return devices.values().stream()
        .filter(d -> d.userId().equals(userId) && !d.revoked())
        .toList();
  }

  @Override
  public synchronized CompletableFuture<Void> revokeDevice(String deviceId, long at) {
    Device d = devices.get(deviceId);
    if (d != null && !d.revoked()) {
      devices.put(deviceId, new Device(d.id(), d.userId(), d.name(), d.createdAt(), at, null));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> setPush(
      String deviceId, Device.PushSubscription push) {
    Device d = devices.get(deviceId);
    if (d != null) {
      devices.put(
          deviceId, new Device(d.id(), d.userId(), d.name(), d.createdAt(), d.revokedAt(), push));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> setPushOutcome(
      String deviceId, long successAt, String error) {
    Device d = devices.get(deviceId);
    if (d != null) {
      devices.put(
          deviceId,
          new Device(
              d.id(),
              d.userId(),
              d.name(),
              d.createdAt(),
              d.revokedAt(),
              d.push(),
              d.lastActiveAt(),
              error == null ? successAt : d.pushLastSuccessAt(),
              error == null ? d.pushLastError() : error,
              d.pushType()));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> dropPush(
      String deviceId, String endpoint, String error) {
    Device d = devices.get(deviceId);
    if (d != null && d.push() != null && d.push().endpoint().equals(endpoint)) {
      devices.put(
          deviceId,
          new Device(
              d.id(),
              d.userId(),
              d.name(),
              d.createdAt(),
              d.revokedAt(),
              null,
              d.lastActiveAt(),
              d.pushLastSuccessAt(),
              error,
              d.pushType()));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> addContact(
      String ownerId, String contactId, long at) {
    contacts.computeIfAbsent(ownerId, k -> new LinkedHashSet<>()).add(contactId);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletableFuture<Void> removeContact(String ownerId, String contactId) {
    Set<String> set = contacts.get(ownerId);
    if (set != null) {
      set.remove(contactId);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized List<User> contacts(String ownerId) {
    List<User> out = new ArrayList<>();
    for (String id : contacts.getOrDefault(ownerId, Set.of())) {
      User u = users.get(id);
      if (u != null) {
        out.add(u);
      }
    }
    out.sort(Comparator.comparing(User::username));
    return out;
  }

  @Override
  public synchronized boolean hasContact(String ownerId, String contactId) {
    return contacts.getOrDefault(ownerId, Set.of()).contains(contactId);
  }

  @Override
  public synchronized CompletableFuture<Void> setLastSeen(String userId, long at) {
    User u = users.get(userId);
    if (u != null) {
      users.put(
          userId,
          new User(u.id(), u.username(), u.displayName(), u.passwordHash(), u.createdAt(), at));
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Every token hash stored, revoked devices' included: all the store knows of tokens. */
  public synchronized Set<String> tokenHashes() {
    return Set.copyOf(deviceIdByTokenHash.keySet());
  }

  /** Every user stored. */
  public synchronized List<User> users() {
    return List.copyOf(users.values());
  }
}
