package dev.switchboard.gateway.sink;

import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A driver's connection, opened on first use and opened again after it failed or broke, so a sink can be
 * created while its backend is down and recovers when it comes back. Concurrent callers share one attempt.
 *
 * @param <T> the client or connection type
 */
public final class SinkConnection<T> {
  private final Supplier<Future<T>> open;
  private final Consumer<T> release;
  private Future<T> current;
  private boolean closed;

  /**
   * @param open starts opening a connection; never blocks (blocking clients open on a worker thread)
   * @param release closes a connection, on the thread that calls {@link #broken} or {@link #close} (or that
   *     finishes the open attempt a close overtook); drivers of blocking clients call those on worker threads
   */
  public SinkConnection(Supplier<Future<T>> open, Consumer<T> release) {
    this.open = open;
    this.release = release;
  }

  /** The open connection, or the attempt to open one; fails once {@link #close} was called. */
  public synchronized Future<T> get() {
    if (closed) {
      return Future.failedFuture(new GatewaySinkException("sink closed"));
    }
    if (current == null || current.failed()) {
      current = open.get();
    }
    return current;
  }

  /** Forgets {@code broken} (if it is still the current connection) and releases it; the next get reopens. */
  public void broken(T broken) {
    if (forget(broken)) {
      quietly(broken);
    }
  }

  /**
   * Forgets {@code broken} without releasing it, for a caller that releases it elsewhere (on a worker thread);
   * true if it was the current connection.
   */
  public synchronized boolean forget(T broken) {
    if (current == null || !current.succeeded() || current.result() != broken) {
      return false;
    }
    current = null;
    return true;
  }

  /** Stops opening connections and releases the current one; the returned future never fails. */
  public Future<Void> close() {
    Future<T> last;
    synchronized (this) {
      closed = true;
      last = current;
      current = null;
    }
    return last == null ? Future.succeededFuture()
        : last.<Void>map(c -> {
          quietly(c);
          return null;
        }).otherwiseEmpty();
  }

  private void quietly(T c) {
    try {
      release.accept(c);
    } catch (RuntimeException e) {
      // a broken connection often fails to close as well; there is nothing left to release
    }
  }
}
