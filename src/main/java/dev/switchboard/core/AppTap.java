package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a debug console watches of one app: sockets coming and going, subscriptions, events in from the API and
 * from clients, webhook attempts and errors told to clients. {@link AppRuntime#tap()} is {@link #OFF} while
 * nobody watches, so each hook costs the hot path one volatile read and a call to an empty method; a watcher
 * sets its own tap for as long as it watches. Called on the loop or thread where the thing happened; an
 * implementation must not block and must do its formatting (e.g. of {@code data}) itself, never the caller.
 */
public interface AppTap {
  default void connectionOpened(Connection c) {}

  /** {@code code} is the close code sent or received, or 0 when the socket simply went away. */
  default void connectionClosed(Connection c, int code) {}

  default void subscribed(Connection c, String channel) {}

  default void unsubscribed(Connection c, String channel) {}

  /** A client event relayed on {@code channel}; {@code data} as the client sent it (may be null). */
  default void clientEvent(Connection from, String channel, String event, JsonNode data) {}

  /** An event published through the HTTP API on {@code channel}; {@code exceptSocketId} may be null. */
  default void apiEvent(String channel, String event, String data, String exceptSocketId) {}

  /**
   * One webhook delivery attempt: {@code body} as sent, {@code outcome} one of delivered, retry, rejected, and
   * {@code detail} why (e.g. HTTP 500).
   */
  default void webhook(String target, String body, int attempt, String outcome, String detail) {}

  /**
   * An error told to a client or an API caller: a {@code pusher:error} or subscription error ({@code socketId}
   * set, {@code channel} when it names one) or a refused API call (both null), with its code and message.
   */
  default void error(String socketId, String channel, int code, String message) {}

  /** Watches nothing. */
  AppTap OFF = new AppTap() {};
}
