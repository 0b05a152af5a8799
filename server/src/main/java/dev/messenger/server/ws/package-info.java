/**
 * The WebSocket transport on Vert.x (RFC 6455, PROTOCOL.md section 3): the {@code /ws} upgrade with
 * token auth and Origin check, one {@link dev.messenger.server.ws.VertxTransport} per connection
 * (message assembly with the 64 KiB limit, the bounded write queue, close codes) feeding one {@link
 * dev.messenger.server.chat.ChatSession}, and the registry that sweeps idle connections and closes
 * them on shutdown. The only package that imports the WebSocket library.
 */
package dev.messenger.server.ws;
