/** What the NATS JetStream clients (the webhook queue, the gateway's source and sink) share. */
package dev.switchboard.nats;
