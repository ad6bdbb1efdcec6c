package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Cluster-wide transitions of a channel, reported on every node for changes made here and for changes other
 * nodes report (including a dead node's state being dropped): occupied when the channel's total subscriber
 * count anywhere goes from 0 up, vacated when it returns to 0, member added/removed when a presence user's
 * first/last socket anywhere comes/goes. Each transition is seen once per node, so a consumer that must act
 * once per cluster (webhooks) acts only on the node that owns the channel. Of internal channels only member
 * transitions are reported (a dialect's own presence, such as the gateway's users); consumers of Pusher
 * channels skip them with {@link ChannelNames#isInternal}. Called on the loop or broker context that made the
 * change; implementations must not block.
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

  /** Both {@code first} and {@code second}, in that order. */
  static ChannelActivity both(ChannelActivity first, ChannelActivity second) {
    return new ChannelActivity() {
      @Override
      public void occupied(AppRuntime app, String channel) {
        first.occupied(app, channel);
        second.occupied(app, channel);
      }

      @Override
      public void vacated(AppRuntime app, String channel) {
        first.vacated(app, channel);
        second.vacated(app, channel);
      }

      @Override
      public void memberAdded(AppRuntime app, String channel, JsonNode userId) {
        first.memberAdded(app, channel, userId);
        second.memberAdded(app, channel, userId);
      }

      @Override
      public void memberRemoved(AppRuntime app, String channel, JsonNode userId) {
        first.memberRemoved(app, channel, userId);
        second.memberRemoved(app, channel, userId);
      }

      @Override
      public void subscriptionCount(AppRuntime app, String channel, int total) {
        first.subscriptionCount(app, channel, total);
        second.subscriptionCount(app, channel, total);
      }
    };
  }
}
