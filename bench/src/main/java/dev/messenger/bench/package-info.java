/**
 * Load generator for a running Messenger node: registers its own users over HTTP, opens thousands
 * of WebSocket connections on a Vert.x event loop, drives the real protocol (PROTOCOL.md section 3)
 * and reports end-to-end latencies (HdrHistogram), delivery accounting and the server's RSS and CPU
 * read from {@code /proc}. Entry point: {@link dev.messenger.bench.Bench}.
 */
package dev.messenger.bench;
