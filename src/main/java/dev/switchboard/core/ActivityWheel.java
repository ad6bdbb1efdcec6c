package dev.switchboard.core;

import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One timer wheel per loop for every connection's activity and pong deadlines, instead of a timer per
 * connection. Slots are one second wide. A frame from a client only stamps {@code lastSeenNanos}; the wheel
 * re-files a connection lazily when its slot comes up, so the hot path never touches the wheel.
 */
public final class ActivityWheel {
  private final ArrayList<Connection>[] slots;
  private final long activityNanos;
  private final long pongNanos;
  private int cursor;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public ActivityWheel(int activityTimeoutSec, int pongTimeoutMs) {
    this.activityNanos = TimeUnit.SECONDS.toNanos(activityTimeoutSec);
    this.pongNanos = TimeUnit.MILLISECONDS.toNanos(pongTimeoutMs);
    int seconds = (int) Math.max(activityTimeoutSec, TimeUnit.MILLISECONDS.toSeconds(pongTimeoutMs)) + 2;
    this.slots = new ArrayList[seconds];
    for (int i = 0; i < seconds; i++) {
      slots[i] = new ArrayList<>();
    }
  }

  /** Starts watching {@code c}; on its loop. */
  public void add(Connection c) {
    file(c, activityNanos);
  }

  /** Advances one second; called every second on the owning loop. */
  public void tick() {
    cursor = (cursor + 1) % slots.length;
    ArrayList<Connection> due = slots[cursor];
    if (due.isEmpty()) {
      return;
    }
    slots[cursor] = new ArrayList<>();
    long now = System.nanoTime();
    for (Connection c : due) {
      if (c.isClosed()) {
        continue;
      }
      if (c.pingSentNanos != 0) {
        long left = c.pingSentNanos + pongNanos - now;
        if (left <= 0) {
          c.close(4201, "Pong reply not received in time");
        } else {
          file(c, left);
        }
        continue;
      }
      long left = c.lastSeenNanos + activityNanos - now;
      if (left <= 0) {
        c.pingSentNanos = now;
        c.sendActivityPing();
        file(c, pongNanos);
      } else {
        file(c, left);
      }
    }
  }

  private void file(Connection c, long inNanos) {
    int secs = (int) Math.max(1, Math.min(slots.length - 1, (inNanos + 999_999_999L) / 1_000_000_000L));
    slots[(cursor + secs) % slots.length].add(c);
  }
}
