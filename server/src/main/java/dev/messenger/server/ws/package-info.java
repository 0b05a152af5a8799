/**
 * WebSocket sessions (PROTOCOL.md section 3): the upgrade with token auth, frame decoding, one
 * {@link dev.messenger.server.ws.Session} per connection with its ordered, gap-free delivery and
 * bounded outbound queue, and the registry that sweeps idle connections and closes them on
 * shutdown.
 */
package dev.messenger.server.ws;
