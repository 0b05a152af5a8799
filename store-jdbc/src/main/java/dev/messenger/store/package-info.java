/**
 * The SQL store behind the message store ports ({@link dev.messenger.store.JdbcConversationStore},
 * {@link dev.messenger.store.JdbcMessageLog}, {@link dev.messenger.store.JdbcCursorStore}, bundled
 * by {@link dev.messenger.store.JdbcMessageStore}) and {@link
 * dev.messenger.core.accounts.AccountStore}: SQLite (embedded default, WAL with {@code
 * synchronous=FULL}) or PostgreSQL, one schema migrated by Flyway, and a group-commit writer with a
 * bounded queue that makes many writes share one transaction and one fsync.
 */
package dev.messenger.store;
