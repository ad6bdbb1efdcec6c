package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testing.LogCapture;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NotificationSource} driver promises, run by each driver's {@code *IT} against its real
 * backend with a real producer: bodies arrive exactly, acknowledgement waits for the handler, failures come
 * again, malformed and exhausted messages are dead-lettered while the rest flows, concurrency holds, and stop
 * gives unacknowledged messages back. Every test uses fresh backend names, so reruns do not collide.
 */
public abstract class NotificationSourceContract {
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final long TIMEOUT_S = 30;
  protected static final String KEY = "gateway.notifications.queue";
  protected static final String BODY =
      "{\"users\":[\"u1\",\"u-2\"],\"exclude_users\":[\"u3\"],\"data\":{\"text\":\"h\\u00e9llo \\\"w\\\" ✓\","
          + "\"n\":[1,2.5,null,true],\"o\":{}}}";
  protected static Vertx vertx;
  protected final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final List<NotificationSource> started = new ArrayList<>();
  private final Set<String> names = new HashSet<>();

  /** The config for backend name {@code name}, its dead letters going to {@link #deadLetterName}. */
  protected abstract ObjectNode config(String name);

  /** Sends {@code body} to {@code name} the way a real producer (a SUMU backend) does. */
  protected abstract void publish(String name, String body) throws Exception;

  /** The next body in the dead-letter destination of {@code name}, waiting at most {@link #TIMEOUT_S}. */
  protected abstract String nextDeadLetter(String name) throws Exception;

  /** How many messages the backend still holds for {@code name} (ready or unacknowledged), with no source on. */
  protected abstract long outstanding(String name) throws Exception;

  /** Removes what the test left in the backend. */
  protected void cleanup(Set<String> names) throws Exception {}

  protected String deadLetterName(String name) {
    return name + "dl";
  }

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopAll() throws Exception {
    for (NotificationSource s : started) {
      s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
    }
    cleanup(names);
  }

  protected String newName() {
    String n = "gwn" + run + "x" + names.size();
    names.add(n);
    return n;
  }

  /** A handler call the test settles itself. */
  protected record Call(String body, Promise<Void> done) {}

  /** Records every call; tracks how many are in flight at most. */
  protected static final class Recorder implements NotificationHandler {
    final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();

    @Override
    public Future<Void> handle(String body) {
      maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      Promise<Void> p = Promise.promise();
      p.future().onComplete(x -> inFlight.decrementAndGet());
      calls.add(new Call(body, p));
      return p.future();
    }

    Call next() throws InterruptedException {
      Call c = calls.poll(TIMEOUT_S, TimeUnit.SECONDS);
      assertNotNull(c, "no handler call within " + TIMEOUT_S + " s");
      return c;
    }
  }

  protected NotificationSource start(ObjectNode config, NotificationHandler h) throws Exception {
    NotificationSource s = NotificationSources.create(vertx, KEY, config);
    started.add(s);
    s.start(h).await(TIMEOUT_S, TimeUnit.SECONDS);
    return s;
  }

  protected static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
      Thread.sleep(20); // polling a condition, not synchronising on a guess
    }
  }

  protected void assertGone(String name) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (outstanding(name) != 0) {
      assertTrue(System.nanoTime() < deadline, "messages left in " + name + ": " + outstanding(name));
      Thread.sleep(50);
    }
  }

  @Test
  void aBodyFromARealProducerReachesTheHandlerExactly() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    NotificationSource s = start(config(name), r);
    publish(name, BODY);
    Call c = r.next();
    assertEquals(BODY, c.body());
    c.done().complete();
    assertEquals(1, s.received());
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
    assertGone(name);
  }

  @Test
  void aFailedMessageComesAgainAndIsGoneOnceTheHandlerSucceeded() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    NotificationSource s = start(config(name), r);
    publish(name, BODY);
    Call first = r.next();
    first.done().fail(new IllegalStateException("fan-out not ready"));
    Call second = r.next();
    assertEquals(BODY, second.body());
    second.done().complete();
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
    assertGone(name);
    assertNull(r.calls.poll(), "delivered again after success");
    assertEquals(1, s.failed());
    assertEquals(2, s.received());
    assertEquals(0, s.deadLettered());
  }

  @Test
  void aMalformedMessageIsDeadLetteredAtOnceWhileTheNextIsHandled() throws Exception {
    String name = newName();
    String bad = "{\"users\":[\"secret-user\"],\"no_data\":1}";
    try (LogCapture log = new LogCapture()) {
      Recorder r = new Recorder();
      NotificationSource s = start(config(name), r);
      publish(name, bad);
      publish(name, BODY);
      for (int i = 0; i < 2; i++) {
        Call c = r.next();
        if (c.body().equals(bad)) {
          c.done().fail(new MalformedNotification("no data field"));
        } else {
          assertEquals(BODY, c.body());
          c.done().complete();
        }
      }
      assertEquals(bad, nextDeadLetter(name));
      eventually(() -> s.deadLettered() == 1, "counted");
      List<String> lines = log.lines(Level.WARN, "dev.switchboard.gateway.source");
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains(KEY) && lines.get(0).contains("malformed notification: no data field"),
          lines.get(0));
      assertFalse(lines.get(0).contains("secret-user"), "the body is never logged");
      s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
      assertGone(name);
      assertNull(r.calls.poll(), "a dead letter is not delivered again");
    }
  }

  @Test
  void withoutADeadLetterDestinationADeadLetterIsDroppedAndCounted() throws Exception {
    String name = newName();
    try (LogCapture log = new LogCapture()) {
      Recorder r = new Recorder();
      ObjectNode c = config(name);
      c.remove("dead_letter");
      NotificationSource s = start(c, r);
      publish(name, "not json");
      r.next().done().fail(new MalformedNotification("not JSON"));
      eventually(() -> s.deadLettered() == 1, "counted");
      s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
      assertGone(name);
      List<String> lines = log.lines(Level.WARN, "dev.switchboard.gateway.source");
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).contains("dropped"), lines.get(0));
    }
  }

  @Test
  void aMessageThatFailsMaxDeliveriesTimesIsDeadLettered() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    NotificationSource s = start(config(name).put("max_deliveries", 2), r);
    publish(name, BODY);
    r.next().done().fail(new IllegalStateException("down"));
    r.next().done().fail(new IllegalStateException("still down"));
    assertEquals(BODY, nextDeadLetter(name));
    eventually(() -> s.deadLettered() == 1, "counted");
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
    assertGone(name);
    assertNull(r.calls.poll(), "no third delivery");
    assertEquals(2, s.failed());
  }

  @Test
  void noMoreThanConcurrencyHandlerCallsRunAtOnce() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    start(config(name).put("concurrency", 3), r);
    Set<String> sent = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      sent.add("{\"data\":" + i + "}");
      publish(name, "{\"data\":" + i + "}");
    }
    List<Call> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      held.add(r.next());
    }
    // a negative check needs a wait: a fourth call would come at once if the bound were missing
    assertNull(r.calls.poll(500, TimeUnit.MILLISECONDS), "a fourth call while three are in flight");
    Set<String> got = new HashSet<>();
    held.forEach(c -> {
      got.add(c.body());
      c.done().complete();
    });
    while (got.size() < 8) {
      Call c = r.next();
      got.add(c.body());
      vertx.setTimer(20, t -> c.done().complete());
    }
    assertEquals(sent, got);
    assertEquals(3, r.maxInFlight.get());
  }

  @Test
  void stopGivesUnacknowledgedMessagesBackToTheNextSource() throws Exception {
    String name = newName();
    Recorder stuck = new Recorder();
    NotificationSource a = start(config(name).put("drain_timeout_ms", 100), stuck);
    publish(name, BODY);
    assertEquals(BODY, stuck.next().body());
    a.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
    Recorder r = new Recorder();
    start(config(name), r);
    Call c = r.next();
    assertEquals(BODY, c.body());
    c.done().complete();
  }
}
