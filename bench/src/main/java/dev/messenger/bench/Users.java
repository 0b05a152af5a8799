package dev.messenger.bench;

import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.List;

/**
 * Registers a run's users over HTTP (register, then log in), a bounded number at a time. Names are
 * {@code <prefix>_<index>}, the prefix unique per run so runs never collide on a reused data dir.
 */
final class Users {
  static final String PASSWORD = "bench-password-1";

  private Users() {}

  /** A fresh run prefix: {@code b} plus a base-36 time and random suffix, at most 16 chars. */
  static String newPrefix() {
    String t = Long.toString(System.currentTimeMillis() % 100_000_000_000L, 36);
    String r = Integer.toString(new SecureRandom().nextInt(36 * 36 * 36), 36);
    return "b" + t + r;
  }

  /**
   * Registers and logs in {@code count} users.
   *
   * @param maxInFlight most users being registered at once
   */
  static Future<List<Account>> register(Api api, String prefix, int count, int maxInFlight) {
    return Bounded.run(
        count,
        maxInFlight,
        i -> {
          String name = prefix + "_" + i;
          return api.register(name, PASSWORD)
              .compose(
                  id ->
                      api.login(name, PASSWORD)
                          .map(token -> new Account(name, PASSWORD, id, token)));
        });
  }
}
