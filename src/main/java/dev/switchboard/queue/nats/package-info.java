/**
 * The {@code nats} queue driver (jnats, JetStream): one work-queue stream per topic on file storage and one
 * durable pull consumer shared by every worker, with explicit acks and an ack wait of
 * {@code queue.redelivery_ms}. A failed job is nak'd with that delay; a job a live worker is still on is kept
 * with in-progress acks; a dead worker's jobs come back when the ack wait runs out. jnats blocks, so its calls
 * run on a worker pool and each consumer's fetch loop on its own thread, never on an event loop.
 */
package dev.switchboard.queue.nats;
