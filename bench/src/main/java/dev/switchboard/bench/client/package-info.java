/**
 * Pusher WebSocket client side of the load generator: one Netty event loop group, one lightweight
 * {@link dev.switchboard.bench.client.PusherConnection} per socket, and the channel-auth signatures of the
 * Pusher protocol (private and presence). Imports Netty, Jackson and {@code stats} only.
 */
package dev.switchboard.bench.client;
