package dev.switchboard.core;

import java.util.function.Consumer;

/**
 * One {@link ActivityWheel} per event loop, each ticking every second on its own loop. Every open connection
 * of an endpoint is on its loop's wheel from accept until it closes, so the wheels are also the endpoint's
 * registry of open sockets: draining needs no set of sockets (a map node each) beside them.
 */
public final class LoopWheels {
  private final Loop[] loops;
  private final ActivityWheel[] wheels;

  /** Pings after {@code activityTimeoutSec} of silence; no pong within {@code pongTimeoutMs} closes. */
  public LoopWheels(Loop[] loops, int activityTimeoutSec, int pongTimeoutMs) {
    this.loops = loops;
    this.wheels = new ActivityWheel[loops.length];
    for (Loop l : loops) {
      ActivityWheel w = new ActivityWheel(activityTimeoutSec, pongTimeoutMs);
      wheels[l.index()] = w;
      l.every(1000, w::tick);
    }
  }

  /** Starts watching {@code c}; on its loop. */
  public void add(Connection c) {
    wheels[c.loop().index()].add(c);
  }

  /** Runs {@code action} for every open connection, on that connection's loop (later, not before returning). */
  public void forEachOpen(Consumer<Connection> action) {
    for (Loop l : loops) {
      ActivityWheel w = wheels[l.index()];
      l.execute(() -> w.connections().forEach(action));
    }
  }
}
