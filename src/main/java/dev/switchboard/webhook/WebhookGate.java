package dev.switchboard.webhook;

import dev.switchboard.app.App;
import io.vertx.core.Future;
import java.util.function.BiPredicate;

/**
 * Decides whether this node emits an event. On one node every event is emitted ({@link #LOCAL}). In a
 * cluster every node sees each cluster-wide channel transition (occupied, vacated, member added/removed,
 * subscription count; see {@link dev.switchboard.core.ChannelActivity}), so {@link #owner} admits those only
 * on the node that owns the channel; client events and cache misses happen on exactly one node and pass.
 */
@FunctionalInterface
public interface WebhookGate {
  WebhookGate LOCAL = (app, event) -> Future.succeededFuture(true);

  /** Completes with true to emit {@code event}; may complete on any thread; must not block. */
  Future<Boolean> admit(App app, WebhookEvent event);

  /** Admits channel and member events where {@code owns(appId, channel)}; everything else everywhere. */
  static WebhookGate owner(BiPredicate<String, String> owns) {
    return (app, e) -> Future.succeededFuture(e.name().equals(WebhookEvent.CLIENT_EVENT)
        || e.name().equals(WebhookEvent.CACHE_MISS) || owns.test(app.id(), e.channel()));
  }
}
