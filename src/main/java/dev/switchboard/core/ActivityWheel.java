package dev.switchboard.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One timer wheel per loop for every connection's activity and pong deadlines, instead of a timer per
 * connection. Slots are one second wide. A frame from a client only stamps {@code lastSeenNanos}; the wheel
 * re-files a connection lazily when its slot comes up, so the hot path never touches the wheel.
 *
 * <p>Each slot is an intrusive doubly-linked list threaded through the connections themselves, so a closed
 * connection leaves its slot at once ({@link #remove}) instead of being held, with its whole socket, until
 * the slot comes round — after a connect storm that retention was tens of megabytes for two minutes.
 */
public final class ActivityWheel {
  private final Connection[] heads;
  private final long activityNanos;
  private final long pongNanos;
  private int cursor;

  public ActivityWheel(int activityTimeoutSec, int pongTimeoutMs) {
    this.activityNanos = TimeUnit.SECONDS.toNanos(activityTimeoutSec);
    this.pongNanos = TimeUnit.MILLISECONDS.toNanos(pongTimeoutMs);
    int seconds = (int) Math.max(activityTimeoutSec, TimeUnit.MILLISECONDS.toSeconds(pongTimeoutMs)) + 2;
    this.heads = new Connection[seconds];
  }

  /** Starts watching {@code c}; on its loop. */
  public void add(Connection c) {
    c.wheel = this;
    file(c, activityNanos);
  }

  /**
   * Every connection this wheel watches: every open connection of its loop (see {@link LoopWheels}).
   * Collected first, so the caller may close them while going through the list. On the wheel's loop.
   */
  List<Connection> connections() {
    List<Connection> out = new ArrayList<>();
    for (Connection head : heads) {
      for (Connection c = head; c != null; c = c.wheelNext) {
        out.add(c);
      }
    }
    return out;
  }

  /** Stops watching {@code c}; on its loop. Called when the connection closes. */
  void remove(Connection c) {
    unlink(c);
    c.wheel = null;
  }

  /** Advances one second; called every second on the owning loop. */
  public void tick() {
    cursor = (cursor + 1) % heads.length;
    Connection due = heads[cursor];
    if (due == null) {
      return;
    }
    heads[cursor] = null;
    // detach the whole chain first, so a close or re-file while handling one entry cannot touch the rest
    for (Connection c = due; c != null; c = c.wheelNext) {
      c.wheelSlot = -1;
    }
    long now = System.nanoTime();
    Connection next;
    for (Connection c = due; c != null; c = next) {
      next = c.wheelNext;
      c.wheelNext = null;
      c.wheelPrev = null;
      if (!c.isClosed()) { // a closed connection has already left; only its place in this chain was kept
        expire(c, now);
      }
    }
  }

  private void expire(Connection c, long now) {
    if (c.pingSentNanos != 0) {
      long left = c.pingSentNanos + pongNanos - now;
      if (left <= 0) {
        c.close(4201, "Pong reply not received in time");
      } else {
        file(c, left);
      }
      return;
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

  private void file(Connection c, long inNanos) {
    int secs = (int) Math.max(1, Math.min(heads.length - 1, (inNanos + 999_999_999L) / 1_000_000_000L));
    int slot = (cursor + secs) % heads.length;
    Connection head = heads[slot];
    c.wheelPrev = null;
    c.wheelNext = head;
    if (head != null) {
      head.wheelPrev = c;
    }
    heads[slot] = c;
    c.wheelSlot = slot;
  }

  private void unlink(Connection c) {
    int slot = c.wheelSlot;
    if (slot < 0) {
      return;
    }
    Connection prev = c.wheelPrev;
    Connection next = c.wheelNext;
    if (prev != null) {
      prev.wheelNext = next;
    } else {
      heads[slot] = next;
    }
    if (next != null) {
      next.wheelPrev = prev;
    }
    c.wheelPrev = null;
    c.wheelNext = null;
    c.wheelSlot = -1;
  }
}
