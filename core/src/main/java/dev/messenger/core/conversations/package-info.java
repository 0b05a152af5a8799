/**
 * Conversations, direct and group, and their members (PROTOCOL.md section 2, "Conversations"):
 * creation, membership changes recorded as system messages, renames, summaries and access rules.
 */
package dev.messenger.core.conversations;
