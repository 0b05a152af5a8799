/** JSON encoding of the domain for the wire (PROTOCOL.md objects and frames), with Jackson. */
package dev.messenger.server.wire;
