package dev.messenger.core.accounts;

import static dev.messenger.core.testing.Failures.assertFailsWith;
import static dev.messenger.core.testing.Failures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.testing.CoreFixture;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountsTest {
  private static final String PASSWORD = "correct horse";

  private CoreFixture f;
  private Accounts accounts;

  @BeforeEach
  void setUp() {
    f = new CoreFixture();
    accounts = f.accounts;
  }

  // ------------------------------------------------------------------ register

  @Test
  void register_storesLowerCaseName_hashedPassword_defaultDisplayName() {
    User u = await(accounts.register("  Alice_1.x-Y ", PASSWORD, null));

    assertThat(u.username()).isEqualTo("alice_1.x-y");
    assertThat(u.displayName()).isEqualTo("alice_1.x-y");
    assertThat(u.passwordHash()).isNotEqualTo(PASSWORD).doesNotContain(PASSWORD);
    assertThat(u.createdAt()).isEqualTo(f.clock.millis());
    assertThat(f.accountStore.user(u.id())).contains(u);
  }

  @Test
  void register_keepsDisplayName() {
    User u = await(accounts.register("bob", PASSWORD, "  Bob the Builder  "));

    assertThat(u.displayName()).isEqualTo("Bob the Builder");
  }

  @Test
  void register_usernamePattern_badRequest() {
    for (String name :
        new String[] {
          null, "", "ab", "x".repeat(33), "al ice", "alice!", "ålice", "a/b", "a@b.c"
        }) {
      assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.register(name, PASSWORD, null));
    }
    assertThat(f.accountStore.users()).isEmpty();
  }

  @Test
  void register_usernameBoundaries_accepted() {
    assertThat(await(accounts.register("abc", PASSWORD, null)).username()).isEqualTo("abc");
    assertThat(await(accounts.register("z".repeat(32), PASSWORD, null)).username()).hasSize(32);
  }

  @Test
  void register_sameNameAnyCase_conflict() {
    await(accounts.register("alice", PASSWORD, null));

    assertFailsWith(ErrorCode.CONFLICT, () -> accounts.register("ALICE", "other password", null));
    assertFailsWith(ErrorCode.CONFLICT, () -> accounts.register("alice", "other password", null));
    assertThat(f.accountStore.users()).hasSize(1);
  }

  @Test
  void register_passwordLength8To256CodePoints() {
    String emoji = "🔑"; // one code point, two UTF-16 chars
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.register("pw1", "1234567", null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.register("pw2", emoji.repeat(7), null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.register("pw3", "x".repeat(257), null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.register("pw4", null, null));

    await(accounts.register("pw5", "12345678", null));
    await(accounts.register("pw6", "x".repeat(256), null));
    await(accounts.register("pw7", emoji.repeat(8), null));
    await(accounts.register("pw8", emoji.repeat(256), null));
    assertThat(f.accountStore.users()).hasSize(4);
  }

  // ------------------------------------------------------------------ login

  @Test
  void login_eachTimeANewDevice() {
    User u = await(accounts.register("alice", PASSWORD, null));

    Session first = await(accounts.login("alice", PASSWORD, "phone"));
    Session second = await(accounts.login("ALICE", PASSWORD, null));

    assertThat(first.userId()).isEqualTo(u.id());
    assertThat(second.userId()).isEqualTo(u.id());
    assertThat(second.deviceId()).isNotEqualTo(first.deviceId());
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(f.accountStore.devicesOf(u.id()))
        .extracting(Device::id)
        .containsExactly(first.deviceId(), second.deviceId());
    assertThat(f.accountStore.device(first.deviceId()).orElseThrow().name()).isEqualTo("phone");
    assertThat(accounts.authenticate(first.token())).contains(new Caller(u.id(), first.deviceId()));
    assertThat(accounts.authenticate(second.token()))
        .contains(new Caller(u.id(), second.deviceId()));
  }

  @Test
  void login_wrongPasswordOrUnknownUser_unauthorized() {
    await(accounts.register("alice", PASSWORD, null));

    assertFailsWith(ErrorCode.UNAUTHORIZED, () -> accounts.login("alice", "wrong password", null));
    assertFailsWith(ErrorCode.UNAUTHORIZED, () -> accounts.login("nobody", PASSWORD, null));
    assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.login(null, PASSWORD, null));
    assertThat(f.accountStore.tokenHashes()).isEmpty();
  }

  @Test
  void token_atLeast128Bits_onlyItsHashStored() {
    await(accounts.register("alice", PASSWORD, null));

    Session s = await(accounts.login("alice", PASSWORD, null));

    byte[] raw = Base64.getUrlDecoder().decode(s.token());
    assertThat(raw.length * 8).isGreaterThanOrEqualTo(128);
    assertThat(f.accountStore.tokenHashes()).containsExactly(Accounts.hashToken(s.token()));
    assertThat(f.accountStore.tokenHashes()).noneMatch(h -> h.contains(s.token()));
    assertThat(Accounts.hashToken(s.token())).matches("[0-9a-f]{64}");
  }

  @Test
  void authenticate_badTokens_empty() {
    assertThat(accounts.authenticate(null)).isEmpty();
    assertThat(accounts.authenticate("")).isEmpty();
    assertThat(accounts.authenticate("not-a-token")).isEmpty();
    assertThat(accounts.authenticate("x".repeat(10_000))).isEmpty();
  }

  // ------------------------------------------------------------------ logout

  @Test
  void logout_revokesThatDeviceOnly_andCallsBack() {
    await(accounts.register("alice", PASSWORD, null));
    Session phone = await(accounts.login("alice", PASSWORD, "phone"));
    Session laptop = await(accounts.login("alice", PASSWORD, "laptop"));
    Caller phoneCaller = accounts.authenticate(phone.token()).orElseThrow();

    await(accounts.logout(phoneCaller));

    assertThat(accounts.authenticate(phone.token())).isEmpty();
    assertThat(accounts.authenticate(laptop.token())).isPresent();
    assertThat(f.revokedDevices).containsExactly(phone.deviceId());
    assertThat(f.accountStore.device(phone.deviceId()).orElseThrow().revokedAt())
        .isEqualTo(f.clock.millis());
  }

  // ------------------------------------------------------------------ lookup and contacts

  @Test
  void userLookup_byIdAndAnyCaseName_notFound() {
    User u = await(accounts.register("alice", PASSWORD, null));

    assertThat(accounts.user(u.id())).isEqualTo(u);
    assertThat(accounts.userByUsername("ALICE")).isEqualTo(u);
    assertThat(accounts.findUser(null)).isEmpty();
    assertFailsWith(ErrorCode.NOT_FOUND, () -> accounts.user("u_nobody"));
    assertFailsWith(ErrorCode.NOT_FOUND, () -> accounts.userByUsername("bob"));
  }

  @Test
  void contacts_addListRemove_selfBadRequest_unknownNotFound() {
    User alice = await(accounts.register("alice", PASSWORD, null));
    User bob = await(accounts.register("bob", PASSWORD, null));
    Caller me = new Caller(alice.id(), "d_alice");

    await(accounts.addContact(me, bob.id()));
    await(accounts.addContact(me, bob.id()));
    assertThat(accounts.contacts(alice.id())).containsExactly(bob);

    assertFailsWith(ErrorCode.BAD_REQUEST, () -> accounts.addContact(me, alice.id()));
    assertFailsWith(ErrorCode.NOT_FOUND, () -> accounts.addContact(me, "u_nobody"));

    await(accounts.removeContact(me, bob.id()));
    assertThat(accounts.contacts(alice.id())).isEmpty();
  }
}
