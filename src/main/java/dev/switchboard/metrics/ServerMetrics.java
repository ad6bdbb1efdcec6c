package dev.switchboard.metrics;

import dev.switchboard.core.AppMeters;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Loop;
import dev.switchboard.core.Meters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The node's metrics: one Prometheus registry in which every series is named {@code <prefix><name>} and
 * labelled {@code port} (the WebSocket port, as soketi labels its series), per-app series created when
 * the hub creates an app's runtime, the cluster broker's state, readiness and event-loop lag, series that other
 * parts count themselves (the signaling endpoint's, the gateway's, the webhooks'), and JVM memory, GC, threads,
 * classes, CPU, uptime and file descriptors.
 */
public final class ServerMetrics implements Meters, AutoCloseable {
  /**
   * soketi exposes these counters without the {@code _total} suffix that the Prometheus client appends to
   * every counter; dashboards built on soketi query them by these exact names.
   */
  private static final List<String> SOKETI_UNSUFFIXED = List.of("socket_received_bytes",
      "socket_transmitted_bytes", "http_received_bytes", "http_transmitted_bytes");

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final String prefix;
  private final int loops;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final List<LongSupplier> held = new CopyOnWriteArrayList<>();

  /**
   * @param prefix put before every series name ({@code switchboard_}, or {@code soketi_} for soketi's names)
   * @param port the server's WebSocket port, the {@code port} label of every series
   * @param loops the number of event loops, for per-loop counters
   */
  public ServerMetrics(String prefix, int port, int loops) {
    this.prefix = prefix;
    this.loops = loops;
    registry.config()
        .meterFilter(MeterFilter.commonTags(Tags.of("port", Integer.toString(port))))
        .meterFilter(new MeterFilter() {
          @Override
          public Meter.Id map(Meter.Id id) {
            return id.withName(prefix + id.getName());
          }
        });
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
  }

  @Override
  public AppMeters forApp(AppRuntime app) {
    return new AppMetrics(registry, app, loops);
  }

  /** Adds {@code cluster_broker_connected} (1 or 0) and {@code cluster_peers}; only when a broker runs. */
  public void clusterBroker(BooleanSupplier connected, IntSupplier peers) {
    Gauge.builder("cluster_broker_connected", connected, c -> c.getAsBoolean() ? 1 : 0).strongReference(true)
        .description("1 while this node is connected to the cluster broker, else 0.").register(registry);
    Gauge.builder("cluster_peers", peers, IntSupplier::getAsInt).strongReference(true)
        .description("Other nodes heard from within adapter.node_timeout_ms.").register(registry);
  }

  /** Adds {@code ready}: 1 while {@code /ready} answers 200 (not draining, cluster broker connected), else 0. */
  public void readiness(BooleanSupplier ready) {
    Gauge.builder("ready", ready, r -> r.getAsBoolean() ? 1 : 0).strongReference(true)
        .description("1 while /ready answers 200: not draining and, in a cluster, connected to the broker.")
        .register(registry);
  }

  /** Adds {@code event_loop_lag_seconds{loop}}: each of {@code loops} probed by a {@link LoopLagProbe}. */
  public void loopLag(Loop[] loops) {
    for (Loop loop : loops) {
      Gauge.builder("event_loop_lag_seconds", new LoopLagProbe(loop), LoopLagProbe::seconds).strongReference(true)
          .description("Worst lateness, over the last 10 to 20 s, of a task due on the event loop every "
              + LoopLagProbe.PERIOD_MS + " ms: time the loop spent stuck in long tasks.")
          .tag("loop", Integer.toString(loop.index())).register(registry);
    }
  }

  /**
   * Adds a counter read from {@code value} at scrape time, for parts that keep their own counts (the
   * signaling endpoint); {@code name} ends in {@code _total}, as every counter's does.
   */
  public void counter(String name, String help, LongSupplier value) {
    held.add(value); // a function counter keeps only a weak reference to what it reads
    FunctionCounter.builder(name, value, LongSupplier::getAsLong).description(help).register(registry);
  }

  /** {@link #counter(String, String, LongSupplier)} for one labelled series of a family (e.g. by reason). */
  public void counter(String name, String help, String label, String labelValue, LongSupplier value) {
    held.add(value);
    FunctionCounter.builder(name, value, LongSupplier::getAsLong).description(help).tag(label, labelValue)
        .register(registry);
  }

  /** Adds a gauge read from {@code value} at scrape time. */
  public void gauge(String name, String help, LongSupplier value) {
    Gauge.builder(name, value, LongSupplier::getAsLong).strongReference(true).description(help).register(registry);
  }

  /** Every series in the Prometheus text format 0.0.4; takes a few milliseconds, so not on an event loop. */
  public String scrape() {
    String text = registry.scrape();
    for (String name : SOKETI_UNSUFFIXED) {
      text = text.replace(prefix + name + "_total", prefix + name);
    }
    return text;
  }

  /** The Micrometer registry, for code that wants to add its own meters. */
  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
