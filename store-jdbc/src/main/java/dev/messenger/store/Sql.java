package dev.messenger.store;

import dev.messenger.core.ErrorCode;
import dev.messenger.core.MessengerException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/** Small JDBC helpers: bind parameters, map rows, turn SQL failures into {@code unavailable}. */
final class Sql {
  private Sql() {}

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  /** Runs a read on a pooled connection. */
  @FunctionalInterface
  interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  static <T> T read(Database db, Read<T> read) {
    try (Connection c = db.read()) {
      return read.run(c);
    } catch (SQLException e) {
      throw new MessengerException(ErrorCode.UNAVAILABLE, "the store could not be read", e);
    }
  }

  /**
   * Runs a read of several statements on one snapshot (a read transaction; REPEATABLE READ on
   * PostgreSQL, where each statement would otherwise see its own), so that, e.g., messages and
   * their reactions agree.
   */
  static <T> T snapshot(Database db, Read<T> read) {
    try (Connection c = db.read()) {
      boolean postgres = db.dialect() == Dialect.POSTGRES;
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      if (postgres) {
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      try {
        T result = read.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        if (postgres) {
          c.setTransactionIsolation(isolation);
        }
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new MessengerException(ErrorCode.UNAVAILABLE, "the store could not be read", e);
    }
  }

  static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    bind(ps, params);
    return ps;
  }

  /** A parameter that binds SQL NULL as a {@code BIGINT} (a plain null binds as text). */
  static final Object NULL_BIGINT = new Object();

  /** {@code value}, or {@link #NULL_BIGINT} when it is null. */
  static Object bigint(Long value) {
    return value == null ? NULL_BIGINT : value;
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      if (params[i] == NULL_BIGINT) {
        ps.setNull(i + 1, Types.BIGINT);
      } else if (params[i] == null) {
        ps.setNull(i + 1, Types.VARCHAR);
      } else {
        ps.setObject(i + 1, params[i]);
      }
    }
  }

  /**
   * True if a text parameter holds NUL, which no stored value does (user text is refused with it
   * and ids never have it): such a lookup finds nothing without asking the database, which on
   * PostgreSQL would fail.
   */
  private static boolean hasNul(Object... params) {
    for (Object p : params) {
      if (p instanceof String s && s.indexOf(0) >= 0) {
        return true;
      }
    }
    return false;
  }

  static <T> List<T> list(Connection c, RowMapper<T> mapper, String sql, Object... params)
      throws SQLException {
    if (hasNul(params)) {
      return List.of();
    }
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(mapper.map(rs));
      }
      return out;
    }
  }

  static <T> Optional<T> one(Connection c, RowMapper<T> mapper, String sql, Object... params)
      throws SQLException {
    if (hasNul(params)) {
      return Optional.empty();
    }
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
    }
  }

  /**
   * Statements kept open per connection, for the writer's hot path: preparing a statement costs
   * more than running it on SQLite. Weak keys: a closed and dropped connection takes its statements
   * with it. Used only by the single writer thread (the map is synchronized anyway).
   */
  private static final Map<Connection, Map<String, PreparedStatement>> CACHE =
      java.util.Collections.synchronizedMap(new WeakHashMap<>());

  /** A prepared statement for {@code sql} on {@code c}, reused across calls; do not close it. */
  static PreparedStatement cached(Connection c, String sql, Object... params) throws SQLException {
    Map<String, PreparedStatement> byText = CACHE.computeIfAbsent(c, k -> new HashMap<>());
    PreparedStatement ps = byText.get(sql);
    if (ps == null || ps.isClosed()) {
      ps = c.prepareStatement(sql);
      byText.put(sql, ps);
    }
    ps.clearParameters();
    bind(ps, params);
    return ps;
  }

  /** Like {@link #one} on a {@link #cached} statement. */
  static <T> Optional<T> oneCached(Connection c, RowMapper<T> mapper, String sql, Object... params)
      throws SQLException {
    if (hasNul(params)) {
      return Optional.empty();
    }
    try (ResultSet rs = cached(c, sql, params).executeQuery()) {
      return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
    }
  }

  /** Like {@link #update} on a {@link #cached} statement. */
  static int updateCached(Connection c, String sql, Object... params) throws SQLException {
    if (hasNul(params)) {
      throw dev.messenger.core.MessengerException.badRequest(
          "text must not contain NUL characters");
    }
    return cached(c, sql, params).executeUpdate();
  }

  static int update(Connection c, String sql, Object... params) throws SQLException {
    if (hasNul(params)) {
      throw dev.messenger.core.MessengerException.badRequest(
          "text must not contain NUL characters");
    }
    try (PreparedStatement ps = prepare(c, sql, params)) {
      return ps.executeUpdate();
    }
  }
}
