/**
 * The SQL store behind {@link dev.messenger.core.messaging.MessageStore} and {@link
 * dev.messenger.core.accounts.AccountStore}: SQLite (embedded default, WAL with {@code
 * synchronous=FULL}) or PostgreSQL, one schema migrated by Flyway, and a group-commit writer that
 * makes many writes share one transaction and one fsync.
 */
package dev.messenger.store;
