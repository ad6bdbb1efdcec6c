/**
 * The Redis gateway sinks over the Vert.x Redis client: {@code redis_stream} (XADD to a capped stream, the
 * attributes as entry fields, a work queue for consumer groups) and {@code redis_pubsub} (PUBLISH of the
 * envelope, a fan-out topic without persistence). The client pools and reconnects by itself.
 */
package dev.switchboard.gateway.sink.redis;
