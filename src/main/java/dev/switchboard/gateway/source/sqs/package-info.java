/**
 * The {@code sqs} notification source over the AWS SDK v2 async client (Netty transport): long-poll
 * ReceiveMessage, DeleteMessage after the handler succeeded, ChangeMessageVisibility for a redelivery, SendMessage
 * to the dead-letter queue. Bodies are raw JSON as boto3 writes them, or SNS notifications delivered without raw
 * message delivery, which are unwrapped. Its client fields and builder are the {@code sqs} gateway sink's
 * {@link dev.switchboard.gateway.sink.sqs.SqsClientSettings}, the one import from a sink driver.
 */
package dev.switchboard.gateway.source.sqs;
