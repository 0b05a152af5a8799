/**
 * Abuse limits at the edge: rate limits with Bucket4j (sends and frames per connection and device,
 * logins and registrations per IP and username), per-user caps on devices, connections and
 * contacts, and the allowed-origins rule for WebSocket upgrades and CORS.
 */
package dev.messenger.server.limits;
