package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the core tells the rest of the server about channel and user activity: the Pusher dialect turns
 * these into protocol messages, webhooks into webhook events, metrics into counters. Called on the loop of
 * the connection that caused the change; implementations must not block.
 */
public interface HubListener {
  default void channelOccupied(AppRuntime app, Channel channel) {}

  default void channelVacated(AppRuntime app, String channel) {}

  /**
   * A user's first socket joined a presence channel; {@code by} is that socket. {@code userId} is the id as
   * the client gave it, a string or a number (see {@link PresenceRoster}).
   */
  default void memberAdded(AppRuntime app, Channel channel, JsonNode userId, JsonNode userInfo, Connection by) {}

  /** A user's last socket left a presence channel; {@code userId} as in {@link #memberAdded}. */
  default void memberRemoved(AppRuntime app, Channel channel, JsonNode userId) {}

  default void subscriptionCountChanged(AppRuntime app, Channel channel) {}

  /** A user's first connection signed in. */
  default void userOnline(AppRuntime app, String userId) {}

  /** A user's last connection closed. */
  default void userOffline(AppRuntime app, String userId) {}

  /**
   * A client event was relayed on {@code channel}; {@code from} sent it and {@code userId} is its presence
   * user id as in {@link #memberAdded} (null on other channel kinds).
   */
  default void clientEvent(AppRuntime app, Channel channel, String event, JsonNode data, Connection from,
      JsonNode userId) {}

  /** {@code by} subscribed to a cache channel that had no cached event. */
  default void cacheMiss(AppRuntime app, Channel channel, Connection by) {}

  /** One listener that calls each of {@code listeners} in order. */
  static HubListener all(HubListener... listeners) {
    return new CompositeHubListener(listeners);
  }
}
