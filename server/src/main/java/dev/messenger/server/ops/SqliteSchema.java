package dev.messenger.server.ops;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables and columns of an SQLite store as its own catalog tells them ({@code sqlite_master},
 * {@code pragma table_info}), so that backup and migrate carry tables that later schema versions
 * add without a list to keep up to date. Flyway's history and SQLite's internal tables (and the
 * shadow tables of full-text indexes) are left out. Stateless.
 */
final class SqliteSchema {
  /** Tables that are not data: Flyway's history; {@code sqlite_*} are skipped by prefix. */
  static final String FLYWAY = "flyway_schema_history";

  private SqliteSchema() {}

  /** One column: its name, declared type, and its place in the primary key (0 if none). */
  record Column(String name, String type, int pk) {}

  /**
   * Every data table, each after the tables its foreign keys point to (so rows can be inserted in
   * this order with the constraints on), otherwise by name.
   */
  static List<String> tables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    List<String> virtual = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        String name = rs.getString(1);
        String sql = String.valueOf(rs.getString(2));
        if (name.startsWith("sqlite_") || name.equals(FLYWAY)) {
          continue;
        }
        if (sql.toUpperCase(java.util.Locale.ROOT).startsWith("CREATE VIRTUAL TABLE")) {
          virtual.add(name);
          continue;
        }
        out.add(name);
      }
    }
    // A full-text index's shadow tables (NAME_data, NAME_idx, ...) belong to the index.
    out.removeIf(t -> virtual.stream().anyMatch(v -> t.startsWith(v + "_")));
    return parentsFirst(c, out);
  }

  private static List<String> parentsFirst(Connection c, List<String> tables) throws SQLException {
    java.util.Map<String, java.util.Set<String>> parents = new java.util.HashMap<>();
    for (String t : tables) {
      java.util.Set<String> p = new java.util.TreeSet<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("PRAGMA foreign_key_list(" + quote(t) + ")")) {
        while (rs.next()) {
          String parent = rs.getString("table");
          if (!parent.equals(t) && tables.contains(parent)) {
            p.add(parent);
          }
        }
      }
      parents.put(t, p);
    }
    List<String> ordered = new ArrayList<>();
    List<String> left = new ArrayList<>(tables);
    while (!left.isEmpty()) {
      String next =
          left.stream()
              .filter(t -> ordered.containsAll(parents.get(t)))
              .findFirst()
              .orElse(left.get(0)); // a cycle: take it in name order
      ordered.add(next);
      left.remove(next);
    }
    return ordered;
  }

  /** The full-text (virtual) tables: indexes derived from other tables, rebuilt, not copied. */
  static List<String> virtualTables(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                    + " AND upper(sql) LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** The columns of {@code table}, in declaration order. */
  static List<Column> columns(Connection c, String table) throws SQLException {
    List<Column> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA table_info(\"" + table.replace("\"", "") + "\")")) {
      while (rs.next()) {
        out.add(new Column(rs.getString("name"), rs.getString("type"), rs.getInt("pk")));
      }
    }
    return out;
  }

  /** {@code "name"}: an identifier quoted for SQLite and PostgreSQL alike. */
  static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
