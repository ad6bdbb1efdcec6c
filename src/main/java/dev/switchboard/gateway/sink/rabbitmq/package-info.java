/**
 * The RabbitMQ gateway sinks (amqp-client): a durable queue ({@code rabbitmq}) or a fanout exchange
 * ({@code rabbitmq_fanout}), publisher confirms, one connection per sink opened on first send and again after
 * it shut down. The client blocks, so every call into it runs on a worker thread, never on an event loop.
 */
package dev.switchboard.gateway.sink.rabbitmq;
