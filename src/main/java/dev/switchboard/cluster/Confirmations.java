package dev.switchboard.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until this node's state changes reported so far are held by every node. A client's
 * connection_established, subscription_succeeded and close answer wait here, so that any node the client (or
 * its backend) asks afterwards — HTTP API, connection quota, presence limit — already holds the change.
 *
 * <p>For a marker the broker's context flushes the state the outbox marked, then publishes the marker after
 * it. The broker hands every node this node's messages in the order they were published, so a peer that
 * reaches the marker has applied the state before it, and says so (an ack); this node's own echo of the
 * marker (as for events in {@link OwnEvents}) tells the same for a cluster without peers. A marker is
 * confirmed once echoed and acked by every peer that acks (newer nodes announce it) and was alive when it
 * left; the echo alone would only say the broker handed the state on, not that a busy peer applied it. The
 * marker rides the state stream, so it is ordered with full syncs and other state messages; events never
 * wait for it.
 *
 * <p>Waits share markers, and one marker at most is in flight (a group commit, as NATS confirmations do): the
 * waits that arrive meanwhile share the next one, sent when it is done, so a connect storm costs one marker
 * and one outbox flush per round trip, not per client.
 *
 * <p>The wait is bounded: while the broker is down it completes at once, and a marker not confirmed within
 * {@link #TIMEOUT_MS} (a broker that takes messages but does not deliver them, a peer stalled or gone
 * without a goodbye) completes with the local state only, so clients are never held for good; other nodes
 * then catch up when the messages arrive or at the next full sync. All but {@link #await} run on the
 * broker's context.
 */
final class Confirmations {
  private static final Logger LOG = LoggerFactory.getLogger(Confirmations.class);
  static final long TIMEOUT_MS = 1_000;
  private static final long WARN_EVERY_MS = 10_000;

  private final Vertx vertx;
  private final Context ctx;
  private final IntPredicate publishMarker;
  /** Live peers that ack markers; one that let a marker time out is left out until it says so again. */
  private final Set<String> ackingPeers = new HashSet<>();
  /** The wait the next marker will confirm, or null when nobody waits; shared by every caller until then. */
  private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>();
  /** The marker published and not yet confirmed, or null. */
  private Marker inFlight;
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
    if (inFlight != null) {
      return; // the next marker leaves when the one in flight is done
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
    Marker m = new Marker(n, f, new HashSet<>(ackingPeers));
    inFlight = m;
    vertx.setTimer(TIMEOUT_MS, id -> {
      if (inFlight == m) {
        warnTimeout(m);
        ackingPeers.removeAll(m.waitingFor); // stalled or dead: not waited for again until it announces itself
        done();
      }
    });
  }

  /** This node's marker {@code n} came back from the broker. */
  void echoed(int n) {
    if (inFlight != null && inFlight.n == n) {
      inFlight.echoed = true;
      check();
    }
  }

  /** {@code peer} has applied everything this node sent up to its marker {@code n}. */
  void acked(String peer, int n) {
    if (inFlight != null && inFlight.n == n) {
      inFlight.waitingFor.remove(peer);
      check();
    }
  }

  /** {@code peer} is alive and acks markers (it says so in its heartbeats): later markers wait for it. */
  void peerUp(String peer) {
    ackingPeers.add(peer);
  }

  /** {@code peer} left the cluster or was dropped: nothing to wait for from it. */
  void peerGone(String peer) {
    ackingPeers.remove(peer);
    if (inFlight != null) {
      inFlight.waitingFor.remove(peer);
      check();
    }
  }

  /** The broker connection was lost: no echo or ack will come for what is in flight. */
  void releaseAll() {
    if (inFlight != null) {
      done();
    }
  }

  private void check() {
    if (inFlight.echoed && inFlight.waitingFor.isEmpty()) {
      done();
    }
  }

  private void done() {
    Marker m = inFlight;
    inFlight = null;
    m.done.complete(null); // waiters only hop to their own loop here
    if (next.get() != null) {
      sendMarker(); // waits that arrived while the marker was in flight
    }
  }

  private static final class Marker {
    final int n;
    final CompletableFuture<Void> done;
    final Set<String> waitingFor;
    boolean echoed;

    Marker(int n, CompletableFuture<Void> done, Set<String> waitingFor) {
      this.n = n;
      this.done = done;
      this.waitingFor = waitingFor;
    }
  }

  private void warnTimeout(Marker m) {
    long now = System.currentTimeMillis();
    if (now - lastWarnMs >= WARN_EVERY_MS) {
      lastWarnMs = now;
      LOG.atWarn().addKeyValue("timeout_ms", TIMEOUT_MS).log("cluster state confirmation not complete within {} ms"
          + " (echoed: {}, waiting for nodes {}); answering clients with this node's state, other nodes may lag",
          TIMEOUT_MS, m.echoed, m.waitingFor);
    }
  }
}
