package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Messenger schema, version 6: full-text search of messages (PROTOCOL.md section 7), with no server
 * to run beside the database. The only migration that differs per database:
 *
 * <ul>
 *   <li>SQLite: an FTS5 external-content table over {@code messages.body} ({@code unicode61} with
 *       {@code remove_diacritics 2}), kept by triggers;
 *   <li>PostgreSQL: a {@code tsvector} column ({@code simple} configuration over {@code
 *       unaccent(body)}) with a GIN index, kept by a trigger.
 * </ul>
 *
 * Either way only live text (kind {@code text}, not deleted) is indexed, and the index is written
 * by the database in the same transaction as the message, its edit or its deletion.
 */
public class V6__search extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection c = context.getConnection();
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
    try (Statement st = c.createStatement()) {
      for (String sql : product.contains("postgres") ? POSTGRES : SQLITE) {
        st.execute(sql);
      }
    }
  }

  private static final String[] SQLITE = {
    "CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='rowid',"
        + " tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages"
        + " WHEN new.kind = 'text' AND new.deleted = 0 BEGIN"
        + " INSERT INTO messages_fts (rowid, body) VALUES (new.rowid, new.body); END",
    "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages"
        + " WHEN old.kind = 'text' AND old.deleted = 0 BEGIN"
        + " INSERT INTO messages_fts (messages_fts, rowid, body)"
        + " VALUES ('delete', old.rowid, old.body); END",
    "CREATE TRIGGER messages_fts_update AFTER UPDATE OF body, deleted ON messages"
        + " WHEN old.kind = 'text' BEGIN"
        + " INSERT INTO messages_fts (messages_fts, rowid, body)"
        + " SELECT 'delete', old.rowid, old.body WHERE old.deleted = 0;"
        + " INSERT INTO messages_fts (rowid, body) SELECT new.rowid, new.body WHERE new.deleted = 0;"
        + " END",
    "INSERT INTO messages_fts (rowid, body)"
        + " SELECT rowid, body FROM messages WHERE kind = 'text' AND deleted = 0"
  };

  private static final String[] POSTGRES = {
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "ALTER TABLE messages ADD COLUMN search tsvector",
    "CREATE FUNCTION messages_search() RETURNS trigger AS $$ BEGIN"
        + " NEW.search := CASE WHEN NEW.kind = 'text' AND NEW.deleted = 0"
        + " THEN to_tsvector('simple'::regconfig, unaccent(NEW.body)) ELSE NULL END;"
        + " RETURN NEW; END $$ LANGUAGE plpgsql",
    "CREATE TRIGGER messages_search BEFORE INSERT OR UPDATE OF body, deleted ON messages"
        + " FOR EACH ROW EXECUTE FUNCTION messages_search()",
    "UPDATE messages SET search = to_tsvector('simple'::regconfig, unaccent(body))"
        + " WHERE kind = 'text' AND deleted = 0",
    "CREATE INDEX messages_search_gin ON messages USING GIN (search)"
  };
}
