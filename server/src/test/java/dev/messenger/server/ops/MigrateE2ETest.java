package dev.messenger.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.messenger.client.ContactView;
import dev.messenger.client.ConversationView;
import dev.messenger.client.HistoryPage;
import dev.messenger.client.MessageView;
import dev.messenger.client.MessengerClient;
import dev.messenger.client.testing.RecordingSocket;
import dev.messenger.server.TestNode;
import dev.messenger.server.TestNode.TestUser;
import dev.messenger.server.cluster.ClusterServices;
import dev.messenger.server.media.MediaSamples;
import dev.messenger.server.settings.NodeSettings;
import dev.messenger.server.settings.Settings;
import dev.messenger.server.settings.StoreKind;
import dev.messenger.server.settings.StoreSettings;
import dev.messenger.store.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code migrate} from a populated embedded store to the real PostgreSQL: a node on the result
 * answers every user's conversations, members' cursors, history and contacts exactly as the
 * embedded node did, and passwords, tokens and media keep working; an interrupted run (its process
 * killed mid-table) resumes where it stopped. Needs PostgreSQL on 127.0.0.1:5432 (fails under CI
 * without it).
 */
class MigrateE2ETest {
  private static final String USER = "postgres";

  @Test
  void migrate_populatedStore_servesSameHistoryCursorsAndAccounts() throws Exception {
    PostgresForTests.require();
    String url = ClusterServices.newDatabase();
    try {
      Settings embedded = TestNode.testSettings();
      Path dataDir = embedded.node().dataDir();
      List<TestUser> users;
      Map<String, String> before;
      byte[] png = MediaSamples.png(24, 24);
      String mediaId;
      try (TestNode node = TestNode.start(embedded)) {
        TestUser alice = node.newUser("alice");
        TestUser bob = node.newUser("bob");
        TestUser carol = node.newUser("carol");
        users = List.of(alice, bob, carol);
        alice.http().addContact(bob.id());
        bob.http().addContact(alice.id());
        String direct = alice.http().openDirect(bob.id()).id();
        String group = alice.http().createGroup("team", List.of(bob.id(), carol.id())).id();
        alice.http().rename(group, "the team");
        mediaId = alice.http().uploadMedia(png, "image/png").id();
        alice.http().postMessage(group, "m-0", "a picture", List.of(mediaId));
        try (RecordingSocket a = alice.connect();
            RecordingSocket b = bob.connect()) {
          for (int i = 0; i < 40; i++) {
            a.send(direct, "d-" + i, "héllo " + i + " 👋").join();
            b.send(group, "g-" + i, "group " + i).join();
          }
          b.ack(direct, 40, "read");
          a.ack(group, 30, "delivered");
          b.sync(); // the acks are processed in order before this answers
          a.sync();
        }
        alice.http().removeMember(group, carol.id());
        // Schema V4 rows (reactions, pins, edits): carried because migrate reads the table list
        // from SQLite's catalog.
        bob.http().messages().react(direct, 2, "👍");
        alice.http().messages().pin(direct, 2);
        alice.http().messages().edit(direct, 1, "héllo, edited");
        before = snapshot(users);
      }

      assertThat(
              run(
                  "migrate",
                  "--data-dir=" + dataDir,
                  "--postgres-url=" + url,
                  "--postgres-user=" + USER))
          .as(lastErr)
          .isEqualTo(0);
      assertThat(lastOut)
          .contains("migrate: done")
          .contains("conversations checked")
          .contains("migrate: reactions: 1 rows, checksum")
          .contains("migrate: pins: 1 rows, checksum");
      assertThat(dataDir.resolve(Migrate.PROGRESS)).doesNotExist();

      Settings onPostgres =
          embedded.with(
              b ->
                  b.set(StoreSettings.KIND, StoreKind.POSTGRES)
                      .set(StoreSettings.POSTGRES_URL, url)
                      .set(StoreSettings.POSTGRES_USER, USER));
      try (TestNode node = TestNode.start(onPostgres)) {
        List<TestUser> same = new ArrayList<>();
        for (TestUser u : users) {
          same.add(
              new TestUser(
                  u.id(),
                  u.username(),
                  u.password(),
                  u.deviceId(),
                  node.anonymous().withToken(u.http().token())));
        }
        assertThat(snapshot(same)).isEqualTo(before);
        // Passwords still verify; the media is served to a member.
        MessengerClient bob =
            node.anonymous().loginAs(users.get(1).username(), users.get(1).password());
        assertThat(bob.downloadMedia(mediaId, false)).isEqualTo(png);
      }
      // A second run into the now full database is refused: nothing is copied twice.
      assertThat(
              run(
                  "migrate",
                  "--data-dir=" + dataDir,
                  "--postgres-url=" + url,
                  "--postgres-user=" + USER))
          .isEqualTo(1);
      assertThat(lastErr).contains("already has rows");
    } finally {
      ClusterServices.dropDatabase(url);
    }
  }

  @Test
  void interruptedMigrate_resumesWhereItStopped() throws Exception {
    PostgresForTests.require();
    String url = ClusterServices.newDatabase();
    Settings embedded = TestNode.testSettings();
    Path dataDir = embedded.node().dataDir();
    String conv;
    try (TestNode node = TestNode.start(embedded)) {
      TestUser a = node.newUser("ann");
      TestUser b = node.newUser("ben");
      conv = a.http().openDirect(b.id()).id();
      try (RecordingSocket s = a.connect()) {
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
          sends.add(s.send(conv, "r-" + i, "row " + i));
          if (sends.size() == 64) {
            sends.forEach(CompletableFuture::join);
            sends.clear();
          }
        }
        sends.forEach(CompletableFuture::join);
      }
    }
    Database.postgres(url, USER, "", 1).close(); // the schema, so the test can hold a row lock
    Process child = null;
    try (Connection lock = DriverManager.getConnection(url, USER, "")) {
      // Hold, uncommitted, the row the migration's second batch of messages will insert: it waits.
      lock.setAutoCommit(false);
      try (Connection src =
              DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("messenger.db"));
          PreparedStatement read =
              src.prepareStatement(
                  "SELECT conversation_id, seq, sender_id, client_id, ts, kind, body"
                      + " FROM messages WHERE rowid = 700");
          ResultSet rs = read.executeQuery();
          PreparedStatement ins =
              lock.prepareStatement(
                  "INSERT INTO messages (conversation_id, seq, sender_id, client_id, ts, kind,"
                      + " body) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        assertThat(rs.next()).isTrue();
        for (int i = 1; i <= 7; i++) {
          ins.setObject(i, rs.getObject(i));
        }
        ins.executeUpdate();
      }
      child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.messenger.server.Main",
                  "migrate",
                  "--data-dir=" + dataDir,
                  "--postgres-url=" + url,
                  "--postgres-user=" + USER)
              .redirectErrorStream(true)
              .redirectOutput(dataDir.resolve("migrate-child.log").toFile())
              .start();
      Process running = child;
      Awaitility.await("the migration waits on the held row")
          .atMost(Duration.ofSeconds(60))
          .until(() -> waitingOnLock(url) || !running.isAlive());
      assertThat(child.isAlive())
          .as(Files.readString(dataDir.resolve("migrate-child.log")))
          .isTrue();
      child.destroyForcibly().waitFor(); // SIGKILL mid-table: no clean-up runs
      lock.rollback();
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
    }
    Path otherDir = Files.createTempDirectory("pg-node");
    String progress = Files.readString(dataDir.resolve(Migrate.PROGRESS));
    assertThat(progress).contains("rowid.messages=500");

    try {
      // The resumed run takes its settings from the environment, as in a container.
      Path passwordFile = Files.writeString(otherDir.resolve("pg-password"), "\n");
      assertThat(
              runWithEnv(
                  Map.of(
                      "MESSENGER_DATA_DIR",
                      dataDir.toString(),
                      "MESSENGER_POSTGRES_URL",
                      url,
                      "MESSENGER_POSTGRES_USER",
                      USER,
                      "MESSENGER_POSTGRES_PASSWORD_FILE",
                      passwordFile.toString()),
                  "migrate"))
          .as(lastErr)
          .isEqualTo(0);
      assertThat(lastOut)
          .contains("resuming an interrupted run")
          .contains("messages: resuming after rowid 500")
          .contains("messages: 1200 rows, checksum");
      try (TestNode node =
          TestNode.start(
              embedded.with(
                  b ->
                      b.set(StoreSettings.KIND, StoreKind.POSTGRES)
                          .set(StoreSettings.POSTGRES_URL, url)
                          .set(StoreSettings.POSTGRES_USER, USER)
                          .set(NodeSettings.DATA_DIR, otherDir)))) {
        TestUser ann = node.newUser("probe"); // the node works; ann's history is checked via SQL
        assertThat(ann.id()).isNotEmpty();
      }
      try (Connection c = DriverManager.getConnection(url, USER, "");
          ResultSet rs =
              c.createStatement()
                  .executeQuery(
                      "SELECT count(*), max(seq), (SELECT last_seq FROM conversations WHERE id = '"
                          + conv
                          + "') FROM messages WHERE conversation_id = '"
                          + conv
                          + "'")) {
        rs.next();
        assertThat(List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
            .containsExactly(1200L, 1200L, 1200L);
      }
    } finally {
      ClusterServices.dropDatabase(url);
    }
  }

  /** Asked on a connection of its own: activity statistics stay frozen within a transaction. */
  private static boolean waitingOnLock(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url, USER, "");
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'messenger-migrate'"
                        + " AND wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  /** What each user sees: conversations (members' cursors included), full histories, contacts. */
  private static Map<String, String> snapshot(List<TestUser> users) {
    Map<String, String> out = new TreeMap<>();
    for (TestUser u : users) {
      List<ConversationView> convs = new ArrayList<>(u.http().conversations());
      convs.sort(Comparator.comparing(ConversationView::id));
      StringBuilder s = new StringBuilder(convs.toString());
      for (ConversationView c : convs) {
        s.append('\n').append(c.id()).append(": ").append(history(u.http(), c.id()));
      }
      s.append("\ncontacts: ")
          .append(u.http().contacts().stream().map(ContactView::id).sorted().toList());
      out.put(u.username(), s.toString());
    }
    return out;
  }

  private static List<MessageView> history(MessengerClient c, String conv) {
    List<MessageView> out = new ArrayList<>();
    long after = 0;
    while (true) {
      HistoryPage page = c.history(conv, null, after, 100);
      if (page.messages().isEmpty()) {
        return out;
      }
      out.addAll(page.messages());
      after = page.messages().get(page.messages().size() - 1).seq();
    }
  }

  private String lastOut = "";
  private String lastErr = "";

  private int run(String... args) {
    return runWithEnv(Map.of(), args);
  }

  private int runWithEnv(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        OpsCommands.run(
            env,
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    lastOut = out.toString(StandardCharsets.UTF_8);
    lastErr = err.toString(StandardCharsets.UTF_8);
    return code;
  }
}
