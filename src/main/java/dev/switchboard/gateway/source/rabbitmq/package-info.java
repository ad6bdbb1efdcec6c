/**
 * The {@code rabbitmq} notification source (amqp-client): a durable queue, a prefetch of the concurrency,
 * manual ack after the handler succeeded, a failed message republished with its delivery count in a header,
 * dead letters published to a durable queue, each with a publisher confirm. The client blocks, so every call
 * into it runs on a worker thread, never on an event loop.
 */
package dev.switchboard.gateway.source.rabbitmq;
