/**
 * Cluster mode adapters (DESIGN.md "Cluster mode"; docs/scaling.md "NATS and presence"): {@link
 * dev.messenger.cluster.NatsBus}, the doorbell between nodes, addressed per node and numbered per
 * pair of nodes so that lost doorbells are asked back, and {@link
 * dev.messenger.cluster.NatsPresenceRegistry}, which users have connections on which nodes, kept in
 * NATS KV (keys written on first connect and last disconnect, one heartbeat key per node) so a dead
 * node's users go offline within a bounded time.
 */
package dev.messenger.cluster;
