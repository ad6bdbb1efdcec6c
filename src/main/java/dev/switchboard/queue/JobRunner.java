package dev.switchboard.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every driver's consumer needs: runs a handler on the consumer's Vert.x context, turning a thrown
 * exception into a failed future, and keeps the set of jobs in flight so the driver can bound concurrency
 * and keep their reservations alive, and counts the acknowledgements still on their way so a stopping
 * consumer does not cut them off (a finished job whose ack is lost would be delivered again).
 *
 * @param <T> the driver's handle for a job in flight (entry id, delivery tag, message)
 */
public final class JobRunner<T> {
  /** How long a stopping consumer waits for its acknowledgements under way. */
  private static final long SETTLE_MS = 5000;
  private final Context context;
  private final JobHandler handler;
  private final int concurrency;
  private final Set<T> inFlight = ConcurrentHashMap.newKeySet();
  private final AtomicInteger settling = new AtomicInteger();

  public JobRunner(Context context, JobHandler handler, int concurrency) {
    this.context = context;
    this.handler = handler;
    this.concurrency = concurrency;
  }

  public Context context() {
    return context;
  }

  /** How many more jobs may be taken now. */
  public int free() {
    return Math.max(0, concurrency - inFlight.size());
  }

  public Set<T> inFlight() {
    return Set.copyOf(inFlight);
  }

  /** Counts {@code ack} (a driver's ack, nack or delete of a finished job) until it completes. */
  public <R> Future<R> settling(Future<R> ack) {
    settling.incrementAndGet();
    return ack.andThen(ar -> settling.decrementAndGet());
  }

  /** Completes once no acknowledgement counted by {@link #settling} is outstanding, or after {@code SETTLE_MS}. */
  public Future<Void> settled() {
    Promise<Void> done = Promise.promise();
    long deadline = System.currentTimeMillis() + SETTLE_MS;
    if (settling.get() == 0) {
      return Future.succeededFuture();
    }
    Vertx vertx = context.owner();
    vertx.setPeriodic(10, id -> {
      if (settling.get() == 0 || System.currentTimeMillis() >= deadline) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
    });
    return done.future();
  }

  /** Runs {@code job} on the context; {@code handle} stays in flight until the returned future completes. */
  public Future<Void> run(T handle, Job job) {
    inFlight.add(handle);
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> {
      Future<Void> f;
      try {
        f = handler.handle(job);
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      (f == null ? Future.<Void>failedFuture("job handler returned null") : f).onComplete(done);
    });
    return done.future().andThen(ar -> inFlight.remove(handle));
  }
}
