/**
 * The y-webrtc signaling dialect ({@code ws /signaling[/{app-key}]}): the protocol of y-webrtc's
 * {@code bin/server.js} (JSON text frames {@code subscribe}, {@code unsubscribe}, {@code publish} with an
 * added {@code clients} count, {@code ping} → {@code pong}), served on the core so that topics fan out like
 * any channel. A topic is the core channel {@code signaling:<topic>} of an app runtime: the built-in
 * signaling namespace, or the app whose key is the first path segment. Hardening (frame size, topic and
 * publish limits, per-IP connection rate, WebSocket pings of silent peers) and optional JWT auth
 * (config {@code signaling.auth.*}, verified by the shared {@code auth} package, topics claim in
 * {@code signaling.auth}) are what the reference server lacks.
 *
 * <p>Imports core, app, auth, config, ratelimit and transport; never a database, a broker or another dialect.
 */
package dev.switchboard.signaling;
