package dev.switchboard.core;

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
  int slot = -1;

  Subscription(Connection connection, Channel channel, String presenceUserId) {
    this.connection = connection;
    this.channel = channel;
    this.presenceUserId = presenceUserId;
  }

  public Channel channel() {
    return channel;
  }

  public String presenceUserId() {
    return presenceUserId;
  }
}
