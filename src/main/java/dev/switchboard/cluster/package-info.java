/**
 * Running several nodes as one server. {@link dev.switchboard.cluster.ClusterBroker} holds the cluster
 * logic once — event relay, presence and user replication, counts, heartbeats, dead-node cleanup, full
 * sync for a joining node — over a {@link dev.switchboard.cluster.ClusterTransport} that only moves bytes;
 * Redis pub/sub and NATS are thin transports in sub-packages. Only {@link dev.switchboard.cluster.Brokers}
 * names the drivers. Imports core; never a dialect.
 */
package dev.switchboard.cluster;
