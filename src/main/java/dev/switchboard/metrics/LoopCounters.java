package dev.switchboard.metrics;

import dev.switchboard.core.LoopMeters;
import io.micrometer.core.instrument.Timer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;

/**
 * One app's counters on one event loop: a stripe of its app's cell array that only this loop writes. A
 * write is a plain add stored with opaque mode (a normal store on x86/ARM, but never torn and eventually
 * visible), so fan-out pays no atomic instruction and no contention; the scrape sums the stripes.
 */
final class LoopCounters implements LoopMeters {
  static final int SENT = 0;
  static final int SENT_BYTES = 1;
  static final int RECEIVED = 2;
  static final int RECEIVED_BYTES = 3;
  static final int DROPPED = 4;
  static final int SLOW_CONSUMERS = 5;
  /** Cells per loop: 16 longs = 128 bytes, so two loops never write the same cache line. */
  static final int STRIDE = 16;
  static final VarHandle CELL = MethodHandles.arrayElementVarHandle(long[].class);

  private final long[] cells;
  private final int base;
  private final Timer latency;

  LoopCounters(long[] cells, int loop, Timer latency) {
    this.cells = cells;
    this.base = loop * STRIDE;
    this.latency = latency;
  }

  private void add(int field, long n) {
    int i = base + field;
    CELL.setOpaque(cells, i, cells[i] + n); // single writer: read-modify-write needs no CAS
  }

  @Override
  public void frameSent(int payloadBytes) {
    add(SENT, 1);
    add(SENT_BYTES, payloadBytes);
  }

  @Override
  public void frameReceived(int payloadBytes) {
    add(RECEIVED, 1);
    add(RECEIVED_BYTES, payloadBytes);
  }

  @Override
  public void frameDropped() {
    add(DROPPED, 1);
  }

  @Override
  public void slowConsumerClosed() {
    add(SLOW_CONSUMERS, 1);
  }

  @Override
  public void broadcastWritten(long publishedNanos) {
    latency.record(System.nanoTime() - publishedNanos, TimeUnit.NANOSECONDS);
  }
}
