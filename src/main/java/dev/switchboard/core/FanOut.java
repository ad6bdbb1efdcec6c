package dev.switchboard.core;

import java.util.ArrayList;

/** The per-loop half of a broadcast: one pass over that loop's subscribers, one shared frame. */
final class FanOut {
  private FanOut() {}

  /**
   * Writes {@code m} to the loop's subscribers except {@code exceptSocketId}; each write counts itself, the
   * publish→write time is reported once, when the loop has flushed the last of these writes to its socket
   * (a big channel's flush takes tens of milliseconds of send() calls: that is part of what a subscriber
   * waits, so it is part of the figure).
   */
  static void deliver(Loop loop, ArrayList<Subscription> subscribers, OutboundMessage m, String exceptSocketId,
      LoopMeters meters, long receivedNanos) {
    int written = 0;
    for (int i = 0, n = subscribers.size(); i < n; i++) {
      Connection c = subscribers.get(i).connection;
      if (exceptSocketId != null && exceptSocketId.equals(c.socketId())) {
        continue;
      }
      if (!c.isClosed()) {
        c.deliver(m);
        written++;
      }
    }
    if (written > 0) {
      loop.afterWrites(() -> meters.broadcastWritten(receivedNanos));
    }
  }
}
