package dev.messenger.store;

import dev.messenger.core.search.SearchCursor;
import dev.messenger.core.search.SearchHit;
import dev.messenger.core.search.SearchStore;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link SearchStore} on the index of migration V6 (PROTOCOL.md section 7): SQLite's FTS5 ({@code
 * MATCH '"word" "prefix"*'}) or PostgreSQL's text search ({@code @@ to_tsquery('simple',
 * unaccent('word & prefix:*'))}), joined with the caller's memberships for what it may see. SQLite
 * pages by rowid (commit order), PostgreSQL by {@code ts} (see {@link SearchCursor}). Thread-safe;
 * reads on the pool.
 */
public final class JdbcSearchStore implements SearchStore {
  private final Database db;

  public JdbcSearchStore(Database db) {
    this.db = db;
  }

  /**
   * What the caller may see: conversations it is or was in, between join and leave, not cleared.
   */
  private static final String VISIBLE =
      " JOIN members mb ON mb.conversation_id = m.conversation_id AND mb.user_id = ?"
          + " WHERE m.seq >= mb.joined_seq AND m.seq > mb.cleared_seq"
          + " AND (mb.left_seq = 0 OR m.seq < mb.left_seq)"
          + " AND m.kind = 'text' AND m.deleted = 0";

  @Override
  public List<SearchHit> search(
      String userId, List<String> terms, String conversationId, SearchCursor before, int limit) {
    boolean postgres = db.dialect() == Dialect.POSTGRES;
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder("SELECT m.conversation_id, m.seq, m.sender_id, m.ts, m.body, ");
    if (postgres) {
      sql.append("0 FROM messages m").append(VISIBLE);
      sql.append(" AND m.search @@ to_tsquery('simple'::regconfig, unaccent(?))");
      params.add(userId);
      params.add(tsquery(terms));
    } else {
      sql.append("f.rowid FROM messages_fts f JOIN messages m ON m.rowid = f.rowid")
          .append(VISIBLE);
      sql.append(" AND messages_fts MATCH ?");
      params.add(userId);
      params.add(fts5(terms));
    }
    if (conversationId != null) {
      sql.append(" AND m.conversation_id = ?");
      params.add(conversationId);
    }
    if (postgres) {
      if (before != null) {
        sql.append(
            " AND (m.ts < ? OR (m.ts = ? AND m.conversation_id < ?)"
                + " OR (m.ts = ? AND m.conversation_id = ? AND m.seq < ?))");
        params.addAll(
            List.of(
                before.ts(),
                before.ts(),
                before.conversationId(),
                before.ts(),
                before.conversationId(),
                before.seq()));
      }
      sql.append(" ORDER BY m.ts DESC, m.conversation_id DESC, m.seq DESC");
    } else {
      // Newest first in commit order: FTS5 walks its index from the highest rowid and the query
      // stops at the page's end, where ORDER BY ts sorted every match first (seconds for a
      // common word on a million messages; BENCHMARKS.md "search").
      if (before != null) {
        sql.append(" AND f.rowid < ?");
        params.add(before.position());
      }
      sql.append(" ORDER BY f.rowid DESC");
    }
    sql.append(" LIMIT ?");
    params.add(limit);
    return Sql.read(
        db,
        c ->
            Sql.list(
                c,
                rs ->
                    new SearchHit(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getLong(6)),
                sql.toString(),
                params.toArray()));
  }

  /** An FTS5 query: every term a quoted phrase (quotes doubled), the last also a prefix. */
  static String fts5(List<String> terms) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      q.append(i == 0 ? "" : " ")
          .append('"')
          .append(terms.get(i).replace("\"", "\"\""))
          .append('"');
    }
    return q.append('*').toString();
  }

  /**
   * A tsquery: terms quoted (quotes doubled, backslashes escaped) joined by &, the last a prefix.
   */
  static String tsquery(List<String> terms) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < terms.size(); i++) {
      String t = terms.get(i).replace("\\", "\\\\").replace("'", "''");
      q.append(i == 0 ? "" : " & ").append('\'').append(t).append('\'');
    }
    return q.append(":*").toString();
  }
}
