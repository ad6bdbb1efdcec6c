package dev.switchboard.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until this node's state changes reported so far have gone through the broker. A client's
 * connection_established, subscription_succeeded and close answer wait here, so that any node the client (or
 * its backend) asks afterwards — HTTP API, connection quota, presence limit — already holds the change.
 *
 * <p>Waits share markers, and one marker at most is in flight (a group commit, as NATS confirmations do): the
 * waits that arrive meanwhile share the next one, sent when it comes back, so a connect storm costs one
 * marker and one outbox flush per broker round trip, not per client. For a marker the broker's context
 * flushes the state the outbox marked, then publishes the marker after it. The broker hands every node this
 * node's messages in the order they were published, so when the marker comes back (this node's own echo, as
 * for events in {@link OwnEvents}) every state message before it has been handed to every node too. The
 * marker rides the state stream, so it is ordered with full syncs and other state messages; events do not
 * wait for it.
 *
 * <p>The wait is bounded: while the broker is down it completes at once, and a marker not echoed within
 * {@link #TIMEOUT_MS} (a broker that takes messages but does not deliver them) completes with the local state
 * only, so clients are never held for good; other nodes then catch up when the messages arrive or at the next
 * full sync.
 */
final class Confirmations {
  private static final Logger LOG = LoggerFactory.getLogger(Confirmations.class);
  static final long TIMEOUT_MS = 1_000;
  private static final long WARN_EVERY_MS = 10_000;

  private final Vertx vertx;
  private final Context ctx;
  private final IntPredicate publishMarker;
  /** The wait the next marker will confirm, or null when nobody waits; shared by every caller until then. */
  private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>();
  /** Markers published and not yet echoed, oldest first; on the context only. */
  private final ArrayDeque<Marker> sent = new ArrayDeque<>();
  private int seq;
  private long lastWarnMs;

  /**
   * {@code publishMarker} runs on {@code ctx}: it sends the marked state and then marker {@code n}, or returns
   * false when the broker is down (nothing will echo).
   */
  Confirmations(Vertx vertx, Context ctx, IntPredicate publishMarker) {
    this.vertx = vertx;
    this.ctx = ctx;
    this.publishMarker = publishMarker;
  }

  /**
   * Completes (on the broker's context) once every change reported before this call is confirmed, or the
   * wait ran out. Any thread; allocates only for the first caller after a marker left.
   */
  CompletionStage<Void> await() {
    CompletableFuture<Void> f = next.get();
    if (f != null) {
      return f; // its marker is not sent yet, and goes after the changes this caller reported
    }
    CompletableFuture<Void> mine = new CompletableFuture<>();
    if (!next.compareAndSet(null, mine)) {
      CompletableFuture<Void> other = next.get();
      return other != null ? other : await();
    }
    ctx.runOnContext(v -> sendMarker());
    return mine;
  }

  private void sendMarker() {
    if (!sent.isEmpty()) {
      return; // the next marker leaves when the one in flight is released
    }
    // taken before the outbox flush: a caller that still got it reported its change before this point
    CompletableFuture<Void> f = next.getAndSet(null);
    if (f == null) {
      return;
    }
    int n = ++seq;
    if (!publishMarker.test(n)) {
      f.complete(null); // broker down: nobody else can learn the change now; the local state is all there is
      return;
    }
    sent.addLast(new Marker(n, f));
    vertx.setTimer(TIMEOUT_MS, id -> {
      if (!f.isDone()) {
        warnTimeout();
        release(n);
      }
    });
  }

  /** This node's marker {@code n} came back: it and every marker before it are confirmed. On the context. */
  void echoed(int n) {
    release(n);
  }

  /** The broker connection was lost: no echo will come for what is in flight. On the context. */
  void releaseAll() {
    if (!sent.isEmpty()) {
      release(sent.peekLast().n);
    }
  }

  /** Completes markers up to {@code upTo}; numbers compare by difference, so wrapping past MAX_VALUE is fine. */
  private void release(int upTo) {
    Marker m;
    while ((m = sent.peekFirst()) != null && m.n - upTo <= 0) {
      sent.pollFirst();
      m.done.complete(null); // waiters only hop to their own loop here
    }
    if (next.get() != null) {
      sendMarker(); // waits that arrived while the marker was in flight
    }
  }

  private record Marker(int n, CompletableFuture<Void> done) {}

  private void warnTimeout() {
    long now = System.currentTimeMillis();
    if (now - lastWarnMs >= WARN_EVERY_MS) {
      lastWarnMs = now;
      LOG.warn("cluster broker did not echo a state confirmation within {} ms; answering clients with this "
          + "node's state, other nodes may lag", TIMEOUT_MS);
    }
  }
}
