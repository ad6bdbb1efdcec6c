package dev.switchboard.transport;

import java.util.ArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flush consolidation: sockets written during a loop turn are flushed by one pass queued behind the work
 * already waiting on the loop, so several broadcasts to the same socket leave in one syscall.
 *
 * <p>A pass over thousands of sockets takes tens of milliseconds of send() calls, so it runs in slices of
 * about {@link #SLICE_NANOS} and lets the loop read between them. Work read in between is not held behind
 * the whole fan-out, and an event it writes to a socket the pass has not reached yet leaves in that
 * socket's same send (concurrent publishers to one big channel share their syscalls). Sockets the pass
 * already flushed are marked again and go in the next pass. Loop-confined.
 */
final class FlushBatcher {
  private static final Logger LOG = LoggerFactory.getLogger(FlushBatcher.class);
  /** How long one slice of a pass may send before the loop gets to read again. */
  static final long SLICE_NANOS = 1_000_000;

  /** Sockets to flush and the tasks that wait until they are flushed. */
  private static final class Batch {
    final ArrayList<WebSocketConnection> sockets = new ArrayList<>();
    final ArrayList<Runnable> after = new ArrayList<>();
  }

  private final VertxLoop loop;
  private final Runnable startPass = this::startPass;
  private final Runnable slice = this::slice;
  private Batch pending = new Batch();
  /** The pass in progress, null when none; {@link #next} is how far it got. */
  private Batch flushing;
  /** The second batch while no pass runs. */
  private Batch spare = new Batch();
  private int next;
  /** Writes marked so far: a task that saw no change since it started wrote nothing this batcher holds. */
  private long marks;

  FlushBatcher(VertxLoop loop) {
    this.loop = loop;
  }

  void mark(WebSocketConnection c) {
    marks++;
    if (c.flushQueued) {
      return; // pending, or in the running pass and not reached yet: the new bytes go with it
    }
    c.flushQueued = true;
    pending.sockets.add(c);
    if (pending.sockets.size() == 1 && flushing == null) {
      loop.execute(startPass);
    }
  }

  /** A stamp for {@link #runAfterFlush(Runnable, long)}: how many writes this loop has marked so far. */
  long marks() {
    return marks;
  }

  /**
   * Runs {@code task} after the pending flush when something was written on this loop since {@code
   * marksAtStart}, otherwise now: an API answer then leaves after the broadcast it confirms, so a publisher
   * that waits for its answer paces itself to the fan-out instead of queueing the next request behind it. An
   * answer whose request wrote nothing here (a publish to an empty channel, a query) leaves at once instead
   * of waiting for another publisher's fan-out. Off the loop the task runs now.
   */
  void runAfterFlush(Runnable task, long marksAtStart) {
    if (loop.inLoop() && marks != marksAtStart) {
      runAfterFlush(task);
    } else {
      task.run();
    }
  }

  /** Runs {@code task} after the flush of every socket marked so far, or now when none waits. Loop only. */
  void runAfterFlush(Runnable task) {
    if (!pending.sockets.isEmpty()) {
      pending.after.add(task);
    } else if (flushing != null) {
      flushing.after.add(task); // every marked socket is in the running pass, still ahead of it
    } else {
      task.run();
    }
  }

  private void startPass() {
    if (flushing != null || pending.sockets.isEmpty()) {
      return;
    }
    flushing = pending;
    pending = spare;
    spare = null; // back when the pass ends
    next = 0;
    slice();
  }

  private void slice() {
    ArrayList<WebSocketConnection> batch = flushing.sockets;
    int n = batch.size();
    int i = next;
    long deadline = System.nanoTime() + SLICE_NANOS;
    while (i < n) {
      WebSocketConnection c = batch.get(i++);
      c.flushQueued = false;
      flush(c);
      if ((i & 31) == 0 && i < n && System.nanoTime() - deadline > 0) {
        next = i;
        loop.afterIo(slice);
        return;
      }
    }
    finishPass();
  }

  private void finishPass() {
    Batch done = flushing;
    flushing = null;
    done.sockets.clear();
    for (int i = 0; i < done.after.size(); i++) {
      run(done.after.get(i));
    }
    done.after.clear();
    spare = done;
    startPass(); // sockets marked during the pass
  }

  // one failing socket or answer must not stall the batcher, and with it every later flush on this loop
  private static void flush(WebSocketConnection c) {
    try {
      c.flushNow();
    } catch (RuntimeException e) {
      LOG.warn("flush failed", e);
    }
  }

  private static void run(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.warn("task after flush failed", e);
    }
  }
}
