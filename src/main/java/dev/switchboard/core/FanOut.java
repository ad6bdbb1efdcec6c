package dev.switchboard.core;

import java.util.ArrayList;

/** The per-loop half of a broadcast: one pass over that loop's subscribers, one shared frame. */
final class FanOut {
  private FanOut() {}

  /**
   * Writes {@code m} to the loop's subscribers except {@code exceptSocketId}; each write counts itself, the
   * publish→write time is reported once for the whole pass.
   */
  static void deliver(ArrayList<Subscription> subscribers, OutboundMessage m, String exceptSocketId,
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
      meters.broadcastWritten(receivedNanos);
    }
  }
}
