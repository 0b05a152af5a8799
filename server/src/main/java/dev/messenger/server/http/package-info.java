/**
 * The HTTP API (PROTOCOL.md section 2) on a Vert.x router: one routes class per feature, each
 * taking only the services it calls, all blocking work on the worker pool, every error as {@code
 * {"error": {"code", "message"}}}. Bodies are read with {@link
 * dev.messenger.server.wire.JsonFields} and built into the same core request records the WebSocket
 * frames build, so a limit or its message exists once.
 */
package dev.messenger.server.http;
