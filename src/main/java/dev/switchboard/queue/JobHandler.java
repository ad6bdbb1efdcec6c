package dev.switchboard.queue;

import io.vertx.core.Future;

/**
 * Does one job. A succeeded future acknowledges it (it is not delivered again); a failed future, or one
 * that never completes before its worker stops, leaves it to be delivered again. Called on a Vert.x
 * context; must not block.
 */
@FunctionalInterface
public interface JobHandler {
  Future<Void> handle(Job job);
}
