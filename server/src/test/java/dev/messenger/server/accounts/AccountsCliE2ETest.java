package dev.messenger.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.AccountClient;
import dev.messenger.client.DeviceView;
import dev.messenger.client.cli.Cli;
import dev.messenger.server.TestNode;
import dev.messenger.server.media.MediaSamples;
import dev.messenger.server.settings.AccountSettings;
import dev.messenger.server.settings.Secret;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's {@code devices}, {@code block}, {@code profile} and {@code admin} against a node. */
class AccountsCliE2ETest {
  private static TestNode node;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    node =
        TestNode.start(
            TestNode.testSettings()
                .with(AccountSettings.ADMIN_API_KEYS, Secret.of(AdminApiE2ETest.KEY)));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String profile, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Cli.commandLine(new Cli().withInput(new ByteArrayInputStream(new byte[0])));
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 2];
    all[0] = "--profile=" + dir.resolve(profile + ".json");
    all[1] = "--server=" + node.uri();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = cl.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run ok(String profile, String... args) {
    Run r = cli(profile, args);
    assertThat(r.exit()).as(r.err()).isZero();
    return r;
  }

  @Test
  void devicesBlockAndProfile() throws Exception {
    String alice = "cli_acc_" + System.nanoTime() % 100000;
    String bob = "cli_bob_" + System.nanoTime() % 100000;
    ok("alice", "register", alice, "--password=alice-secret");
    ok("bob", "register", bob, "--password=bob-secret");
    ok("alice", "login", alice, "--password=alice-secret");
    var phone = node.anonymous().login(alice, "alice-secret", "phone");

    Run devices = ok("alice", "devices");
    assertThat(devices.out()).contains(phone.deviceId(), "phone", "(this device)");
    ok("alice", "devices", "revoke", phone.deviceId());
    assertThat(ok("alice", "devices").out()).doesNotContain(phone.deviceId());

    ok("alice", "block", "add", bob);
    assertThat(ok("alice", "block").out()).contains(bob);
    ok("alice", "block", "remove", bob);
    assertThat(ok("alice", "block", "list").out()).contains("nobody is blocked");

    Path png = dir.resolve("me.png");
    Files.write(png, MediaSamples.png(4, 4));
    Run profile = ok("alice", "profile", "--name=Alice Cli", "--avatar=" + png);
    assertThat(profile.out()).contains("Alice Cli").doesNotContain("avatar: none");
    assertThat(ok("alice", "profile", "--no-avatar").out()).contains("avatar: none");
  }

  @Test
  void adminCommands_withAKeyFile() throws Exception {
    Path keyFile = dir.resolve("admin.key");
    Files.writeString(keyFile, AdminApiE2ETest.KEY + "\n", StandardCharsets.UTF_8);
    String name = "cli_app_" + System.nanoTime() % 100000;
    String key = "--key-file=" + keyFile;
    Run created = ok("op", "admin", key, "create-user", name, "--external-id=ext-" + name);
    String id = created.out().strip().split(" ")[2];
    assertThat(ok("op", "admin", key, "find", "ext-" + name).out()).contains(id);
    String token = ok("op", "admin", key, "session", id, "--device-name=app").out().strip();
    assertThat(new AccountClient(node.anonymous().withToken(token)).devices())
        .extracting(DeviceView::name)
        .containsExactly("app");
    ok("op", "admin", key, "suspend", id);
    ok("op", "admin", key, "unsuspend", id);
    assertThat(ok("op", "admin", key, "stats").out()).contains("users ");
    assertThat(ok("op", "admin", key, "export", id).out()).contains("\"messages\"");
    ok("op", "admin", key, "erase", id);
    Run noKey = cli("op", "admin", "stats");
    assertThat(noKey.exit()).isNotZero();
    Run badKey = cli("op", "admin", "--key=not-the-key-not-the-key-not-the-key", "stats");
    assertThat(badKey.exit()).isNotZero();
    assertThat(badKey.err() + badKey.out()).doesNotContain("not-the-key");
  }
}
