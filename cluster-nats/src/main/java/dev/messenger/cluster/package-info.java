/**
 * Cluster mode adapters (DESIGN.md "Cluster mode"): {@link dev.messenger.cluster.NatsBus}, the
 * doorbell between nodes, and {@link dev.messenger.cluster.NatsPresenceRegistry}, which users have
 * connections on which nodes, kept in NATS KV and refreshed by heartbeats so a dead node's users go
 * offline within a bounded time.
 */
package dev.messenger.cluster;
