/**
 * Prometheus metrics: a Micrometer registry whose series carry soketi 1.6's names and labels ({@code
 * <prefix>connected{app_id,port}}, {@code new_connections_total}, {@code ws_messages_sent_total},
 * {@code socket_transmitted_bytes}, {@code http_calls_received_total}...), plus publish→write latency,
 * slow consumers, the cluster broker and the JVM; and the small HTTP server that serves them on their own
 * port. Implements core's {@link dev.switchboard.core.Meters} hooks with counters resolved once per app
 * and per loop, so fan-out counts with plain increments. Imports core and Vert.x; never a dialect or driver.
 */
package dev.switchboard.metrics;
