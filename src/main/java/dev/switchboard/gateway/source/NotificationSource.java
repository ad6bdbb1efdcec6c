package dev.switchboard.gateway.source;

import io.vertx.core.Future;

/**
 * One backend queue that notifications arrive on. Built by {@link NotificationSources#create}; delivery is
 * at-least-once, so a notification can arrive twice (after a lost acknowledgement or a stop that cut a
 * handler short) but is never lost while the backend keeps it.
 */
public interface NotificationSource {
  /**
   * Starts consuming; at most {@code concurrency} handler calls in flight; a message is acknowledged only after
   * the handler's future succeeded; a failed one is delivered again after the backend's redelivery delay
   * (visibility timeout / pending-entry claim / republish after a delay / JetStream nak delay), at most
   * {@code max_deliveries} times (default 5), then dead-lettered; a {@link MalformedNotification} is
   * dead-lettered at once. Dead-lettering = ONE WARN log line (source, message id, reason; never the body) +
   * the message moved to the configured {@code dead_letter} destination of the same backend when one is set,
   * else dropped; and a counter. Never blocks an event loop; never stops on one bad message; the ones behind it
   * keep flowing. Completes when consuming has started, fails (with a message naming the key) when it cannot
   * start. Call it once.
   */
  Future<Void> start(NotificationHandler handler);

  /**
   * Stops fetching, waits up to {@code drain_timeout_ms} for the handler calls in flight and settles them,
   * then gives every message still unacknowledged back to the backend (which delivers it again, to this or
   * another node) and releases connections and threads. Never fails; safe to call without start.
   */
  Future<Void> stop();

  /** Messages dead-lettered (moved or dropped) since start. */
  long deadLettered();

  /** Messages handed to the handler since start, redeliveries included. */
  long received();

  /** Handler calls that failed, malformed ones included. */
  long failed();
}
