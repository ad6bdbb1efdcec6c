/**
 * Where the Gateway dialect forwards client messages ({@code {"action":..,"message":{..}}} frames): the
 * {@link dev.switchboard.gateway.sink.GatewaySink} SPI (a {@link dev.switchboard.gateway.sink.GatewayMessage}
 * in, a future that says whether the backend accepted it), the {@link dev.switchboard.gateway.sink.RetryingSink}
 * decorator that retries and dead-letters, and the factory {@link dev.switchboard.gateway.sink.GatewaySinks},
 * the only class that names the drivers in the sub-packages: {@code redis} (stream work queue, pub/sub
 * topic), {@code rabbitmq} (durable queue, fanout exchange), {@code nats} (JetStream, core subject),
 * {@code sqs} and {@code http}. Each driver sends the body as it is, or the
 * {@link dev.switchboard.gateway.sink.GatewayMessage#envelope()} with {@code "envelope": true}, and the
 * attributes natively where its backend has them, as SUMU's backends expect (raw JSON SQS bodies). Imports
 * {@code config}, Vert.x and the backends' clients; never {@code queue} drivers or the dialect.
 */
package dev.switchboard.gateway.sink;
