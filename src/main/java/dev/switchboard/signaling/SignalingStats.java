package dev.switchboard.signaling;

import dev.switchboard.logging.LogThrottle;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Counters of the signaling endpoint on this node, cheap to bump from any loop. {@link #series()} describes
 * them as Prometheus series ({@code _total} for counters, plain names for gauges); the server registers
 * them with its metrics registry, so they appear on {@code /metrics} under the configured prefix.
 */
public final class SignalingStats {
  private final LongAdder connections = new LongAdder();
  private final LongAdder activeConnections = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder authFailures = new LongAdder();
  private final LongAdder subscriptions = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder published = new LongAdder();
  private final LongAdder deliveries = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder rateLimited = new LongAdder();
  private final LongAdder tooBig = new LongAdder();
  private final LongAdder slowConsumers = new LongAdder();
  private final LongAdder brokerFailures = new LongAdder();
  private final LogThrottle brokerWarnings = new LogThrottle(Duration.ofSeconds(10));
  private volatile IntSupplier topics = () -> 0;

  void topicsFrom(IntSupplier activeTopics) {
    this.topics = activeTopics;
  }

  void opened() {
    connections.increment();
    activeConnections.increment();
  }

  void closed() {
    activeConnections.decrement();
  }

  void rejected() {
    rejected.increment();
  }

  void authFailed() {
    authFailures.increment();
  }

  void subscriptionsChanged(int delta) {
    subscriptions.add(delta);
  }

  void received() {
    received.increment();
  }

  void published(int recipients) {
    published.increment();
    deliveries.add(recipients);
  }

  void errorSent() {
    errors.increment();
  }

  void rateLimited() {
    rateLimited.increment();
  }

  void tooBig() {
    tooBig.increment();
  }

  void slowConsumer() {
    slowConsumers.increment();
  }

  /**
   * Counts a publish the broker failed to take. True at most once per 10 s: a broker outage fails every
   * publish, and one warning per interval says so without flooding the log.
   */
  boolean brokerFailed() {
    brokerFailures.increment();
    return brokerWarnings.allow();
  }

  long brokerFailures() {
    return brokerFailures.sum();
  }

  public long activeConnections() {
    return activeConnections.sum();
  }

  public long activeSubscriptions() {
    return subscriptions.sum();
  }

  public int activeTopics() {
    return topics.getAsInt();
  }

  /**
   * One exported series: {@code counter} ones grow for ever and end in {@code _total}, the others are
   * gauges. Read at scrape time, so a series costs nothing between scrapes.
   */
  public record Series(String name, boolean counter, String help, LongSupplier value) {}

  /** Every series, in the order docs/metrics.md's table lists them. */
  public List<Series> series() {
    return List.of(
        new Series("signaling_connections", false, "Signaling sockets open on this node now.",
            activeConnections::sum),
        new Series("signaling_new_connections_total", true, "Signaling sockets accepted.", connections::sum),
        new Series("signaling_connections_rejected_total", true,
            "Signaling sockets refused: per-IP rate (429), draining, bad token, quota, disabled app.", rejected::sum),
        new Series("signaling_auth_failures_total", true, "Signaling sockets refused for their token.",
            authFailures::sum),
        new Series("signaling_topics", false, "Topics with at least one subscriber on this node.",
            () -> activeTopics()),
        new Series("signaling_subscriptions", false, "Socket-topic subscriptions on this node.", subscriptions::sum),
        new Series("signaling_messages_received_total", true, "Frames received from signaling sockets.",
            received::sum),
        new Series("signaling_messages_published_total", true, "Publish messages accepted and fanned out.",
            published::sum),
        new Series("signaling_deliveries_total", true,
            "Recipients of those publishes on every node (the sum of their clients counts).", deliveries::sum),
        new Series("signaling_errors_sent_total", true, "Error frames sent to signaling sockets.", errors::sum),
        new Series("signaling_rate_limited_total", true, "Publishes dropped by max_publish_per_second.",
            rateLimited::sum),
        new Series("signaling_messages_too_big_total", true,
            "Sockets closed with 1009 for a message over signaling.max_message_kb.",
            tooBig::sum),
        new Series("signaling_slow_consumers_total", true, "Signaling sockets closed because their outbound "
            + "buffer was full.", slowConsumers::sum),
        new Series("signaling_broker_failures_total", true,
            "Publishes the cluster broker did not take; subscribers on other nodes missed them.",
            brokerFailures::sum));
  }

  /** Every series' current value by its name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (Series s : series()) {
      m.put(s.name(), s.value().getAsLong());
    }
    return m;
  }
}
