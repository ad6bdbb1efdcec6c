package dev.switchboard.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Counters of the gateway on this node, cheap to bump from any loop. {@link #series()} describes them as
 * Prometheus series; the server registers them, so they appear on {@code /metrics} under the prefix.
 * Refusals are labelled by reason, frames by route; both label sets are fixed at start, so a client
 * cannot grow the registry by sending made-up actions.
 */
public final class GatewayStats {
  /** Why an upgrade was refused; the {@code reason} label. */
  enum Refusal { UNAUTHORIZED, FORBIDDEN, APP_DISABLED, UNKNOWN_APP, QUOTA, RATE, DRAINING, UNAVAILABLE }

  private final LongAdder opened = new LongAdder();
  private final LongAdder open = new LongAdder();
  private final Map<Refusal, LongAdder> refusals = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> frames = new ConcurrentHashMap<>();
  private final LongAdder forbidden = new LongAdder();
  private final LongAdder pings = new LongAdder();
  private final LongAdder sinkFailures = new LongAdder();
  private final LongAdder presenceEvents = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LongAdder tooBig = new LongAdder();
  private final LongAdder slowConsumers = new LongAdder();
  private final LongAdder notifications = new LongAdder();
  private final Map<String, LongAdder> managementCalls = new ConcurrentHashMap<>();
  private volatile java.util.function.LongSupplier queueReceived = () -> 0;
  private volatile java.util.function.LongSupplier queueDeadLettered = () -> 0;

  GatewayStats(Iterable<String> routes) {
    for (Refusal r : Refusal.values()) {
      refusals.put(r, new LongAdder());
    }
    for (String route : routes) {
      frames.put(route, new LongAdder());
    }
    for (String op : new String[] {"post", "get", "delete"}) {
      managementCalls.put(op, new LongAdder());
    }
  }

  /** A notification handed to the cluster (HTTP or queue). */
  void notified() {
    notifications.increment();
  }

  /** An authenticated {@code @connections} call; {@code op} is post, get or delete. */
  void managementCall(String op) {
    LongAdder a = managementCalls.get(op);
    if (a != null) {
      a.increment();
    }
  }

  /** Reads the notification queue's counters at scrape time. */
  void queueFrom(java.util.function.LongSupplier received, java.util.function.LongSupplier deadLettered) {
    this.queueReceived = received;
    this.queueDeadLettered = deadLettered;
  }

  void opened() {
    opened.increment();
    open.increment();
  }

  void closed() {
    open.decrement();
  }

  void refused(Refusal why) {
    refusals.get(why).increment();
  }

  /** A frame forwarded on {@code route} (one of the configured routes). */
  void routed(String route) {
    LongAdder a = frames.get(route);
    if (a != null) {
      a.increment();
    }
  }

  void forbidden() {
    forbidden.increment();
  }

  void ping() {
    pings.increment();
  }

  void sinkFailed() {
    sinkFailures.increment();
  }

  void presenceEvent() {
    presenceEvents.increment();
  }

  void expired() {
    expired.increment();
  }

  void tooBig() {
    tooBig.increment();
  }

  void slowConsumer() {
    slowConsumers.increment();
  }

  public long openConnections() {
    return open.sum();
  }

  /**
   * One exported series; {@code counter} ones end in {@code _total}. A non-null {@code label} makes the
   * series one member of a labelled family.
   */
  public record Series(String name, boolean counter, String help, String label, String labelValue,
      LongSupplier value) {}

  public List<Series> series() {
    List<Series> out = new ArrayList<>(List.of(
        new Series("gateway_connections", false, "Gateway sockets open on this node now.", null, null, open::sum),
        new Series("gateway_new_connections_total", true, "Gateway sockets accepted.", null, null, opened::sum),
        new Series("gateway_pings_total", true, "Keep-alive pings answered with a pong.", null, null, pings::sum),
        new Series("gateway_forbidden_total", true, "Frames no route took (answered Forbidden).", null, null,
            forbidden::sum),
        new Series("gateway_sink_failures_total", true,
            "Frames or presence events a sink did not take after its retries (dead-lettered).", null, null,
            sinkFailures::sum),
        new Series("gateway_presence_events_total", true, "ONLINE and OFFLINE events sent by this node.", null,
            null, presenceEvents::sum),
        new Series("gateway_expired_total", true, "Sockets closed for idle timeout or maximum lifetime.", null,
            null, expired::sum),
        new Series("gateway_messages_too_big_total", true,
            "Sockets closed with 1009 for a message over gateway.max_message_kb.", null, null, tooBig::sum),
        new Series("gateway_slow_consumers_total", true,
            "Gateway sockets closed because their outbound buffer was full.", null, null, slowConsumers::sum),
        new Series("gateway_notifications_total", true, "Notifications handed to the cluster (HTTP and queue).",
            null, null, notifications::sum),
        new Series("gateway_notification_queue_received_total", true,
            "Messages taken from gateway.notifications.queue.", null, null, () -> queueReceived.getAsLong()),
        new Series("gateway_notification_queue_dead_lettered_total", true,
            "Queued notifications dead-lettered (malformed, unknown app, or out of deliveries).", null, null,
            () -> queueDeadLettered.getAsLong())));
    managementCalls.forEach((op, n) -> out.add(new Series("gateway_management_calls_total", true,
        "Authenticated @connections calls, by operation.", "op", op, n::sum)));
    refusals.forEach((why, n) -> out.add(new Series("gateway_connections_refused_total", true,
        "Upgrades refused, by reason.", "reason", why.name().toLowerCase(java.util.Locale.ROOT), n::sum)));
    frames.forEach((route, n) -> out.add(new Series("gateway_frames_total", true,
        "Client frames forwarded to a sink, by route.", "route", route, n::sum)));
    return out;
  }
}
