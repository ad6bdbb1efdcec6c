/**
 * The {@code redis} queue driver: one Redis stream per topic and one consumer group shared by every
 * worker. XREADGROUP hands out new entries, XACK and XDEL remove a finished one, XCLAIM keeps the entries a
 * live worker is still on fresh, and XAUTOCLAIM moves entries idle for {@code queue.redelivery_ms} (failed,
 * or left by a dead worker) to a live one. Uses the non-blocking Vert.x Redis client only.
 */
package dev.switchboard.queue.redis;
