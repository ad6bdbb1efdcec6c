package dev.switchboard.transport;

import java.util.ArrayList;

/**
 * Flush consolidation: sockets written during a loop turn are flushed by one task queued behind the
 * work already waiting on the loop, so several broadcasts to the same socket leave in one syscall.
 * Loop-confined.
 */
final class FlushBatcher {
  private final VertxLoop loop;
  private ArrayList<WebSocketConnection> pending = new ArrayList<>();
  private ArrayList<WebSocketConnection> spare = new ArrayList<>();

  FlushBatcher(VertxLoop loop) {
    this.loop = loop;
  }

  void mark(WebSocketConnection c) {
    if (c.flushQueued) {
      return;
    }
    c.flushQueued = true;
    pending.add(c);
    if (pending.size() == 1) {
      loop.execute(this::flushAll);
    }
  }

  /**
   * Queues {@code task} behind this turn's pending flush when there is one (and says so): an API answer then
   * leaves after the broadcast it confirms, so a publisher that waits for its answer paces itself to the
   * fan-out instead of queueing the next request behind it.
   */
  boolean runAfterPendingFlush(Runnable task) {
    if (pending.isEmpty() || !loop.inLoop()) {
      return false;
    }
    loop.execute(task);
    return true;
  }

  private void flushAll() {
    ArrayList<WebSocketConnection> batch = pending;
    pending = spare;
    for (int i = 0, n = batch.size(); i < n; i++) {
      WebSocketConnection c = batch.get(i);
      c.flushQueued = false;
      c.flushNow();
    }
    batch.clear();
    spare = batch;
  }
}
