package dev.messenger.client.cli;

import dev.messenger.client.ApiException;
import dev.messenger.client.MessengerClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * User id to username, asked from the server once per id and cached; an id that cannot be resolved
 * stands for itself. Thread-safe.
 */
final class Names implements Function<String, String> {
  private final MessengerClient client;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  Names(MessengerClient client) {
    this.client = client;
  }

  /** Records a name already known, saving a request. */
  Names put(String userId, String username) {
    if (userId != null && username != null) {
      cache.put(userId, username);
    }
    return this;
  }

  @Override
  public String apply(String userId) {
    if (userId == null) {
      return "?";
    }
    return cache.computeIfAbsent(userId, this::fetch);
  }

  private String fetch(String userId) {
    try {
      String name = client.user(userId).username();
      return name == null ? userId : name;
    } catch (ApiException | java.io.UncheckedIOException e) {
      return userId;
    }
  }
}
