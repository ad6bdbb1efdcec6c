package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.gateway.source.SourceRunner.Outcome;
import dev.switchboard.gateway.source.SourceRunner.Verdict;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verdicts, counters and drain every driver relies on. */
class SourceRunnerTest {
  private final Vertx vertx = Vertx.vertx();
  private final SourceRunner<String> runner = new SourceRunner<>(vertx, new SourceSettings("k", 2, 3, 100, 50));

  @AfterEach
  void close() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private Outcome run(NotificationHandler h, long deliveries) throws Exception {
    runner.start(h);
    return runner.run("id", "h", "{}", deliveries, o -> { }).await(10, TimeUnit.SECONDS);
  }

  @Test
  void successIsAcked() throws Exception {
    assertEquals(Verdict.ACK, run(b -> Future.succeededFuture(), 1).verdict());
    assertEquals(1, runner.received());
    assertEquals(0, runner.failed());
  }

  @Test
  void aFailureBeforeTheLastDeliveryIsRetriedAndOnTheLastIsDeadLettered() throws Exception {
    NotificationHandler failing = b -> Future.failedFuture(new IllegalStateException("down"));
    assertEquals(Verdict.RETRY, run(failing, 2).verdict());
    Outcome last = run(failing, 3);
    assertEquals(Verdict.DEAD_LETTER, last.verdict());
    assertTrue(last.reason().contains("delivery 3 of 3: down"), last.reason());
    assertEquals(2, runner.failed());
  }

  @Test
  void aMalformedNotificationIsDeadLetteredOnItsFirstDelivery() throws Exception {
    Outcome o = run(b -> Future.failedFuture(new MalformedNotification("no data")), 1);
    assertEquals(Verdict.DEAD_LETTER, o.verdict());
    assertEquals("malformed notification: no data", o.reason());
  }

  @Test
  void aThrowingHandlerOrANullFutureCountsAsAFailure() throws Exception {
    assertEquals(Verdict.RETRY, run(b -> {
      throw new IllegalStateException("boom");
    }, 1).verdict());
    assertEquals(Verdict.RETRY, run(b -> null, 1).verdict());
  }

  @Test
  void theVerdictIsSettledBeforeTheMessageLeavesTheFlightSoCloseCannotCutTheAckOff() throws Exception {
    runner.start(b -> Future.succeededFuture());
    boolean[] runningWhenSettled = new boolean[1];
    runner.run("a", "h", "{}", 1, o -> runningWhenSettled[0] = runner.running("a")).await(10, TimeUnit.SECONDS);
    assertTrue(runningWhenSettled[0]);
    assertEquals(2, runner.free());
  }

  @Test
  void closeWaitsForTheDrainTimeoutThenHandsBackWhatIsStillRunning() throws Exception {
    runner.start(b -> Promise.<Void>promise().future());
    runner.run("a", "handle-a", "{}", 1, o -> { });
    assertEquals(1, runner.free());
    List<String> left = runner.close().await(10, TimeUnit.SECONDS);
    assertEquals(List.of("handle-a"), left);
    assertTrue(runner.closed());
  }
}
