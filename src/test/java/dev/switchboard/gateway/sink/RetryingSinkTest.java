package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The decorator's bookkeeping over in-memory sinks; the real-backend behaviour is in {@code RetryingSinkIT}. */
class RetryingSinkTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  /** Fails every send; counts attempts. */
  private static final class DownSink implements GatewaySink {
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public Future<Void> send(GatewayMessage m) {
      attempts.incrementAndGet();
      return Future.failedFuture(new GatewaySinkException("down"));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** Accepts every send; keeps what it got. */
  private static final class KeepingSink implements GatewaySink {
    final List<GatewayMessage> got = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> send(GatewayMessage m) {
      got.add(m);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private static GatewayMessage message(int i) {
    return GatewayMessage.of("{\"i\":" + i + "}", "gateway.route.send", "u", "c", "a", i);
  }

  @Test
  void beyondMaxPendingAFailureIsDeadLetteredAtOnceAndCloseDeadLettersTheRest() throws Exception {
    DownSink down = new DownSink();
    KeepingSink dead = new KeepingSink();
    RetryingSink s = new RetryingSink(vertx, "k", down, new RetryPolicy(3, 60_000, 60_000, 2), Optional.of(dead));
    List<Future<Void>> sends = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sends.add(s.send(message(i)));
    }
    for (int i = 2; i < 5; i++) { // the first two wait a minute for their retry
      assertTrue(sends.get(i).failed(), "send " + i);
    }
    assertEquals(2, s.pending());
    assertEquals(3, s.deadLettered());
    assertEquals(5, down.attempts.get());
    s.close().await(20, TimeUnit.SECONDS);
    assertTrue(sends.get(0).failed() && sends.get(1).failed());
    assertEquals(0, s.pending());
    assertEquals(5, s.deadLettered());
    assertEquals(5, dead.got.size());
    assertEquals(5, down.attempts.get(), "nothing is retried after close");
  }

  @Test
  void aMessageIsTriedOncePlusRetriesTimesThenDeadLettered() throws Exception {
    DownSink down = new DownSink();
    RetryingSink s = new RetryingSink(vertx, "k", down, new RetryPolicy(4, 1, 4, 10), Optional.empty());
    Throwable e = s.send(message(1)).transform(ar -> Future.succeededFuture(ar.cause()))
        .await(20, TimeUnit.SECONDS);
    assertTrue(e instanceof GatewaySinkException && e.getMessage().contains("dead-lettered after 5 attempt(s): down"), e.getMessage());
    assertEquals(5, down.attempts.get());
    assertEquals(5, s.failures());
    assertEquals(0, s.pending());
  }

  @Test
  void aSuccessCountsAsSent() throws Exception {
    KeepingSink ok = new KeepingSink();
    RetryingSink s = new RetryingSink(vertx, "k", ok, new RetryPolicy(1, 1, 1, 1), Optional.empty());
    s.send(message(1)).await(20, TimeUnit.SECONDS);
    assertEquals(1, s.sent());
    assertEquals(0, s.failures());
  }
}
