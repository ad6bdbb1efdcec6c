/**
 * The {@code sqs} queue driver (AWS SDK v2 SqsAsyncClient over its non-blocking Netty client): one SQS queue
 * per topic, found by name ({@code <prefix>-<topic>}, created when missing) or given by URL. Payloads travel
 * base64-encoded because SQS bodies are text. Long polling receives, DeleteMessage acknowledges, and the
 * visibility timeout ({@code queue.redelivery_ms}, in whole seconds) brings back failed jobs and those of dead
 * workers; ChangeMessageVisibility keeps the jobs of a live worker hidden. Works against ElasticMQ through
 * {@code queue.sqs.endpoint}.
 */
package dev.switchboard.queue.sqs;
