/**
 * The codec (PROTOCOL.md objects and frames): client frames and server frames as sealed families of
 * records, decoded and encoded in one place ({@link dev.messenger.server.wire.FrameCodec}), and the
 * JSON of the domain objects written once ({@code WireWriters}) for WebSocket frames and HTTP
 * bodies alike.
 */
package dev.messenger.server.wire;
