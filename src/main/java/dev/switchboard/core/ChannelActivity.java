package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cluster-wide transitions of a channel, reported on every node for changes made here and for changes other
 * nodes report (including a dead node's state being dropped): occupied when the channel's total subscriber
 * count anywhere goes from 0 up, vacated when it returns to 0, member added/removed when a presence user's
 * first/last socket anywhere comes/goes. Each transition is seen once per node, so a consumer that must act
 * once per cluster (webhooks) acts only on the node that owns the channel. Internal channels are not
 * reported. Called on the loop or broker context that made the change; implementations must not block.
 */
public interface ChannelActivity {
  default void occupied(AppRuntime app, String channel) {}

  default void vacated(AppRuntime app, String channel) {}

  /** {@code userId} is the id as the client gave it, a string or a number (see {@link PresenceRoster}). */
  default void memberAdded(AppRuntime app, String channel, JsonNode userId) {}

  default void memberRemoved(AppRuntime app, String channel, JsonNode userId) {}

  /** The cluster-wide subscriber count changed and is now {@code total} (more than 0). */
  default void subscriptionCount(AppRuntime app, String channel, int total) {}

  ChannelActivity NONE = new ChannelActivity() {};
}
