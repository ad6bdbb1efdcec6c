package dev.switchboard.webhook;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * This node's webhook counters, bumped from the emitter and the worker: jobs queued, delivered, attempts
 * that failed and will be retried, and jobs dead-lettered (refused for good, budget spent, app or target
 * gone, unreadable, or the queue unreachable). {@link #series()} names them for {@code /metrics}.
 */
public final class WebhookStats {
  private final LongAdder queued = new LongAdder();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();

  /** One counter series: its name (ending in {@code _total}), help text and value. */
  public record Series(String name, String help, LongSupplier value) {}

  void queued() {
    queued.increment();
  }

  void delivered() {
    delivered.increment();
  }

  void retried() {
    retried.increment();
  }

  void deadLettered() {
    deadLettered.increment();
  }

  public List<Series> series() {
    return List.of(
        new Series("webhooks_queued_total", "Webhook jobs (one event, or a batch) handed to the queue.",
            queued::sum),
        new Series("webhooks_delivered_total", "Webhook jobs a receiver accepted (2xx, or a Lambda that ran).",
            delivered::sum),
        new Series("webhooks_retried_total", "Webhook attempts that failed (network, timeout, 408, 429, 5xx) and"
            + " will be tried again.", retried::sum),
        new Series("webhooks_dead_lettered_total", "Webhook jobs given up and written to the dead-letter log.",
            deadLettered::sum));
  }
}
