package dev.messenger.server.ops;

import dev.messenger.server.ops.SqliteSchema.Column;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Copies one table from SQLite to PostgreSQL, generically: the columns come from SQLite's catalog,
 * each value is converted to the type PostgreSQL declares for its column, rows go in batches in
 * SQLite's {@code rowid} order with {@code ON CONFLICT DO NOTHING} (so a batch repeated after an
 * interruption changes nothing), and a content checksum compares both sides. Not thread-safe.
 */
final class TableCopy {
  /** Rows per PostgreSQL transaction. */
  static final int BATCH = 500;

  private final String table;
  private final List<Column> columns;
  private final Map<String, String> pgTypes;

  /**
   * @throws SQLException if PostgreSQL has no such table or lacks one of its columns
   */
  TableCopy(Connection sqlite, Connection pg, String table) throws SQLException {
    this.table = table;
    this.columns = SqliteSchema.columns(sqlite, table);
    this.pgTypes = new LinkedHashMap<>();
    try (PreparedStatement st =
        pg.prepareStatement(
            "SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND table_name = ?")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          pgTypes.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
        }
      }
    }
    if (pgTypes.isEmpty()) {
      throw new SQLException("PostgreSQL has no table " + table + " (schema versions differ?)");
    }
    for (Column c : columns) {
      if (!pgTypes.containsKey(c.name())) {
        throw new SQLException("PostgreSQL's " + table + " has no column " + c.name());
      }
    }
  }

  /** Reports progress: the last rowid copied and committed, and rows so far. */
  interface Progress {
    void committed(long lastRowid, long rows) throws Exception;
  }

  /**
   * Copies the rows whose rowid is above {@code afterRowid}; commits every {@link #BATCH} rows and
   * then reports. Returns the rows read.
   */
  long copy(Connection sqlite, Connection pg, long afterRowid, Progress progress) throws Exception {
    String names =
        columns.stream().map(c -> SqliteSchema.quote(c.name())).collect(Collectors.joining(", "));
    String marks = columns.stream().map(c -> "?").collect(Collectors.joining(", "));
    String insert =
        "INSERT INTO "
            + SqliteSchema.quote(table)
            + " ("
            + names
            + ") VALUES ("
            + marks
            + ") ON CONFLICT DO NOTHING";
    String select =
        "SELECT rowid, "
            + names
            + " FROM "
            + SqliteSchema.quote(table)
            + " WHERE rowid > ? ORDER BY rowid";
    long rows = 0;
    long last = afterRowid;
    int pending = 0;
    try (PreparedStatement read = sqlite.prepareStatement(select);
        PreparedStatement write = pg.prepareStatement(insert)) {
      read.setLong(1, afterRowid);
      try (ResultSet rs = read.executeQuery()) {
        while (rs.next()) {
          last = rs.getLong(1);
          for (int i = 0; i < columns.size(); i++) {
            bind(write, i + 1, pgTypes.get(columns.get(i).name()), rs.getObject(i + 2));
          }
          write.addBatch();
          rows++;
          if (++pending == BATCH) {
            write.executeBatch();
            pg.commit();
            pending = 0;
            progress.committed(last, rows);
          }
        }
      }
      if (pending > 0) {
        write.executeBatch();
        pg.commit();
        progress.committed(last, rows);
      }
    }
    return rows;
  }

  /** The row count and an order-free checksum of the SQLite side. */
  Check sqliteCheck(Connection sqlite) throws SQLException {
    return check(sqlite);
  }

  /** The row count and an order-free checksum of the PostgreSQL side (same columns). */
  Check postgresCheck(Connection pg) throws SQLException {
    return check(pg);
  }

  /** A table's row count and content checksum (the sum of each row's SHA-256 prefix). */
  record Check(long rows, String checksum) {}

  private Check check(Connection c) throws SQLException {
    String names =
        columns.stream()
            .map(col -> SqliteSchema.quote(col.name()))
            .collect(Collectors.joining(", "));
    long rows = 0;
    long sum = 0;
    MessageDigest sha = Sha256Sums.sha256();
    try (PreparedStatement st =
            c.prepareStatement("SELECT " + names + " FROM " + SqliteSchema.quote(table));
        ResultSet rs = st.executeQuery()) {
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          String v = canonical(pgTypes.get(columns.get(i).name()), rs.getObject(i + 1));
          sha.update(
              v == null ? new byte[] {0} : ("\1" + v + "\0").getBytes(StandardCharsets.UTF_8));
        }
        byte[] d = sha.digest();
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
          prefix = (prefix << 8) | (d[i] & 0xff);
        }
        sum += prefix;
        rows++;
      }
    }
    return new Check(rows, HexFormat.of().toHexDigits(sum));
  }

  /** A value as text that reads the same from SQLite and from PostgreSQL, by the target type. */
  static String canonical(String pgType, Object v) {
    if (v == null) {
      return null;
    }
    return switch (kind(pgType)) {
      case INTEGER ->
          Long.toString(
              v instanceof Number n ? n.longValue() : Long.parseLong(v.toString().strip()));
      case BOOLEAN -> bool(v) ? "1" : "0";
      case DOUBLE ->
          Double.toString(
              v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString()));
      case BYTES ->
          HexFormat.of()
              .formatHex(v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8));
      case TEXT, OTHER ->
          v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
    };
  }

  private static void bind(PreparedStatement st, int i, String pgType, Object v)
      throws SQLException {
    Kind k = kind(pgType);
    if (v == null) {
      st.setNull(
          i,
          switch (k) {
            case INTEGER -> Types.BIGINT;
            case BOOLEAN -> Types.BOOLEAN;
            case DOUBLE -> Types.DOUBLE;
            case BYTES -> Types.BINARY;
            case TEXT -> Types.VARCHAR;
            case OTHER -> Types.OTHER;
          });
      return;
    }
    String c = canonical(pgType, v);
    switch (k) {
      case INTEGER -> st.setLong(i, Long.parseLong(c));
      case BOOLEAN -> st.setBoolean(i, c.equals("1"));
      case DOUBLE -> st.setDouble(i, Double.parseDouble(c));
      case BYTES -> st.setBytes(i, HexFormat.of().parseHex(c));
      case TEXT -> st.setString(i, c);
      case OTHER -> st.setObject(i, c, Types.OTHER);
    }
  }

  private enum Kind {
    INTEGER,
    BOOLEAN,
    DOUBLE,
    BYTES,
    TEXT,
    OTHER
  }

  private static Kind kind(String pgType) {
    return switch (pgType) {
      case "bigint", "integer", "smallint" -> Kind.INTEGER;
      case "boolean" -> Kind.BOOLEAN;
      case "double precision", "real", "numeric" -> Kind.DOUBLE;
      case "bytea" -> Kind.BYTES;
      case "text", "character varying", "character" -> Kind.TEXT;
      default -> Kind.OTHER;
    };
  }

  private static boolean bool(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.longValue() != 0;
    }
    String s = v.toString().strip();
    return s.equals("1") || s.equalsIgnoreCase("true") || s.equalsIgnoreCase("t");
  }
}
