package dev.messenger.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.LoginResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {
  @TempDir Path dir;

  @Test
  void saveThenLoad_roundTrips() {
    Path file = dir.resolve("sub/alice.json");
    Profile p =
        Profile.empty()
            .withLogin("http://127.0.0.1:8080", "alice", new LoginResult("tok", "u1", "d1"));

    p.save(file);

    assertThat(Profile.load(file)).isEqualTo(p);
    assertThat(Profile.load(file).loggedIn()).isTrue();
  }

  @Test
  void load_missingFile_isEmpty() {
    assertThat(Profile.load(dir.resolve("none.json"))).isEqualTo(Profile.empty());
  }

  @Test
  void withoutToken_keepsServerAndUser() {
    Profile p = new Profile("http://s", "alice", "u1", "d1", "tok").withoutToken();

    assertThat(p).isEqualTo(new Profile("http://s", "alice", "u1", null, null));
    assertThat(p.loggedIn()).isFalse();
  }

  @Test
  void save_isReadableByOwnerOnly_andToStringHidesToken() throws Exception {
    Path file = dir.resolve("p.json");
    Profile p = new Profile("http://s", "alice", "u1", "d1", "secret-token");
    p.save(file);

    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    assertThat(p.toString()).doesNotContain("secret-token");
    assertThat(Files.readString(file)).contains("secret-token");
  }
}
