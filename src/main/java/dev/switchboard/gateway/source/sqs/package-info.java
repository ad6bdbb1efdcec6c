/**
 * The {@code sqs} notification source over the AWS SDK v2 async client (Netty transport): long-poll
 * ReceiveMessage, DeleteMessage after the handler succeeded, ChangeMessageVisibility for a redelivery, SendMessage
 * to the dead-letter queue. Bodies are raw JSON as boto3 writes them, or SNS notifications delivered without raw
 * message delivery, which are unwrapped. Built like the {@code sqs} gateway sink's client.
 */
package dev.switchboard.gateway.source.sqs;
