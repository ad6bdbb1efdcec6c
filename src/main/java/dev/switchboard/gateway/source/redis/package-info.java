/**
 * The {@code redis_stream} notification source over the Vert.x Redis client: a consumer group on a stream,
 * XREADGROUP BLOCK on a dedicated connection, XACK after the handler succeeded, XPENDING + XCLAIM of entries idle
 * longer than the redelivery delay (with their delivery counts), XADD to a dead-letter stream.
 */
package dev.switchboard.gateway.source.redis;
