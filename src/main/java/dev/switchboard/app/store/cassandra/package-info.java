/**
 * The {@code scylladb} app store (ScyllaDB or Apache Cassandra) on the DataStax/Apache java-driver 4 async
 * API. Keyspace, table (Sockudo's {@code applications} layout) and a secondary index on {@code key} are
 * created when missing, and columns it lacks are added. Imports the {@code app} SPI and {@code config} only.
 */
package dev.switchboard.app.store.cassandra;
