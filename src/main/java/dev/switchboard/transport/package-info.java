/**
 * Vert.x and Netty glue for every dialect: event loops as core {@link dev.switchboard.core.Loop}s, and
 * WebSocket connections that write pre-encoded frames straight to the Netty channel with one flush per
 * loop turn and a bounded outbound buffer.
 */
package dev.switchboard.transport;
