/**
 * The {@code rabbitmq} queue driver (amqp-client): one durable queue per topic, persistent messages,
 * publisher confirms, manual acks with a prefetch of {@code queue.concurrency}. A job whose worker's channel
 * closes unacknowledged is requeued by the broker. The client blocks, so every call into it runs on a worker
 * thread, never on an event loop.
 */
package dev.switchboard.queue.rabbitmq;
