/**
 * The doorbell between the send path and the sessions (DESIGN.md "The store is the truth; the bus
 * is a doorbell"): the {@link dev.messenger.core.bus.Bus} port, its events, the in-process adapter
 * and {@link dev.messenger.core.bus.Fanout}, which rings every member's doorbell after a commit.
 */
package dev.messenger.core.bus;
