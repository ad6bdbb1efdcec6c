/**
 * At-least-once work queues: the {@link dev.switchboard.queue.JobQueue} SPI (a topic name, a byte payload, a
 * handler that returns a future; acknowledged on success, delivered again on failure or when a worker dies)
 * and its drivers in sub-packages: {@code memory} (in-process, not durable), {@code redis} (streams with a
 * consumer group), {@code rabbitmq} (durable queue, manual acks, publisher confirms), {@code nats}
 * (JetStream work queue, explicit acks) and {@code sqs}. Only {@link dev.switchboard.queue.JobQueues} names the
 * drivers; webhooks and, later, gateway notifications see the SPI only. Imports {@code config} and Vert.x.
 */
package dev.switchboard.queue;
