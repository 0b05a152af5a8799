/**
 * The doorbell between the send path and the sessions (DESIGN.md "The store is the truth; the bus
 * is a doorbell"): the {@link dev.messenger.core.bus.Bus} port, its events and the in-process
 * adapter.
 */
package dev.messenger.core.bus;
