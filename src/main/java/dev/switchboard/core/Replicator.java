package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where this node's state changes go so other nodes can mirror them. The single-node server uses {@link
 * #NONE}; the cluster broker tells every other node. Calls arrive on the loop that caused the change (or an
 * API request's loop), must not block, and may be coalesced by the implementation. Calls about the same
 * channel, member or user come from different loops after the lock that decided the change is released, so
 * they can arrive out of order and their arguments may already be stale: an implementation that sends state
 * on must read the current value from the {@link AppRuntime} when it sends, not trust the call's values.
 */
public interface Replicator {
  /**
   * An event published here that every node, this one included, must deliver (to this node's subscribers
   * through {@link AppRuntime#publish(String, OutboundMessage, String, long)} with {@code receivedNanos}).
   * A cluster delivers it here in the order the broker gives it, so every node sees a channel's events in
   * the same order. The stage completes once the broker has taken it, so a publisher that waits for it
   * before publishing again (through any node) keeps its events in order everywhere; it fails when the
   * broker is unreachable (local subscribers are then served directly).
   */
  CompletionStage<Void> event(AppRuntime app, String channel, OutboundMessage m, String exceptSocketId,
      long receivedNanos);

  /**
   * Completes once every change reported here before the call has reached the other nodes, so that a node
   * asked afterwards (HTTP API, connection quota, presence limit) already counts it; a client's confirmation
   * waits for it. May complete on any thread: callers hop to their own loop. Without a cluster, and while the
   * broker is down, it is complete at once; when the broker does not answer it completes after a bounded
   * wait, with other nodes possibly still behind.
   */
  CompletionStage<Void> confirmed();

  /** A user's first socket on this node joined a presence channel. */
  void memberJoined(AppRuntime app, String channel, String userId, JsonNode info);

  /** A user's last socket on this node left a presence channel. */
  void memberLeft(AppRuntime app, String channel, String userId);

  /** The number of sockets on this node subscribed to {@code channel} changed. */
  void channelCount(AppRuntime app, String channel, int localCount);

  /** A user's first connection on this node signed in. */
  void userOnline(AppRuntime app, String userId);

  /** A user's last connection on this node closed. */
  void userOffline(AppRuntime app, String userId);

  /** The number of connections of the app on this node changed. */
  void connections(AppRuntime app, int localCount);

  /** Asks every other node to close the user's connections after sending {@code notice}. */
  void terminateUser(AppRuntime app, String userId, OutboundMessage notice, int code, String reason);

  /** No other nodes: nothing to tell. */
  Replicator NONE = new Replicator() {
    private final CompletableFuture<Void> done = CompletableFuture.completedFuture(null);

    @Override
    public CompletionStage<Void> confirmed() {
      return done;
    }

    @Override
    public CompletionStage<Void> event(AppRuntime app, String channel, OutboundMessage m, String exceptSocketId,
        long receivedNanos) {
      app.publish(channel, m, exceptSocketId, receivedNanos);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void memberJoined(AppRuntime app, String channel, String userId, JsonNode info) {}

    @Override
    public void memberLeft(AppRuntime app, String channel, String userId) {}

    @Override
    public void channelCount(AppRuntime app, String channel, int localCount) {}

    @Override
    public void userOnline(AppRuntime app, String userId) {}

    @Override
    public void userOffline(AppRuntime app, String userId) {}

    @Override
    public void connections(AppRuntime app, int localCount) {}

    @Override
    public void terminateUser(AppRuntime app, String userId, OutboundMessage notice, int code, String reason) {}
  };
}
