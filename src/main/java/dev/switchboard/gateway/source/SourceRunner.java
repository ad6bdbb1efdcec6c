package dev.switchboard.gateway.source;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every driver shares, so the contract is written once: calls the handler on the source's context (a
 * thrown exception is a failed future), keeps the messages in flight (bounded by {@code concurrency}), turns
 * each outcome into a {@link Verdict}, counts, writes the one dead-letter log line, and lets a stopping
 * driver wait for handler calls and for its acknowledgements under way.
 *
 * @param <M> the driver's handle of a message in flight (receipt handle, entry id, delivery, message)
 */
public final class SourceRunner<M> {
  private static final Logger LOG = LoggerFactory.getLogger(SourceRunner.class);
  private final Vertx vertx;
  private final SourceSettings settings;
  private final Map<String, M> inFlight = new ConcurrentHashMap<>();
  private final Set<Future<?>> settling = ConcurrentHashMap.newKeySet();
  private final LongAdder received = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder deadLettered = new LongAdder();
  private volatile NotificationHandler handler;
  private volatile Context context;
  private volatile boolean closed;

  /** What the driver does with a message whose handler call ended. */
  public enum Verdict { ACK, RETRY, DEAD_LETTER }

  /** A verdict with, for a dead letter, the reason for the log line. */
  public record Outcome(Verdict verdict, String reason) {}

  public SourceRunner(Vertx vertx, SourceSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  public SourceSettings settings() {
    return settings;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Takes the handler and the caller's context (an event loop of its own when called off Vert.x). */
  public Context start(NotificationHandler h) {
    this.handler = h;
    this.context = vertx.getOrCreateContext();
    return context;
  }

  public Context context() {
    return context;
  }

  /** How many more messages may be handed over now. */
  public int free() {
    return Math.max(0, settings.concurrency() - inFlight.size());
  }

  /** The handles of the messages whose handler call is still running, to keep their leases alive. */
  public List<M> inFlight() {
    return List.copyOf(inFlight.values());
  }

  /** The ids of the messages whose handler call is still running. */
  public Set<String> inFlightIds() {
    return Set.copyOf(inFlight.keySet());
  }

  public boolean running(String id) {
    return inFlight.containsKey(id);
  }

  /** True once {@link #close} was called: verdicts that come after it are no longer acted upon. */
  public boolean closed() {
    return closed;
  }

  /**
   * Hands {@code body} to the handler on the source's context. When the handler's future completes, calls
   * {@code settle} with the verdict (unless the runner was closed meanwhile), and only then forgets the message,
   * so a stopping source never closes between a success and its acknowledgement; the returned future completes
   * after that, on the source's context, when the driver may fetch again.
   *
   * @param deliveries how many times the backend delivered the message, this time included
   */
  public Future<Outcome> run(String id, M handle, String body, long deliveries, Consumer<Outcome> settle) {
    inFlight.put(id, handle);
    received.increment();
    Promise<Outcome> done = Promise.promise();
    context.runOnContext(v -> call(body).onComplete(ar -> context.runOnContext(w -> {
      Outcome o = ar.succeeded() ? new Outcome(Verdict.ACK, null) : verdict(ar.cause(), deliveries);
      try {
        if (!closed) {
          settle.accept(o);
        }
      } finally {
        inFlight.remove(id);
        done.complete(o);
      }
    })));
    return done.future();
  }

  private Future<Void> call(String body) {
    try {
      Future<Void> f = handler.handle(body);
      return f == null ? Future.failedFuture(new IllegalStateException("the handler returned null")) : f;
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private Outcome verdict(Throwable cause, long deliveries) {
    failed.increment();
    if (cause instanceof MalformedNotification) {
      return new Outcome(Verdict.DEAD_LETTER, "malformed notification: " + cause.getMessage());
    }
    if (deliveries >= settings.maxDeliveries()) {
      return new Outcome(Verdict.DEAD_LETTER, "handler failed on delivery " + deliveries + " of "
          + settings.maxDeliveries() + ": " + cause.getMessage());
    }
    return new Outcome(Verdict.RETRY, cause.getMessage());
  }

  /** The one WARN line and the counter, once the message left the queue ({@code movedTo} null = dropped). */
  public void deadLettered(String id, String reason, String movedTo) {
    LOG.warn("gateway notification source {} dead-lettered a message: message_id={} reason=\"{}\" {}",
        settings.key(), id, reason, movedTo == null ? "dropped (no dead_letter configured)" : "moved to " + movedTo);
    deadLettered.increment(); // after the line: whoever sees the count can also see the line
  }

  /** Keeps {@code ack} (an ack, delete, nack or move) until it completes, so stop does not cut it off. */
  public <R> Future<R> settling(Future<R> ack) {
    settling.add(ack);
    return ack.andThen(ar -> settling.remove(ack));
  }

  /**
   * Waits up to {@code drain_timeout_ms} for the handler calls in flight (polling, as this only runs on stop),
   * then closes: later verdicts are ignored. Completes with the handles still in flight, for the driver to give
   * back; {@link #settled} then waits for the acknowledgements under way.
   */
  public Future<List<M>> close() {
    Promise<Void> drained = Promise.promise();
    long deadline = System.nanoTime() + settings.drainTimeoutMs() * 1_000_000;
    awaitIdle(deadline, drained);
    return drained.future().map(v -> {
      closed = true;
      return List.copyOf(inFlight.values());
    });
  }

  /** Completes when every acknowledgement passed to {@link #settling} so far has completed; never fails. */
  public Future<Void> settled() {
    return Future.join(List.copyOf(settling)).<Void>mapEmpty().otherwiseEmpty();
  }

  private void awaitIdle(long deadline, Promise<Void> drained) {
    if (inFlight.isEmpty() || System.nanoTime() >= deadline) {
      drained.complete();
    } else {
      vertx.setTimer(20, t -> awaitIdle(deadline, drained));
    }
  }

  public long received() {
    return received.sum();
  }

  public long failed() {
    return failed.sum();
  }

  public long deadLettered() {
    return deadLettered.sum();
  }
}
