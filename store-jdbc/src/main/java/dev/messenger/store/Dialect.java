package dev.messenger.store;

import java.sql.SQLException;

/** What differs between the SQL databases we run on. Implementations are stateless. */
public interface Dialect {
  /** A short name for logs: {@code sqlite} or {@code postgres}. */
  String name();

  /** True if {@code e} reports a unique or primary key violation. */
  boolean isUniqueViolation(SQLException e);

  /**
   * What ends a {@code SELECT} that must lock the rows it reads until the transaction ends: {@code
   * " FOR UPDATE"} on PostgreSQL; nothing on SQLite, whose single writer already excludes others.
   */
  default String forUpdate() {
    return "";
  }

  /** The SQLite dialect. */
  Dialect SQLITE =
      new Dialect() {
        @Override
        public String name() {
          return "sqlite";
        }

        @Override
        public boolean isUniqueViolation(SQLException e) {
          // SQLITE_CONSTRAINT (19) and its extended codes: UNIQUE 2067, PRIMARYKEY 1555.
          int code = e.getErrorCode();
          String msg = String.valueOf(e.getMessage());
          return code == 19 || code == 2067 || code == 1555 || msg.contains("UNIQUE constraint");
        }
      };

  /** The PostgreSQL dialect. */
  Dialect POSTGRES =
      new Dialect() {
        @Override
        public String name() {
          return "postgres";
        }

        @Override
        public boolean isUniqueViolation(SQLException e) {
          return "23505".equals(e.getSQLState());
        }

        @Override
        public String forUpdate() {
          return " FOR UPDATE";
        }
      };
}
