package dev.switchboard.gateway.source;

import io.vertx.core.Future;

/** What a {@link NotificationSource} hands each message to: the gateway's notification fan-out. */
@FunctionalInterface
public interface NotificationHandler {
  /**
   * Handles one notification body (the message's raw text). Succeeds once the notification was handed to every
   * node; fails to have it delivered again later; fails with {@link MalformedNotification} to have it
   * dead-lettered at once. Called on a Vert.x event-loop context of the source; must not block. A thrown
   * exception counts as a failed future.
   */
  Future<Void> handle(String body);
}
