package dev.switchboard.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where cache channels keep their last event beyond this node's memory, so a node that starts later (or
 * restarts) can replay it. The default keeps nothing outside the node: every node already remembers the
 * events it delivers.
 *
 * <p>Contract: never blocks; {@link #get} completes with null when nothing is stored and fails when the
 * store cannot answer (callers then treat it as a miss).
 */
public interface EventCache {
  /** Stores {@code m}; completes when stored (or fails), so an API publish can answer after it. */
  CompletionStage<Void> put(String appId, String channel, OutboundMessage m, long ttlMillis);

  CompletionStage<OutboundMessage> get(String appId, String channel);

  EventCache NONE = new EventCache() {
    @Override
    public CompletionStage<Void> put(String appId, String channel, OutboundMessage m, long ttlMillis) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<OutboundMessage> get(String appId, String channel) {
      return CompletableFuture.completedFuture(null);
    }
  };
}
