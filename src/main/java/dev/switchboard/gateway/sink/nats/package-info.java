/**
 * The NATS gateway sinks (jnats): {@code nats_jetstream} (a JetStream publish awaiting the stream's ack; the
 * stream is created when missing) and {@code nats} (a core publish, fan-out, flushed), attributes as NATS
 * headers. The connection opens on first send; the client blocks, so calls into it run on worker threads.
 */
package dev.switchboard.gateway.sink.nats;
