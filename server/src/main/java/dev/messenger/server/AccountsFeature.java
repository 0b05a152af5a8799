package dev.messenger.server;

import dev.messenger.core.accounts.AccountAdmin;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.ExternalSignIn;
import dev.messenger.core.blocking.Blocks;
import dev.messenger.core.bus.Bus;
import dev.messenger.core.bus.BusEvent;
import dev.messenger.core.bus.Topics;
import dev.messenger.core.conversations.Conversations;
import dev.messenger.core.media.Media;
import dev.messenger.core.media.MediaStore;
import dev.messenger.core.messaging.Messaging;
import dev.messenger.core.presence.Presence;
import dev.messenger.core.privacy.Erasure;
import dev.messenger.core.privacy.Export;
import dev.messenger.core.profiles.Profiles;
import dev.messenger.server.auth.AdminKeys;
import dev.messenger.server.auth.JwtVerifier;
import dev.messenger.server.http.AccountRoutes;
import dev.messenger.server.http.AdminRoutes;
import dev.messenger.server.http.DeviceRoutes;
import dev.messenger.server.http.Http;
import dev.messenger.server.http.PrivacyRoutes;
import dev.messenger.server.http.ProfileRoutes;
import dev.messenger.server.limits.RateLimits;
import dev.messenger.server.settings.Settings;
import dev.messenger.store.Database;
import dev.messenger.store.JdbcBlockStore;
import dev.messenger.store.JdbcErasureStore;
import dev.messenger.store.JdbcUserLifecycleStore;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.IntSupplier;

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
  private final Database db;
  private final Bus bus;
  private final Clock clock;

  private AccountsFeature(
      Database db,
      Bus bus,
      Clock clock,
      JdbcUserLifecycleStore lifecycle,
      Blocks blocks,
      Accounts accounts,
      AccountAdmin admin,
      AdminKeys adminKeys,
      AccountRoutes.JwtSignIn jwt) {
    this.db = db;
    this.bus = bus;
    this.clock = clock;
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
        db, bus, clock, lifecycle, blocks, accounts, admin, new AdminKeys(a.adminKeys()), jwt);
  }

  /** What the account routes call besides this feature's own services. */
  record Edge(
      Presence presence,
      RateLimits rateLimits,
      Media media,
      Conversations conversations,
      Messaging messaging,
      Executor workers) {}

  /**
   * Mounts the account, device, profile, block, admin, erasure and export routes, and finishes in
   * the background the erasures a crash left pending.
   *
   * @param connections open WebSockets on this node (admin stats)
   * @param onNewMessage counts a message stored through the admin API
   */
  void mount(Router router, Http http, Edge edge, IntSupplier connections, Runnable onNewMessage) {
    ProfileRoutes.mount(router, http, accounts, profiles(edge.media()), blocks);
    DeviceRoutes.mount(router, http, accounts);
    AccountRoutes.mount(router, http, accounts, edge.presence(), edge.rateLimits(), jwt);
    AdminRoutes.mount(
        router,
        http,
        adminKeys,
        admin,
        edge.conversations(),
        edge.messaging(),
        connections,
        onNewMessage);
    Privacy privacy = privacy(edge.conversations(), edge.media().store(), edge.workers());
    PrivacyRoutes.mount(
        router, http, adminKeys, accounts, privacy.erasure(), privacy.export(), clock);
    edge.workers().execute(privacy.erasure()::resumePending);
  }

  /** Erasure (resumable) and export, over the conversations and the media bytes. */
  private Privacy privacy(Conversations conversations, MediaStore media, Executor workers) {
    var store = new JdbcErasureStore(db);
    Erasure erasure =
        new Erasure(
            store,
            conversations,
            media,
            clock,
            workers,
            caller ->
                bus.publish(
                    Topics.user(caller.userId()), new BusEvent.DeviceRevoked(caller.deviceId())));
    return new Privacy(erasure, new Export(accounts, conversations, store));
  }

  /** Erasure and export, as wired. */
  record Privacy(Erasure erasure, Export export) {}

  /** Profile edits, with the avatar rule of the media catalog. */
  Profiles profiles(Media media) {
    return new Profiles(accounts, lifecycle, media);
  }
}
