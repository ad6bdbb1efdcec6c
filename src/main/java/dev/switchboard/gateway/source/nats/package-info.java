/**
 * The {@code nats_jetstream} notification source (jnats): a durable pull consumer on a JetStream stream (both
 * created when missing), fetched by a thread of its own as far as handler slots are free, ack after the handler
 * succeeded, nak with the redelivery delay after it failed, dead letters published to a JetStream subject and
 * the original terminated. The client blocks, so calls into it run on that thread or on worker threads.
 */
package dev.switchboard.gateway.source.nats;
