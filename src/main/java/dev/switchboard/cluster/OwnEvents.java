package dev.switchboard.cluster;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.OutboundMessage;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events published on this node that wait for the broker to echo them back before this node's own
 * subscribers get them. The broker orders every node's publishes into one stream and hands each node that
 * stream (its own messages included, since neither Redis pub/sub nor NATS without no-echo skips the
 * sender), so delivering local subscribers from the echo gives them the same order as every other node.
 * Each event is delivered here exactly once: by its echo, or directly when the echo cannot come.
 */
final class OwnEvents {
  private final AtomicInteger seq = new AtomicInteger();
  private final ConcurrentSkipListMap<Integer, Pending> pending = new ConcurrentSkipListMap<>();

  private record Pending(AppRuntime app, String channel, OutboundMessage m, String except, long receivedNanos) {
    void deliver() {
      app.publish(channel, m, except, receivedNanos);
    }
  }

  /** Holds an event until its echo; returns the number to send with it. */
  int hold(AppRuntime app, String channel, OutboundMessage m, String except, long receivedNanos) {
    int id = seq.incrementAndGet();
    pending.put(id, new Pending(app, channel, m, except, receivedNanos));
    return id;
  }

  /**
   * The broker echoed event {@code id}, or did not take it (then no echo comes): deliver it now, unless
   * that was already done.
   */
  void release(int id) {
    Pending p = pending.remove(id);
    if (p != null) {
      p.deliver();
    }
  }

  /**
   * The broker connection was lost: echoes of what is still held will not arrive on it, so deliver all of
   * it now, in publish order. An echo that still turns up later (a buffered publish) finds nothing to do.
   */
  void deliverAll() {
    Map.Entry<Integer, Pending> e;
    while ((e = pending.pollFirstEntry()) != null) {
      e.getValue().deliver();
    }
  }

}
