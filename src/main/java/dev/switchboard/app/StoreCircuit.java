package dev.switchboard.app;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Whether a store that just failed may be asked again. After a failure (or a lookup that timed out) the
 * circuit is open for a pause of 1 s, doubling after each failed probe up to 30 s; while it is open no lookup
 * reaches the database, and once the pause is over exactly one lookup goes through as the probe. A success
 * closes it. So a database that hangs costs one pending query at a time, not one per connect.
 */
final class StoreCircuit {
  static final long FIRST_PAUSE_NANOS = 1_000_000_000L;
  static final long MAX_PAUSE_NANOS = 30_000_000_000L;

  /** What a lookup may do: ask the database as usual, ask it as the one probe of a failing store, or not. */
  enum Pass { GO, PROBE, REFUSE }

  private final Ticker ticker;
  private boolean failing;
  private boolean probing;
  private long retryAt;
  private long pause = FIRST_PAUSE_NANOS;
  private StoreUnavailableException error;

  StoreCircuit(Ticker ticker) {
    this.ticker = ticker;
  }

  synchronized Pass admit() {
    if (!failing) {
      return Pass.GO;
    }
    if (!probing && ticker.read() - retryAt >= 0) {
      probing = true;
      return Pass.PROBE;
    }
    return Pass.REFUSE;
  }

  /** True while the store is failing: nobody should wait on it. */
  synchronized boolean open() {
    return failing;
  }

  /** The error that opened the circuit, to fail refused lookups with. */
  synchronized StoreUnavailableException error() {
    return error;
  }

  /** The database answered (found or not): it is healthy again. */
  synchronized void answered() {
    failing = false;
    probing = false;
    pause = FIRST_PAUSE_NANOS;
  }

  /**
   * Records a failed lookup. Only the first failure and a failed probe move the retry time, so the many
   * lookups that were already pending when the database stopped answering do not push it out to 30 s.
   */
  synchronized void failed(Pass pass, StoreUnavailableException e) {
    error = e;
    if (!failing) {
      failing = true;
      pause = FIRST_PAUSE_NANOS;
      retryAt = ticker.read() + pause;
    } else if (pass == Pass.PROBE) {
      probing = false;
      pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
      retryAt = ticker.read() + pause;
    }
  }
}
