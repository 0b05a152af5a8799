/**
 * The HTTP API (PROTOCOL.md section 2) on a Vert.x router: one routes class per feature, all
 * blocking work on the worker pool, every error as {@code {"error": {"code", "message"}}}.
 */
package dev.messenger.server.http;
