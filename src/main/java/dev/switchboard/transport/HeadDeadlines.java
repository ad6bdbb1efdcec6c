package dev.switchboard.transport;

import java.util.ArrayDeque;

/**
 * The request-head deadlines of one event loop, without a timer per connection: every head gets the same
 * timeout, so tickets queue in deadline order and one periodic sweep pops the due ones. A head unfinished
 * after {@code graceNanos} moves to a second queue and counts against its address in {@link PendingHeads}
 * (fast clients that only wait for a busy loop to read them never count). Loop only.
 */
final class HeadDeadlines {
  /**
   * One armed deadline. Ending it drops its guard, so a queued ticket never keeps a closed connection reachable
   * (the queue holds tickets for up to the timeout; a connection held that long would outlive young GCs).
   */
  static final class Ticket {
    RequestHeadGuard guard;
    final long startNanos;
    boolean counted;

    Ticket(RequestHeadGuard guard, long startNanos) {
      this.guard = guard;
      this.startNanos = startNanos;
    }

    boolean live() {
      return guard != null;
    }
  }

  private final ArrayDeque<Ticket> fresh = new ArrayDeque<>();
  private final ArrayDeque<Ticket> lingering = new ArrayDeque<>();
  private final PendingHeads pending;
  private final long timeoutNanos;
  private final long graceNanos;

  HeadDeadlines(VertxLoop loop, PendingHeads pending, int timeoutMs) {
    this.pending = pending;
    this.timeoutNanos = timeoutMs * 1_000_000L;
    this.graceNanos = Math.min(1_000_000_000L, timeoutNanos / 2);
    loop.every(Math.max(10, Math.min(250, timeoutMs / 4)), this::sweep);
  }

  PendingHeads pending() {
    return pending;
  }

  Ticket arm(RequestHeadGuard guard) {
    Ticket t = new Ticket(guard, System.nanoTime());
    fresh.addLast(t);
    return t;
  }

  /** Ends a ticket: its head completed or its connection closed. */
  void disarm(Ticket t) {
    if (t.guard != null) {
      if (t.counted) {
        pending.remove(t.guard.ip());
      }
      t.guard = null;
    }
  }

  private void sweep() {
    long now = System.nanoTime();
    while (!fresh.isEmpty() && now - fresh.peekFirst().startNanos >= graceNanos) {
      Ticket t = fresh.pollFirst();
      if (t.live()) {
        t.counted = true;
        pending.add(t.guard.ip());
        lingering.addLast(t);
      }
    }
    while (!lingering.isEmpty() && now - lingering.peekFirst().startNanos >= timeoutNanos) {
      Ticket t = lingering.pollFirst();
      if (t.live()) {
        RequestHeadGuard g = t.guard;
        disarm(t);
        g.timedOut();
      }
    }
  }
}
