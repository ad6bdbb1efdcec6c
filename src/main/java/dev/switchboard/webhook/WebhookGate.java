package dev.switchboard.webhook;

import dev.switchboard.app.App;
import io.vertx.core.Future;

/**
 * Decides whether this node emits an event. On one node every event is emitted ({@link #LOCAL}). This is the
 * seam for clustering: a cluster gate admits channel_occupied only when the cluster-wide subscriber count of
 * the channel went from 0 to 1 (and channel_vacated / member_added / member_removed on the matching
 * cluster-wide transitions), so each event is emitted once however many nodes see it locally. Client events
 * and cache misses happen on exactly one node and pass straight through.
 */
@FunctionalInterface
public interface WebhookGate {
  WebhookGate LOCAL = (app, event) -> Future.succeededFuture(true);

  /** Completes with true to emit {@code event}; may complete on any thread; must not block. */
  Future<Boolean> admit(App app, WebhookEvent event);
}
