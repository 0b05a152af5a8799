// Messenger SDK: the HTTP API and the WebSocket of the Messenger protocol (PROTOCOL.md
// versions 1 and 2) for browsers and Node, with reconnect, sync, gap fill, an outbox with
// idempotent resend and typed events. No runtime dependencies.

export { MessengerClient } from './client.js';
export { HttpApi } from './http.js';
export { AdminApi } from './admin.js';
export { Connection } from './connection.js';
export { Outbox } from './outbox.js';
export { Sequencer } from './sequencer.js';
export { Emitter } from './emitter.js';
export { MessengerError } from './errors.js';
export { applyUpdate, applyPins, allowedChanges } from './updates.js';
export { randomId } from './ids.js';
export * from './types.js';
