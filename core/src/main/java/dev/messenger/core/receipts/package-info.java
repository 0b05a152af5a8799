/**
 * Sent, delivered and read receipts as cumulative per-member cursors (PROTOCOL.md "Receipts are
 * cumulative cursors"): no row per receipt, O(members) state.
 */
package dev.messenger.core.receipts;
