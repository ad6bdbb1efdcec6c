package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The waits behind a client's confirmation: released by their marker's echo, a lost broker or the bound. */
class ConfirmationsTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context ctx = vertx.getOrCreateContext();
  /** Markers "published", in order; the broker is up while {@link #up} is true. */
  private final BlockingQueue<Integer> markers = new LinkedBlockingQueue<>();
  private final AtomicBoolean up = new AtomicBoolean(true);
  private final Confirmations confirmations = new Confirmations(vertx, ctx, n -> up.get() && markers.add(n));

  @AfterEach
  void close() {
    vertx.close().await();
  }

  private CompletableFuture<Void> await() {
    return confirmations.await().toCompletableFuture();
  }

  private int nextMarker() throws InterruptedException {
    Integer n = markers.poll(5, TimeUnit.SECONDS);
    if (n == null) {
      throw new AssertionError("no marker published");
    }
    return n;
  }

  private void onContext(Runnable r) {
    ctx.runOnContext(v -> r.run());
  }

  @Test
  void aWaitEndsWhenItsMarkerComesBackAndNotBefore() throws Exception {
    CompletableFuture<Void> f = await();
    int n = nextMarker();
    assertFalse(f.isDone(), "the marker is published, not yet echoed");
    onContext(() -> confirmations.echoed(n));
    f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void waitsBeforeOneTurnOfTheContextShareOneMarker() throws Exception {
    AtomicReference<CompletableFuture<Void>> first = new AtomicReference<>();
    AtomicReference<CompletableFuture<Void>> second = new AtomicReference<>();
    CompletableFuture<Void> asked = new CompletableFuture<>();
    onContext(() -> {
      first.set(await());
      second.set(await());
      asked.complete(null);
    });
    asked.get(5, TimeUnit.SECONDS);
    assertSame(first.get(), second.get());
    int n = nextMarker();
    onContext(() -> confirmations.echoed(n));
    first.get().get(5, TimeUnit.SECONDS);
    contextTurn();
    assertTrue(markers.isEmpty(), "one marker for both");
  }

  @Test
  void aWaitArrivingWhileAMarkerIsInFlightGetsTheNextOneSentWhenTheFirstComesBack() throws Exception {
    CompletableFuture<Void> earlier = await();
    int first = nextMarker();
    CompletableFuture<Void> later = await();
    contextTurn();
    assertTrue(markers.isEmpty(), "one marker in flight at a time");
    onContext(() -> confirmations.echoed(first));
    earlier.get(5, TimeUnit.SECONDS);
    int second = nextMarker();
    assertFalse(later.isDone(), "its changes may have been reported after the first marker left");
    onContext(() -> confirmations.echoed(second));
    later.get(5, TimeUnit.SECONDS);
  }

  /** Returns once the context has run every task queued before. */
  private void contextTurn() throws Exception {
    CompletableFuture<Void> turn = new CompletableFuture<>();
    onContext(() -> turn.complete(null));
    turn.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aMarkerAlsoWaitsForEveryPeerThatAcksAndNotForOneThatLeft() throws Exception {
    onContext(() -> {
      confirmations.peerUp("b");
      confirmations.peerUp("c");
    });
    CompletableFuture<Void> f = await();
    int n = nextMarker();
    onContext(() -> {
      confirmations.echoed(n);
      confirmations.acked("b", n);
    });
    contextTurn();
    assertFalse(f.isDone(), "echoed here, but node c may not have applied the state yet");
    onContext(() -> confirmations.peerGone("c"));
    f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aPeerThatLetsAMarkerTimeOutIsNotWaitedForUntilItAnnouncesItselfAgain() throws Exception {
    onContext(() -> confirmations.peerUp("stalled"));
    CompletableFuture<Void> first = await();
    int n = nextMarker();
    onContext(() -> confirmations.echoed(n));
    first.get(Confirmations.TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
    CompletableFuture<Void> second = await();
    int m = nextMarker();
    onContext(() -> confirmations.echoed(m));
    second.get(5, TimeUnit.SECONDS);
    onContext(() -> confirmations.peerUp("stalled"));
    CompletableFuture<Void> third = await();
    int k = nextMarker();
    onContext(() -> confirmations.echoed(k));
    contextTurn();
    assertFalse(third.isDone(), "back in its heartbeat: waited for again");
    onContext(() -> confirmations.acked("stalled", k));
    third.get(5, TimeUnit.SECONDS);
  }

  @Test
  void whileTheBrokerIsDownAWaitEndsAtOnceWithTheLocalState() throws Exception {
    up.set(false);
    await().get(5, TimeUnit.SECONDS);
  }

  @Test
  void losingTheBrokerEndsEveryWaitInFlight() throws Exception {
    CompletableFuture<Void> f = await();
    nextMarker();
    onContext(confirmations::releaseAll);
    f.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aMarkerThatNeverComesBackEndsItsWaitAfterTheBound() throws Exception {
    CompletableFuture<Void> f = await();
    nextMarker();
    assertFalse(f.isDone());
    f.get(Confirmations.TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
  }
}
