package dev.switchboard.queue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What every driver's consumer needs: runs a handler on the consumer's Vert.x context, turning a thrown
 * exception into a failed future, and keeps the set of jobs in flight so the driver can bound concurrency
 * and keep their reservations alive.
 *
 * @param <T> the driver's handle for a job in flight (entry id, delivery tag, message)
 */
public final class JobRunner<T> {
  private final Context context;
  private final JobHandler handler;
  private final int concurrency;
  private final Set<T> inFlight = ConcurrentHashMap.newKeySet();

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
