/**
 * The {@code bench} load generator: CLI, run harness with a hard timeout per scenario, result table and
 * JSON, and the side-by-side comparison of two result sets. Scenarios live in {@code scenario}, the Pusher
 * WebSocket client in {@code client}, the HTTP API client in {@code http}, measurement in {@code stats}.
 * Talks to the server only over its public protocols, so it measures any Pusher-compatible server.
 */
package dev.switchboard.bench;
