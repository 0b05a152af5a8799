/**
 * The chat session (PROTOCOL.md section 3, DESIGN.md "The edge"): one {@link
 * dev.messenger.server.chat.ChatSession} per connection, transport-agnostic. It talks to an {@link
 * dev.messenger.server.chat.Outbound} port, runs on a serial executor, reads a {@code Clock}, and
 * calls only the domain services it needs ({@link dev.messenger.server.chat.ChatDomain}). Ordered,
 * gap-free delivery lives in {@code Delivery}; every queue is bounded ({@link
 * dev.messenger.server.chat.SessionLimits}).
 */
package dev.messenger.server.chat;
