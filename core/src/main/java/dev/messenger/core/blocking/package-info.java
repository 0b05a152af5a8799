/**
 * Blocking (PROTOCOL.md section 6): who blocks whom, and the one rule every feature asks, {@link
 * dev.messenger.core.blocking.Blocks#between}: no direct chat, no presence, no typing between two
 * users while either blocks the other.
 */
package dev.messenger.core.blocking;
