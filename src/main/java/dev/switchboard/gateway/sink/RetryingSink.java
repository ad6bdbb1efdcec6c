package dev.switchboard.gateway.sink;

import dev.switchboard.logging.LogThrottle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a failed send with exponential backoff on Vert.x timers (nothing waits on a thread), then
 * dead-letters the message: one WARN line with the sink, {@code source}, {@code user_id}, {@code connection_id}
 * and the cause (never the body), the {@link #deadLettered()} counter, and the optional dead-letter sink.
 * At most {@link RetryPolicy#maxPending()} messages wait for a retry; a failure beyond that is dead-lettered
 * at once, so a backend that is down costs bounded memory. The future {@link #send} returns succeeds when an
 * attempt succeeds and fails when the message is dead-lettered, once the dead-letter sink (if any) has
 * accepted or given up on it in turn.
 */
public final class RetryingSink implements GatewaySink {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingSink.class);
  private final LogThrottle warnings = new LogThrottle(Duration.ofSeconds(10));
  private final Vertx vertx;
  private final String name;
  private final GatewaySink delegate;
  private final RetryPolicy policy;
  private final Optional<GatewaySink> deadLetter;
  private final AtomicInteger pending = new AtomicInteger();
  private final Map<Long, Waiting> waiting = new ConcurrentHashMap<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private volatile boolean closed;

  private record Waiting(GatewayMessage message, Promise<Void> done) {}

  /**
   * @param name the sink's config path, for the log line
   * @param deadLetter where dead-lettered messages go besides the log; closed with this sink
   */
  public RetryingSink(Vertx vertx, String name, GatewaySink delegate, RetryPolicy policy,
      Optional<GatewaySink> deadLetter) {
    this.vertx = vertx;
    this.name = name;
    this.delegate = delegate;
    this.policy = policy;
    this.deadLetter = deadLetter;
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    if (closed) {
      return Future.failedFuture(new GatewaySinkException("gateway sink " + name + " is closed"));
    }
    Promise<Void> done = Promise.promise();
    attempt(m, 0, done);
    return done.future();
  }

  private void attempt(GatewayMessage m, int retry, Promise<Void> done) {
    Promise<Void> settled = Promise.promise();
    long deadline = vertx.setTimer(policy.sendTimeoutMs(), t -> settled.tryFail(new GatewaySinkException(
        "no answer from the backend within " + policy.sendTimeoutMs() + " ms")));
    Future<Void> sending;
    try {
      sending = delegate.send(m);
    } catch (RuntimeException e) { // a driver bug must not escape into the dialect's handler
      sending = Future.failedFuture(e);
    }
    sending.onComplete(ar -> {
      vertx.cancelTimer(deadline);
      if (ar.succeeded()) {
        settled.tryComplete();
      } else {
        settled.tryFail(ar.cause());
      }
    });
    settled.future().onComplete(ar -> {
      if (ar.succeeded()) {
        sent.increment();
        settled(retry);
        done.tryComplete();
        return;
      }
      failures.increment();
      if (retry >= policy.retries() || closed) {
        settled(retry);
        deadLetter(m, retry + 1, ar.cause(), done);
      } else if (retry == 0 && pending.incrementAndGet() > policy.maxPending()) {
        pending.decrementAndGet();
        deadLetter(m, 1, new GatewaySinkException(policy.maxPending() + " messages already wait for a retry ("
            + why(ar.cause()) + ")", ar.cause()), done);
      } else {
        long delay = policy.delayMs(retry + 1);
        delay = Math.max(1, delay - ThreadLocalRandom.current().nextLong(delay / 2 + 1));
        Waiting w = new Waiting(m, done);
        long[] id = new long[1];
        synchronized (w) { // the timer may fire on another thread before put
          id[0] = vertx.setTimer(delay, t -> {
            boolean due;
            synchronized (w) {
              due = waiting.remove(id[0]) != null; // else close took it
            }
            if (due) {
              attempt(m, retry + 1, done);
            }
          });
          waiting.put(id[0], w);
        }
      }
    });
  }

  /** A message that waited for a retry is no longer pending. */
  private void settled(int retry) {
    if (retry > 0) {
      pending.decrementAndGet();
    }
  }

  private void deadLetter(GatewayMessage m, int attempts, Throwable cause, Promise<Void> done) {
    deadLettered.increment();
    // one line per interval: a backend that is down would otherwise write a line per frame
    if (warnings.allow()) {
      LOG.atWarn().addKeyValue("app_id", m.attribute(GatewayMessage.APP_ID)).addKeyValue("user_id",
          m.attribute(GatewayMessage.USER_ID)).addKeyValue("socket_id", m.attribute(GatewayMessage.CONNECTION_ID))
          .log("gateway sink {} dead-lettered a message after {} attempt(s): source={} cause={}{} ({} dead-lettered"
          + " so far)", name, attempts, m.attribute(GatewayMessage.SOURCE), why(cause),
          deadLetter.isPresent() ? "; handed to " + name + ".dead_letter" : "", deadLettered.sum());
    }
    handOver(m).onComplete(x -> done.tryFail(new GatewaySinkException("gateway sink " + name
        + ": dead-lettered after " + attempts + " attempt(s): " + why(cause), cause)));
  }

  private static String why(Throwable cause) {
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  /** Gives the message to the dead-letter sink; completes when that sink settled it, never fails. */
  private Future<Void> handOver(GatewayMessage m) {
    // the dead-letter sink retries, counts and logs on its own
    return deadLetter.map(d -> d.send(m).otherwiseEmpty()).orElse(Future.succeededFuture());
  }

  /** Messages the backend accepted ({@code gateway_sink_sent}). */
  public long sent() {
    return sent.sum();
  }

  /** Failed attempts, retried or not ({@code gateway_sink_failures}). */
  public long failures() {
    return failures.sum();
  }

  /**
   * Messages given up on after their last attempt, or at once when too many waited
   * ({@code gateway_sink_dead_lettered}).
   */
  public long deadLettered() {
    return deadLettered.sum();
  }

  /** Messages waiting for a retry now ({@code gateway_sink_pending}). */
  public int pending() {
    return pending.get();
  }

  /**
   * Stops retrying: messages waiting for a retry are dead-lettered (one WARN line for all of them, each still
   * counted and handed to the dead-letter sink), the backend is closed, and the dead-letter sink once it has
   * settled those. Messages whose first attempt is still running are dead-lettered if that attempt fails.
   */
  @Override
  public Future<Void> close() {
    closed = true;
    List<Waiting> dropped = new ArrayList<>();
    for (Long id : List.copyOf(waiting.keySet())) {
      Waiting w = waiting.remove(id);
      if (w != null) {
        vertx.cancelTimer(id);
        dropped.add(w);
      }
    }
    if (!dropped.isEmpty()) {
      LOG.warn("gateway sink {} closed with {} message(s) waiting for a retry; dead-lettered", name, dropped.size());
    }
    List<Future<Void>> handed = new ArrayList<>();
    for (Waiting w : dropped) {
      pending.decrementAndGet();
      deadLettered.increment();
      handed.add(handOver(w.message()));
      w.done().tryFail(new GatewaySinkException("gateway sink " + name + " closed before a retry"));
    }
    return delegate.close()
        .eventually(() -> Future.all(handed))
        .eventually(() -> deadLetter.map(GatewaySink::close).orElse(Future.succeededFuture()));
  }
}
