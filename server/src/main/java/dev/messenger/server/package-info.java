/** The edge: HTTP API, WebSocket sessions, settings and wiring. */
package dev.messenger.server;
