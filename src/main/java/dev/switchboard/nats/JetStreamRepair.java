package dev.switchboard.nats;

import io.nats.client.ConnectionListener;
import io.nats.client.JetStreamApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts back the JetStream streams and durable consumers a client declared at start-up when the server has lost
 * them (a nats-server restarted with an empty store, a stream deleted by hand). Without it such a client never
 * recovers: publishes are answered "503 No Responders", management calls "stream not found" (10059) or
 * "consumer not found" (10014), and pull fetches on the lost consumer just come back empty.
 *
 * <p>A repair is asked for after every reconnect ({@link #listener()}) and by a call that failed that way
 * ({@link #lost}). One runs at a time (callers meanwhile share it); a failed one is tried again after a backoff
 * of 0.25 s doubling to 5 s until one succeeds. The declaring itself is the client's, on its worker threads.
 */
public final class JetStreamRepair {
  private static final Logger LOG = LoggerFactory.getLogger(JetStreamRepair.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int CONSUMER_NOT_FOUND = 10014;
  private static final long FIRST_BACKOFF_MS = 250;
  private static final long MAX_BACKOFF_MS = 5000;
  private final Vertx vertx;
  private final String label;
  private volatile Supplier<Future<Void>> declare;
  private Promise<Void> attempt; // the attempt under way, or null; guarded by this
  private boolean retrying; // a failed attempt's retry is scheduled; guarded by this
  private int failures;
  private long repairedAtMs; // when the last attempt succeeded; guarded by this
  private volatile boolean closed;

  /** {@code label} names the client in logs. */
  public JetStreamRepair(Vertx vertx, String label) {
    this.vertx = vertx;
    this.label = label;
  }

  /** What a repair runs: declares every stream and consumer again (idempotent), never on an event loop. */
  public void declareWith(Supplier<Future<Void>> declare) {
    this.declare = declare;
  }

  /** Whether {@code e} (or a cause) says the stream or consumer is missing on the server. */
  public static boolean lost(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JetStreamApiException api
          && (api.getApiErrorCode() == STREAM_NOT_FOUND || api.getApiErrorCode() == CONSUMER_NOT_FOUND)) {
        return true;
      }
      if (t.getMessage() != null && t.getMessage().contains("No Responders")) {
        return true; // a JetStream publish to a subject no stream listens on
      }
    }
    return false;
  }

  /** Re-declares after each reconnect: the server may have come back without its store. */
  public ConnectionListener listener() {
    return (conn, event) -> {
      if (event == ConnectionListener.Events.RECONNECTED) {
        repair("reconnected");
      }
    };
  }

  /**
   * Starts a repair, or joins the one under way; completes when that attempt ends. A failed attempt is tried
   * again in the background, so a caller may retry its own call whatever the outcome.
   */
  public Future<Void> repair(String why) {
    synchronized (this) {
      if (closed || declare == null) {
        return Future.failedFuture(label + ": not repairing (closed or not started)");
      }
      if (attempt != null) {
        return attempt.future();
      }
      if (retrying) {
        return Future.failedFuture(label + ": stream re-declaration failed, retrying");
      }
      if (System.currentTimeMillis() - repairedAtMs < FIRST_BACKOFF_MS * 4) {
        return Future.succeededFuture(); // just done: calls that failed before it may simply go again
      }
      attempt = Promise.promise();
      LOG.info("{}: declaring the JetStream streams and consumers again ({})", label, why);
    }
    return run();
  }

  private Future<Void> run() {
    Promise<Void> mine;
    synchronized (this) {
      mine = attempt;
    }
    Future<Void> declared;
    try {
      declared = declare.get();
    } catch (RuntimeException e) {
      declared = Future.failedFuture(e);
    }
    declared.onComplete(ar -> {
      synchronized (this) {
        attempt = null;
        if (ar.succeeded()) {
          failures = 0;
          repairedAtMs = System.currentTimeMillis();
        } else if (!closed) {
          long delay = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failures++, 5));
          LOG.warn("{}: could not declare the JetStream streams again ({}), retrying in {} ms", label,
              ar.cause().getMessage(), delay);
          retrying = true;
          vertx.setTimer(delay, t -> retry());
        }
      }
      if (ar.succeeded()) {
        mine.tryComplete();
      } else {
        mine.tryFail(ar.cause());
      }
    });
    return mine.future();
  }

  private void retry() {
    synchronized (this) {
      retrying = false;
      if (closed || attempt != null) {
        return;
      }
      attempt = Promise.promise();
    }
    run();
  }

  /** No more repairs (the client is closing). */
  public void close() {
    synchronized (this) {
      closed = true;
    }
  }
}
