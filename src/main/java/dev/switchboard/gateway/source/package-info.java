/**
 * Where backends send notifications IN to the Gateway dialect: the
 * {@link dev.switchboard.gateway.source.NotificationSource} SPI (consume a queue, hand each body to a
 * {@link dev.switchboard.gateway.source.NotificationHandler}, acknowledge after it succeeded, redeliver or
 * dead-letter after it failed), {@link dev.switchboard.gateway.source.SourceRunner} (concurrency, verdicts,
 * counters and the dead-letter log line every driver shares), {@link dev.switchboard.gateway.source.RunnerSource}
 * (the stop-once and the counters every driver writes the same way) and the factory
 * {@link dev.switchboard.gateway.source.NotificationSources}, the only class that names the drivers in the
 * sub-packages {@code sqs}, {@code redis}, {@code rabbitmq} and {@code nats}. Bodies are SUMU's
 * {@code {"users":[..],"exclude_users":[..],"data":..}} as its backends write them (raw JSON SQS bodies, as
 * boto3's send_message writes); parsing them is the handler's job. Imports {@code config}, the sink package's
 * {@code SinkConfig} (one config style for both directions), Vert.x and the backends' clients.
 */
package dev.switchboard.gateway.source;
