package dev.switchboard.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Each channel's subscriber count on all nodes together (this node's sockets plus what the others report),
 * changed atomically so every 0→n and n→0 transition is seen exactly once on this node, whichever thread
 * (a loop or the broker's context) makes it.
 */
final class ChannelTotals {
  private final ConcurrentHashMap<String, Integer> totals = new ConcurrentHashMap<>();

  /** One change of a total. */
  record Step(int before, int after) {
    /** No change, for channels whose totals are not kept (internal ones). */
    static final Step NONE = new Step(0, 0);

    boolean occupied() {
      return before == 0 && after > 0;
    }

    boolean vacated() {
      return before > 0 && after == 0;
    }

    boolean changed() {
      return before != after;
    }
  }

  /** Adds {@code delta} to the channel's total (never going below 0). */
  Step add(String channel, int delta) {
    int[] out = new int[2];
    totals.compute(channel, (k, cur) -> {
      out[0] = cur == null ? 0 : cur;
      out[1] = Math.max(0, out[0] + delta);
      return out[1] == 0 ? null : out[1];
    });
    return new Step(out[0], out[1]);
  }
}
