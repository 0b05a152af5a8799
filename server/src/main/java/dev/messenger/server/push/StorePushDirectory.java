package dev.messenger.server.push;

import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.User;
import dev.messenger.core.push.PushDirectory;
import dev.messenger.core.store.MemberSettingsStore;

/**
 * {@link PushDirectory} over the stores (PROTOCOL.md section 9): display names from the accounts,
 * the badge as the sum of the user's {@code unreadCount}s. Reads block on the store; thread-safe.
 */
public final class StorePushDirectory implements PushDirectory {
  private final AccountStore accounts;
  private final MemberSettingsStore settings;

  public StorePushDirectory(AccountStore accounts, MemberSettingsStore settings) {
    this.accounts = accounts;
    this.settings = settings;
  }

  @Override
  public String displayName(String userId) {
    return accounts.user(userId).map(User::displayName).orElse(null);
  }

  @Override
  public long unreadTotal(String userId) {
    return settings.unreadCounts(userId).values().stream().mapToLong(Long::longValue).sum();
  }
}
