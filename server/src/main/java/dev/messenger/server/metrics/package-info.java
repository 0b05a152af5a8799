/** Prometheus metrics of a node (Micrometer), served at {@code /metrics}. */
package dev.messenger.server.metrics;
