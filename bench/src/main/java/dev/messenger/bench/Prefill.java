package dev.messenger.bench;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.messenger.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Fills a fresh SQLite store ({@code <dataDir>/messenger.db}) with plain JDBC, no node running: the
 * schema comes from the store's own Flyway migrations ({@link Database#sqlite}), then users, direct
 * conversations of two members each and their messages are bulk-inserted in big transactions with
 * {@code synchronous=OFF} (for the load only; the node reopens the file with its own settings).
 *
 * <p>Users are {@code <prefix>_<i>} for {@code i} in {@code [0, users)}, all with the password
 * {@link Users#PASSWORD} and the same Argon2id hash, so the node's normal login works. Conversation
 * {@code k} joins user {@code k % users} with user {@code (k % users + 1 + k / users) % users};
 * messages are spread evenly over the conversations (seqs {@code 1..n}, no gaps, senders
 * alternating), and every conversation's {@code last_seq} is its message count. Not thread-safe.
 */
final class Prefill {
  /** Argon2id time cost, the node's default. */
  static final int ARGON2_ITERATIONS = 2;

  /** Messages between two progress lines. */
  static final long PROGRESS_EVERY_MESSAGES = 1_000_000;

  private static final String FILLER =
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt"
          + " ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation"
          + " ullamco laboris nisi ut aliquip ex ea commodo consequat. ";

  /**
   * What to write.
   *
   * @param dataDir the node's {@code --data-dir}; must not hold a {@code messenger.db} yet
   * @param prefix username prefix (lower-case {@code a-z 0-9 _ . -})
   * @param users number of users
   * @param conversations number of direct conversations
   * @param messages number of messages in total
   * @param bodyChars characters of each message body
   * @param argon2MemoryKib Argon2id memory cost of the password hash, in KiB
   * @param messagesPerTransaction messages inserted per committed transaction
   */
  record Plan(
      Path dataDir,
      String prefix,
      int users,
      int conversations,
      long messages,
      int bodyChars,
      int argon2MemoryKib,
      int messagesPerTransaction) {
    Plan {
      if (users < 2) {
        throw new IllegalArgumentException("--users must be >= 2");
      }
      // Pairs (a, a + d) with 1 <= d <= (users - 1) / 2 are all distinct.
      long maxConversations = (long) users * ((users - 1) / 2);
      if (conversations < 1 || conversations > maxConversations) {
        throw new IllegalArgumentException(
            "--conversations must be 1-" + maxConversations + " for " + users + " users");
      }
      if (messages < 0 || bodyChars < 1 || bodyChars > 4000 || messagesPerTransaction < 1) {
        throw new IllegalArgumentException("bad --messages, --body-chars or --batch");
      }
    }

    /** User index of the first member of conversation {@code k}. */
    int memberA(int k) {
      return k % users;
    }

    /** User index of the second member of conversation {@code k}. */
    int memberB(int k) {
      return (k % users + 1 + k / users) % users;
    }

    /** Messages of conversation {@code k}: the total spread evenly, the first ones one more. */
    long messagesOf(int k) {
      return messages / conversations + (k < messages % conversations ? 1 : 0);
    }
  }

  /**
   * What was written.
   *
   * @param seconds wall time of the whole prefill (schema included)
   * @param messagesPerSecond messages inserted per second of the message load
   * @param databaseBytes size of {@code messenger.db} (plus any WAL left) afterwards
   */
  record Result(double seconds, long messagesPerSecond, long databaseBytes) {}

  private Prefill() {}

  /** Writes the plan into a fresh store. */
  static Result run(Plan p) throws IOException, SQLException {
    long start = System.nanoTime();
    Path db = p.dataDir().resolve("messenger.db");
    if (Files.exists(db)) {
      throw new IllegalStateException(db + " exists: prefill only writes a fresh store");
    }
    // Opening runs the Flyway migrations; closing stops its writer and checkpoint threads.
    Database.sqlite(p.dataDir(), 256).close();
    Scenario.log("schema created in %s", db);
    String hash =
        Password.hash(Users.PASSWORD)
            .addRandomSalt(16)
            .with(
                Argon2Function.getInstance(
                    p.argon2MemoryKib(), ARGON2_ITERATIONS, 1, 32, Argon2.ID))
            .getResult();
    long now = System.currentTimeMillis();
    long createdAt = now - 30L * 24 * 3600 * 1000;
    long messageSeconds;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=OFF");
        st.execute("PRAGMA cache_size=-262144"); // 256 MiB of page cache for the load
      }
      c.setAutoCommit(false);
      List<String> userIds = insertUsers(c, p, hash, createdAt);
      List<String> conversationIds = insertConversations(c, p, userIds, createdAt);
      long t0 = System.nanoTime();
      insertMessages(c, p, userIds, conversationIds, createdAt);
      messageSeconds = System.nanoTime() - t0;
      c.setAutoCommit(true);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    long bytes = 0;
    for (String name : List.of("messenger.db", "messenger.db-wal")) {
      Path f = p.dataDir().resolve(name);
      bytes += Files.exists(f) ? Files.size(f) : 0;
    }
    return new Result(
        (System.nanoTime() - start) / 1e9,
        messageSeconds == 0 ? 0 : Math.round(p.messages() / (messageSeconds / 1e9)),
        bytes);
  }

  private static List<String> insertUsers(Connection c, Plan p, String hash, long createdAt)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO users (id, username, display_name, password_hash, created_at, last_seen)"
                + " VALUES (?, ?, ?, ?, ?, 0)")) {
      for (int i = 0; i < p.users(); i++) {
        String id = newId("u");
        String name = p.prefix() + "_" + i;
        ps.setString(1, id);
        ps.setString(2, name);
        ps.setString(3, name);
        ps.setString(4, hash);
        ps.setLong(5, createdAt);
        ps.addBatch();
        ids.add(id);
      }
      ps.executeBatch();
    }
    c.commit();
    Scenario.log(
        "inserted %d users (%s_0 .. %s_%d)", p.users(), p.prefix(), p.prefix(), p.users() - 1);
    return ids;
  }

  /** Inserts conversations and members; answers conversation ids by index {@code k}. */
  private static List<String> insertConversations(
      Connection c, Plan p, List<String> userIds, long createdAt) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement conv =
            c.prepareStatement(
                "INSERT INTO conversations (id, kind, name, direct_key, last_seq, last_activity,"
                    + " created_at) VALUES (?, 'direct', NULL, ?, ?, ?, ?)");
        PreparedStatement member =
            c.prepareStatement(
                "INSERT INTO members (conversation_id, user_id, role, joined_seq, delivered_seq,"
                    + " read_seq, left_seq) VALUES (?, ?, 'member', 1, ?, ?, 0)")) {
      for (int k = 0; k < p.conversations(); k++) {
        String id = newId("c");
        String a = userIds.get(p.memberA(k));
        String b = userIds.get(p.memberB(k));
        long lastSeq = p.messagesOf(k);
        conv.setString(1, id);
        conv.setString(2, a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a);
        conv.setLong(3, lastSeq);
        conv.setLong(4, tsOf(createdAt, lastSeq));
        conv.setLong(5, createdAt);
        conv.addBatch();
        for (String u : List.of(a, b)) {
          member.setString(1, id);
          member.setString(2, u);
          member.setLong(3, lastSeq);
          member.setLong(4, lastSeq);
          member.addBatch();
        }
        ids.add(id);
      }
      conv.executeBatch();
      member.executeBatch();
    }
    c.commit();
    Scenario.log("inserted %d conversations", p.conversations());
    return ids;
  }

  /**
   * Inserts every message, conversation after conversation in id order (so the primary key index
   * only grows at its end), committing every {@code messagesPerTransaction}.
   */
  private static void insertMessages(
      Connection c, Plan p, List<String> userIds, List<String> conversationIds, long createdAt)
      throws SQLException {
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < p.conversations(); k++) {
      order.add(k);
    }
    order.sort((x, y) -> conversationIds.get(x).compareTo(conversationIds.get(y)));
    long written = 0;
    long inTransaction = 0;
    long start = System.nanoTime();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO messages (conversation_id, seq, sender_id, client_id, ts, kind, body)"
                + " VALUES (?, ?, ?, ?, ?, 'text', ?)")) {
      for (int k : order) {
        String id = conversationIds.get(k);
        String a = userIds.get(p.memberA(k));
        String b = userIds.get(p.memberB(k));
        long n = p.messagesOf(k);
        for (long seq = 1; seq <= n; seq++) {
          ps.setString(1, id);
          ps.setLong(2, seq);
          ps.setString(3, seq % 2 == 1 ? a : b);
          ps.setString(4, "p" + k + "." + seq);
          ps.setLong(5, tsOf(createdAt, seq));
          ps.setString(6, body(k, seq, p.bodyChars()));
          ps.addBatch();
          written++;
          inTransaction++;
          if (written % 1000 == 0) {
            ps.executeBatch();
          }
          if (inTransaction >= p.messagesPerTransaction()) {
            ps.executeBatch();
            c.commit();
            inTransaction = 0;
          }
          if (written % PROGRESS_EVERY_MESSAGES == 0) {
            double s = (System.nanoTime() - start) / 1e9;
            Scenario.log(
                "%,d / %,d messages, %.1f s, %,.0f/s", written, p.messages(), s, written / s);
          }
        }
      }
      ps.executeBatch();
    }
    c.commit();
  }

  /** A body of exactly {@code chars} characters: a short tag, then filler text. */
  static String body(int conversation, long seq, int chars) {
    StringBuilder b = new StringBuilder(chars).append("m").append(conversation).append('.');
    b.append(seq).append(' ');
    while (b.length() < chars) {
      b.append(FILLER, 0, Math.min(FILLER.length(), chars - b.length()));
    }
    b.setLength(chars);
    return b.toString();
  }

  /** Message {@code seq} was sent {@code seq} seconds after the conversation was created. */
  private static long tsOf(long createdAt, long seq) {
    return createdAt + seq * 1000;
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  /** An id like the node's: prefix, underscore, 96 random bits in base64url. */
  private static String newId(String prefix) {
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    return prefix + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
