package dev.switchboard.queue;

import io.vertx.core.Future;

/** A running consumer of one topic. */
public interface JobConsumer {
  /**
   * Stops taking jobs. Jobs whose handler has not completed are not acknowledged: the queue delivers them
   * again to another consumer, as it would after a crash. Completes when the consumer has let go.
   */
  Future<Void> stop();
}
