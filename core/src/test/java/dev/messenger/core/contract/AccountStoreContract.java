package dev.messenger.core.contract;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.Ids;
import dev.messenger.core.accounts.AccountStore;
import dev.messenger.core.accounts.Accounts;
import dev.messenger.core.accounts.Device;
import dev.messenger.core.accounts.User;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link AccountStore} must do, per its Javadoc. An adapter's test extends this class
 * and supplies a fresh, empty store per test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AccountStoreContract {
  protected AccountStore store;
  private long now = 1_700_000_000_000L;

  /** A fresh, empty store; called once before each test. */
  protected abstract AccountStore newAccountStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newAccountStore();
  }

  // ------------------------------------------------------------------ users

  @Test
  void createUser_thenReadById() {
    User u = newUser("alice");

    User created = await(store.createUser(u));

    assertThat(created).isEqualTo(u);
    assertThat(store.user(u.id())).contains(u);
  }

  @Test
  void createUser_sameUsername_failsConflict() {
    await(store.createUser(newUser("alice")));

    assertFailsWith(ErrorCode.CONFLICT, () -> store.createUser(newUser("alice")));

    assertThat(store.userByUsername("alice")).isPresent();
  }

  @Test
  void createUser_conflict_doesNotBreakLaterWrites() {
    await(store.createUser(newUser("alice")));
    assertFailsWith(ErrorCode.CONFLICT, () -> store.createUser(newUser("alice")));

    User bob = await(store.createUser(newUser("bob")));

    assertThat(store.user(bob.id())).contains(bob);
  }

  @Test
  void userByUsername_findsIt_unknownEmpty() {
    User alice = await(store.createUser(newUser("alice")));

    assertThat(store.userByUsername("alice")).contains(alice);
    assertThat(store.userByUsername("bob")).isEmpty();
    assertThat(store.user("u_missing")).isEmpty();
  }

  /** Public so that an adapter's test can override it (to disable it with a bug note). */
  @Test
  public void userByUsername_anyCase_findsLowerCaseUser() {
    User alice = await(store.createUser(newUser("alice")));

    assertThat(store.userByUsername("ALICE")).contains(alice);
    assertThat(store.userByUsername("Alice")).contains(alice);
  }

  @Test
  void setLastSeen_storesIt() {
    User alice = await(store.createUser(newUser("alice")));

    await(store.setLastSeen(alice.id(), 1_700_000_123_456L));

    assertThat(store.user(alice.id()).orElseThrow().lastSeen()).isEqualTo(1_700_000_123_456L);
  }

  // ------------------------------------------------------------------ devices

  @Test
  void createDevice_thenFoundByTokenHash() {
    User alice = await(store.createUser(newUser("alice")));
    Device d = newDevice(alice, "phone");
    String hash = Accounts.hashToken("token-1");

    Device created = await(store.createDevice(d, hash));

    assertThat(created).isEqualTo(d);
    assertThat(store.deviceByTokenHash(hash)).contains(d);
    assertThat(store.device(d.id())).contains(d);
    assertThat(store.deviceByTokenHash(Accounts.hashToken("other token"))).isEmpty();
  }

  @Test
  void devicesOf_listsUnrevokedDevicesOfThatUser() {
    User alice = await(store.createUser(newUser("alice")));
    User bob = await(store.createUser(newUser("bob")));
    Device phone = await(store.createDevice(newDevice(alice, "phone"), Accounts.hashToken("1")));
    Device laptop = await(store.createDevice(newDevice(alice, "laptop"), Accounts.hashToken("2")));
    await(store.createDevice(newDevice(bob, "bob's"), Accounts.hashToken("3")));
    Device old = await(store.createDevice(newDevice(alice, "old"), Accounts.hashToken("4")));
    await(store.revokeDevice(old.id(), tick()));

    assertThat(store.devicesOf(alice.id())).containsExactly(phone, laptop);
  }

  @Test
  void revokeDevice_tokenStopsWorking() {
    User alice = await(store.createUser(newUser("alice")));
    Device d = newDevice(alice, "phone");
    String hash = Accounts.hashToken("token-1");
    await(store.createDevice(d, hash));
    long at = tick();

    await(store.revokeDevice(d.id(), at));

    assertThat(store.deviceByTokenHash(hash)).isEmpty();
    Device revoked = store.device(d.id()).orElseThrow();
    assertThat(revoked.revoked()).isTrue();
    assertThat(revoked.revokedAt()).isEqualTo(at);
    assertThat(store.devicesOf(alice.id())).isEmpty();
  }

  @Test
  void revokeDevice_leavesOtherDevicesWorking() {
    User alice = await(store.createUser(newUser("alice")));
    Device phone = await(store.createDevice(newDevice(alice, "phone"), Accounts.hashToken("1")));
    Device laptop = await(store.createDevice(newDevice(alice, "laptop"), Accounts.hashToken("2")));

    await(store.revokeDevice(phone.id(), tick()));

    assertThat(store.deviceByTokenHash(Accounts.hashToken("2"))).contains(laptop);
  }

  @Test
  void setPush_setsAndClears() {
    User alice = await(store.createUser(newUser("alice")));
    Device d = await(store.createDevice(newDevice(alice, "phone"), Accounts.hashToken("1")));
    var push = new Device.PushSubscription("https://push.example/abc", "p256dh-key", "auth-key");

    await(store.setPush(d.id(), push));
    assertThat(store.device(d.id()).orElseThrow().push()).isEqualTo(push);
    assertThat(store.devicesOf(alice.id()))
        .singleElement()
        .extracting(Device::push)
        .isEqualTo(push);

    await(store.setPush(d.id(), null));
    assertThat(store.device(d.id()).orElseThrow().push()).isNull();
  }

  @Test
  void setPush_keepsFcmAndApnsTokens_withTheirType() {
    User alice = await(store.createUser(newUser("alice")));
    Device d = await(store.createDevice(newDevice(alice, "phone"), Accounts.hashToken("1")));

    var fcm = Device.PushSubscription.fcm("fcm-token:abc");
    await(store.setPush(d.id(), fcm));
    assertThat(store.device(d.id()).orElseThrow().push()).isEqualTo(fcm);
    assertThat(store.device(d.id()).orElseThrow().pushType()).isEqualTo("fcm");

    var apns = Device.PushSubscription.apns("0a".repeat(32), "sandbox");
    await(store.setPush(d.id(), apns));
    Device read = store.device(d.id()).orElseThrow();
    assertThat(read.push()).isEqualTo(apns);
    assertThat(read.push().environment()).isEqualTo("sandbox");
    assertThat(read.pushType()).isEqualTo("apns");
  }

  // ------------------------------------------------------------------ contacts

  @Test
  void addContact_listedAndHasContact_oneWay() {
    User alice = await(store.createUser(newUser("alice")));
    User bob = await(store.createUser(newUser("bob")));

    await(store.addContact(alice.id(), bob.id(), tick()));

    assertThat(store.contacts(alice.id())).containsExactly(bob);
    assertThat(store.hasContact(alice.id(), bob.id())).isTrue();
    assertThat(store.hasContact(bob.id(), alice.id())).isFalse();
    assertThat(store.contacts(bob.id())).isEmpty();
  }

  @Test
  void addContact_twice_isNoOp() {
    User alice = await(store.createUser(newUser("alice")));
    User bob = await(store.createUser(newUser("bob")));
    await(store.addContact(alice.id(), bob.id(), tick()));

    await(store.addContact(alice.id(), bob.id(), tick()));

    assertThat(store.contacts(alice.id())).containsExactly(bob);
  }

  @Test
  void removeContact_removesIt_unknownIsNoOp() {
    User alice = await(store.createUser(newUser("alice")));
    User bob = await(store.createUser(newUser("bob")));
    User carol = await(store.createUser(newUser("carol")));
    await(store.addContact(alice.id(), bob.id(), tick()));
    await(store.addContact(alice.id(), carol.id(), tick()));

    await(store.removeContact(alice.id(), bob.id()));
    await(store.removeContact(alice.id(), bob.id()));

    assertThat(store.contacts(alice.id())).containsExactly(carol);
    assertThat(store.hasContact(alice.id(), bob.id())).isFalse();
  }

  @Test
  void contacts_orderedByUsername() {
    User owner = await(store.createUser(newUser("owner")));
    User zed = await(store.createUser(newUser("zed")));
    User amy = await(store.createUser(newUser("amy")));
    User mia = await(store.createUser(newUser("mia")));
    for (User u : new User[] {zed, amy, mia}) {
      await(store.addContact(owner.id(), u.id(), tick()));
    }

    assertThat(store.contacts(owner.id())).containsExactly(amy, mia, zed);
  }

  // ------------------------------------------------------------------ helpers

  protected User newUser(String username) {
    return new User(Ids.newId("u"), username, "Name of " + username, "plain:hash", tick(), 0);
  }

  protected Device newDevice(User owner, String name) {
    return new Device(Ids.newId("d"), owner.id(), name, tick(), 0, null);
  }

  protected long tick() {
    now += 10;
    return now;
  }
}
