/**
 * The {@code sqs} gateway sink over the AWS SDK v2 async client (Netty transport): raw JSON bodies, String
 * message attributes, FIFO group and deduplication ids. Its client is built on first send, on a worker
 * thread, from static keys or the default AWS chain, as the {@code queue/sqs} driver builds its own;
 * {@link dev.switchboard.gateway.sink.sqs.SqsClientSettings} (those fields and that builder) is shared with the
 * {@code sqs} notification source.
 */
package dev.switchboard.gateway.sink.sqs;
