package dev.switchboard.signaling;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * Counters of the signaling endpoint on this node, cheap to bump from any loop. {@link #snapshot()} names
 * them the way a metrics exporter will ({@code _total} for counters, plain names for gauges).
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

  public long activeConnections() {
    return activeConnections.sum();
  }

  public long activeSubscriptions() {
    return subscriptions.sum();
  }

  public int activeTopics() {
    return topics.getAsInt();
  }

  /** Every counter by its metric name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("signaling_connections_total", connections.sum());
    m.put("signaling_connections", activeConnections.sum());
    m.put("signaling_connections_rejected_total", rejected.sum());
    m.put("signaling_auth_failures_total", authFailures.sum());
    m.put("signaling_topics", (long) activeTopics());
    m.put("signaling_subscriptions", subscriptions.sum());
    m.put("signaling_messages_received_total", received.sum());
    m.put("signaling_messages_published_total", published.sum());
    m.put("signaling_deliveries_total", deliveries.sum());
    m.put("signaling_errors_sent_total", errors.sum());
    m.put("signaling_rate_limited_total", rateLimited.sum());
    m.put("signaling_messages_too_big_total", tooBig.sum());
    m.put("signaling_slow_consumers_total", slowConsumers.sum());
    return m;
  }
}
