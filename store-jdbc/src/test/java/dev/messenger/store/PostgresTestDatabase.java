package dev.messenger.store;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PostgreSQL database on 127.0.0.1:5432 (user {@code postgres}, no password) for one
 * test class: created with a random name, migrated by {@link Database#postgres}, emptied between
 * tests with {@link #truncate()}, dropped by {@link #close()}. When PostgreSQL is not reachable the
 * tests are skipped, unless the environment variable {@code CI} is {@code true}: then they fail.
 */
final class PostgresTestDatabase implements AutoCloseable {
  static final String HOST = "127.0.0.1:5432";
  private static final String ADMIN_URL = "jdbc:postgresql://" + HOST + "/postgres";
  private static final String USER = "postgres";
  private static final String PASSWORD = "";

  private final String name;
  private final Database database;

  private PostgresTestDatabase(String name, Database database) {
    this.name = name;
    this.database = database;
  }

  /** Creates and migrates a fresh database, or skips (fails on CI) if PostgreSQL is not there. */
  static PostgresTestDatabase createOrSkip() {
    String name = "msg_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      String reason = "PostgreSQL not reachable on " + HOST + ": " + e.getMessage();
      if ("true".equals(System.getenv("CI"))) {
        fail(reason, e);
      }
      Assumptions.assumeTrue(false, reason);
    }
    try {
      Database db =
          Database.postgres("jdbc:postgresql://" + HOST + "/" + name, USER, PASSWORD, 256);
      return new PostgresTestDatabase(name, db);
    } catch (RuntimeException e) {
      drop(name);
      throw e;
    }
  }

  Database database() {
    return database;
  }

  /** Empties every table the schema made (not Flyway's history). */
  void truncate() {
    try (Connection c = database.read();
        Statement st = c.createStatement()) {
      // Every table but Flyway's history, so tables added by later migrations are emptied too.
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                  + " AND tablename <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      st.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty " + name, e);
    }
  }

  @Override
  public void close() {
    database.close();
    drop(name);
  }

  private static void drop(String name) {
    try (Connection c = admin();
        Statement st = c.createStatement()) {
      st.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
              + name.toLowerCase(Locale.ROOT)
              + "' AND pid <> pg_backend_pid()");
      st.execute("DROP DATABASE IF EXISTS " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot drop test database " + name, e);
    }
  }

  private static Connection admin() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    p.setProperty("connectTimeout", "3");
    p.setProperty("loginTimeout", "3");
    return DriverManager.getConnection(ADMIN_URL, p);
  }
}
