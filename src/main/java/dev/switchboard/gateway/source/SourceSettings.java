package dev.switchboard.gateway.source;

import dev.switchboard.gateway.sink.SinkConfig;

/**
 * The fields every driver shares: {@code concurrency} (handler calls in flight, default 16),
 * {@code max_deliveries} (default 5), {@code drain_timeout_ms} (how long {@link NotificationSource#stop} waits
 * for handler calls in flight, default 5000) and {@code redelivery_delay_ms} (how long a failed message waits
 * before it comes again where the backend lets us choose, default 5000; SQS uses its visibility timeout).
 *
 * @param key the source's config path, for errors and the log
 */
public record SourceSettings(String key, int concurrency, int maxDeliveries, long drainTimeoutMs,
    long redeliveryDelayMs) {
  public static final int CONCURRENCY = 16;
  public static final int MAX_DELIVERIES = 5;
  public static final long DRAIN_TIMEOUT_MS = 5000;
  public static final long REDELIVERY_DELAY_MS = 5000;

  public static SourceSettings from(SinkConfig c) {
    return new SourceSettings(c.key(), (int) c.integer("concurrency", CONCURRENCY, 1, 10_000),
        (int) c.integer("max_deliveries", MAX_DELIVERIES, 1, 1000),
        c.integer("drain_timeout_ms", DRAIN_TIMEOUT_MS, 0, 600_000),
        c.integer("redelivery_delay_ms", REDELIVERY_DELAY_MS, 10, 3_600_000));
  }
}
