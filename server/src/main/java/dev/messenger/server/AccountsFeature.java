package dev.messenger.server;

import dev.messenger.core.accounts.AccountAdmin;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.ExternalSignIn;
import dev.messenger.core.blocking.Blocks;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.media.Media;
import dev.messenger.core.profiles.Profiles;
import dev.messenger.server.auth.AdminKeys;
import dev.messenger.server.auth.JwtVerifier;
import dev.messenger.server.http.AccountRoutes;
import dev.messenger.server.settings.Settings;
import dev.messenger.store.Database;
import dev.messenger.store.JdbcBlockStore;
import dev.messenger.store.JdbcUserLifecycleStore;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires accounts for real deployments (PROTOCOL.md sections 6 and 8): {@link Accounts} with the
 * session idle timeout, the block rule and its cache (invalidated through the bus on {@link
 * Topics#blocks()}, cleared after a bus reconnect), the admin API, external sign-in and profiles.
 * Revocations and suspensions are published to the user's topic, so every node closes the sockets
 * (4001, 4003). Part of the composition root.
 */
final class AccountsFeature {
  /** Most users whose blocks one node keeps in memory (two small sets each). */
  static final int MAX_CACHED_BLOCK_USERS = 100_000;

  /** Least time between two fetches of the JWKS (an unknown {@code kid} fetches again). */
  static final Duration JWKS_MIN_REFRESH = Duration.ofSeconds(10);

  final JdbcUserLifecycleStore lifecycle;
  final Blocks blocks;
  final Accounts accounts;
  final AccountAdmin admin;
  final AdminKeys adminKeys;
  final AccountRoutes.JwtSignIn jwt;

  private AccountsFeature(
      JdbcUserLifecycleStore lifecycle,
      Blocks blocks,
      Accounts accounts,
      AccountAdmin admin,
      AdminKeys adminKeys,
      AccountRoutes.JwtSignIn jwt) {
    this.lifecycle = lifecycle;
    this.blocks = blocks;
    this.accounts = accounts;
    this.admin = admin;
    this.adminKeys = adminKeys;
    this.jwt = jwt;
  }

  static AccountsFeature open(
      Settings settings, Database db, AccountStore accountStore, Bus bus, Clock clock) {
    var lifecycle = new JdbcUserLifecycleStore(db);
    var blocks =
        new Blocks(new JdbcBlockStore(db), accountStore, bus, clock, MAX_CACHED_BLOCK_USERS);
    bus.subscribe(
        Topics.blocks(),
        e -> {
          if (e instanceof BusEvent.BlockChanged b) {
            blocks.invalidate(b.blockerId());
            blocks.invalidate(b.blockedId());
          }
        });
    bus.onReconnect(blocks::clear);
    var a = settings.accounts();
    Accounts accounts =
        new Accounts(
            accountStore,
            lifecycle,
            new Argon2Hasher(a.argon2MemoryKib(), a.argon2Iterations()),
            clock,
            settings.limits().maxDevicesPerUser(),
            settings.limits().maxContactsPerUser(),
            a.sessionIdleTimeout(),
            caller ->
                bus.publish(
                    Topics.user(caller.userId()), new BusEvent.DeviceRevoked(caller.deviceId())));
    AccountAdmin admin =
        new AccountAdmin(
            accounts,
            accountStore,
            lifecycle,
            clock,
            (userId, suspended) ->
                bus.publish(Topics.user(userId), new BusEvent.UserSuspended(userId, suspended)));
    AccountRoutes.JwtSignIn jwt = null;
    if (a.jwtEnabled()) {
      JwtVerifier verifier =
          new JwtVerifier(
              a.jwtSecret().reveal(),
              a.jwksUrl(),
              a.jwtIssuer(),
              a.jwtAudience(),
              JWKS_MIN_REFRESH);
      ExternalSignIn signIn = new ExternalSignIn(accounts, accountStore, lifecycle, clock);
      jwt = (token, deviceName) -> signIn.signIn(verifier.verify(token), deviceName);
    }
    return new AccountsFeature(
        lifecycle, blocks, accounts, admin, new AdminKeys(a.adminKeys()), jwt);
  }

  /** Profile edits, with the avatar rule of the media catalog. */
  Profiles profiles(Media media) {
    return new Profiles(accounts, lifecycle, media);
  }
}
