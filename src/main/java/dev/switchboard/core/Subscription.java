package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A connection's membership in one channel. It is also the entry in the channel's per-loop subscriber
 * list, where {@link #slot} is its index so removal is a constant-time swap. Touched only on the
 * connection's loop.
 */
public final class Subscription {
  final Connection connection;
  final Channel channel;
  /** The presence user id this socket joined as, or null on other channel kinds. */
  final String presenceUserId;
  /** The same id as the client gave it (a number stays a number, see {@link PresenceRoster}), or null. */
  final JsonNode presenceUser;
  int slot = -1;

  Subscription(Connection connection, Channel channel, String presenceUserId, JsonNode presenceUser) {
    this.connection = connection;
    this.channel = channel;
    this.presenceUserId = presenceUserId;
    this.presenceUser = presenceUser;
  }

  public Channel channel() {
    return channel;
  }

  public String presenceUserId() {
    return presenceUserId;
  }

  /** The presence user id as JSON, as client events and webhooks repeat it; null on other channel kinds. */
  public JsonNode presenceUser() {
    return presenceUser;
  }
}
