package dev.switchboard.metrics;

import dev.switchboard.core.AppMeters;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.LoopMeters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The series of one app, all labelled {@code app_id}. soketi's names: {@code connected} (read from the
 * runtime's connection count, so it costs nothing to keep), {@code new_connections_total}, {@code
 * new_disconnections_total}, {@code socket_received_bytes}, {@code socket_transmitted_bytes}, {@code
 * ws_messages_received_total}, {@code ws_messages_sent_total}, {@code http_received_bytes}, {@code
 * http_transmitted_bytes}, {@code http_calls_received_total}. Ours: {@code publish_write_latency_seconds},
 * {@code outbound_dropped_messages_total}, {@code slow_consumer_closes_total}. Socket counters live in
 * per-loop stripes ({@link LoopCounters}); the rest, touched once per connection or API call, in adders.
 */
final class AppMetrics implements AppMeters {
  /** Histogram buckets of publish→write latency: 50 µs to 5 s. */
  private static final Duration[] LATENCY_BUCKETS = {
      Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
      Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
      Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private final long[] cells;
  private final LoopCounters[] loops;
  private final LongAdder opened = new LongAdder();
  private final LongAdder closed = new LongAdder();
  private final LongAdder apiCalls = new LongAdder();
  private final LongAdder apiReceived = new LongAdder();
  private final LongAdder apiSent = new LongAdder();

  AppMetrics(MeterRegistry registry, AppRuntime app, int loopCount) {
    Tags tags = Tags.of("app_id", app.id());
    this.cells = new long[loopCount * LoopCounters.STRIDE];
    Timer latency = Timer.builder("publish_write_latency")
        .description("Time from an event reaching the server (API request or client event) until its frame has "
            + "been flushed to the last of its subscribers' sockets on one event loop.")
        .tags(tags).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    this.loops = new LoopCounters[loopCount];
    for (int i = 0; i < loopCount; i++) {
      loops[i] = new LoopCounters(cells, i, latency);
    }
    Gauge.builder("connected", app, AppRuntime::connectionCount).strongReference(true).tags(tags)
        .description("The number of currently connected sockets.").register(registry);
    adder(registry, "new_connections_total", "Total amount of connections accepted.", opened, tags);
    adder(registry, "new_disconnections_total", "Total amount of disconnections.", closed, tags);
    stripe(registry, "socket_received_bytes", "Total amount of WebSocket payload bytes received.",
        LoopCounters.RECEIVED_BYTES, tags);
    stripe(registry, "socket_transmitted_bytes", "Total amount of WebSocket payload bytes transmitted.",
        LoopCounters.SENT_BYTES, tags);
    stripe(registry, "ws_messages_received_total", "The total amount of WS messages received from connections.",
        LoopCounters.RECEIVED, tags);
    stripe(registry, "ws_messages_sent_total", "The total amount of WS messages sent to the connections.",
        LoopCounters.SENT, tags);
    adder(registry, "http_received_bytes", "Total amount of request body bytes the REST API received.",
        apiReceived, tags);
    adder(registry, "http_transmitted_bytes", "Total amount of response body bytes the REST API sent back.",
        apiSent, tags);
    adder(registry, "http_calls_received_total", "Total amount of authenticated REST API calls.", apiCalls, tags);
    stripe(registry, "outbound_dropped_messages_total",
        "Messages not written because the socket's outbound buffer was full or it was closing.",
        LoopCounters.DROPPED, tags);
    stripe(registry, "slow_consumer_closes_total",
        "Sockets closed because their outbound buffer passed max_outbound_buffer_kb.",
        LoopCounters.SLOW_CONSUMERS, tags);
  }

  private static void adder(MeterRegistry r, String name, String help, LongAdder a, Tags tags) {
    FunctionCounter.builder(name, a, LongAdder::doubleValue).description(help).tags(tags).register(r);
  }

  private void stripe(MeterRegistry r, String name, String help, int field, Tags tags) {
    ToDoubleFunction<AppMetrics> sum = m -> m.sum(field);
    FunctionCounter.builder(name, this, sum).description(help).tags(tags).register(r);
  }

  /** The total of one field over every loop's stripe; read while the loops keep counting. */
  long sum(int field) {
    long total = 0;
    for (int i = field; i < cells.length; i += LoopCounters.STRIDE) {
      total += (long) LoopCounters.CELL.getOpaque(cells, i);
    }
    return total;
  }

  @Override
  public LoopMeters forLoop(int index) {
    return loops[index];
  }

  @Override
  public long messagesReceived() {
    return sum(LoopCounters.RECEIVED);
  }

  @Override
  public long messagesSent() {
    return sum(LoopCounters.SENT);
  }

  @Override
  public void connectionOpened() {
    opened.increment();
  }

  @Override
  public void connectionClosed() {
    closed.increment();
  }

  @Override
  public void apiCall(long receivedBytes, long sentBytes) {
    apiCalls.increment();
    apiReceived.add(receivedBytes);
    apiSent.add(sentBytes);
  }
}
