package dev.switchboard.app;

import io.vertx.core.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time set-up of a database store (connect, create or migrate the table) that is retried until it
 * works: a store whose database is down at start is still created, every lookup waits for the set-up or
 * fails fast with it, and the next lookup after a failure tries again. It also watches every query: the
 * first failure of the set-up or of a query (the database is down, unreachable or does not answer in time) is
 * logged once as a WARN naming the store and the error, and the first success after it once as an INFO, so an
 * outage gives two clear lines however many lookups fail in between. A bad row is an answer, not an outage.
 */
public final class StoreReadiness {
  private static final Logger LOG = LoggerFactory.getLogger(StoreReadiness.class);
  private final String name;
  private final Supplier<Future<Void>> setup;
  private Future<Void> current;
  private volatile boolean failedBefore;

  /** {@code name} describes the store in log lines, e.g. {@code "mysql 127.0.0.1:3306/sockudo.apps"}. */
  public StoreReadiness(String name, Supplier<Future<Void>> setup) {
    this.name = name;
    this.setup = setup;
  }

  /** Starts the set-up now, so that a database that is down is reported at start. */
  public StoreReadiness begin() {
    ready();
    return this;
  }

  /**
   * Runs {@code query} once the set-up has succeeded, bounded by {@link AppErrors#LOOKUP_TIMEOUT_MS} (the set-up
   * has its own, longer timeouts); failures are {@link AppException}s naming the store.
   */
  public <T> Future<T> then(io.vertx.core.Vertx vertx, Supplier<Future<T>> query) {
    return ready().recover(e -> Future.failedFuture(AppErrors.unavailable(name, e)))
        .compose(v -> AppErrors.guard(vertx, name, query.get()).andThen(ar -> {
          if (ar.succeeded() || !(ar.cause() instanceof StoreUnavailableException)) {
            report(true, null);
          } else {
            report(false, ar.cause());
          }
        }));
  }

  /** Completes once the set-up has succeeded; a failed set-up is tried again on the next call. */
  public synchronized Future<Void> ready() {
    if (current == null || current.failed()) {
      Future<Void> attempt;
      try {
        attempt = setup.get();
      } catch (RuntimeException e) {
        attempt = Future.failedFuture(e);
      }
      current = attempt.andThen(ar -> report(ar.succeeded(), ar.cause())).recover(e -> Future.failedFuture(
          e instanceof AppException ? e : AppErrors.unavailable(name, e)));
    }
    return current;
  }

  private void report(boolean ok, Throwable cause) {
    if (ok && !failedBefore) {
      return; // the common case: no lock on the lookup path
    }
    synchronized (this) {
      if (ok && failedBefore) {
        LOG.info("app store {} is available again", name);
        failedBefore = false;
      } else if (!ok && !failedBefore) {
        LOG.warn("app store {} is unavailable: {}; apps it cannot answer for are refused (connect 4100, API 503)"
            + " until it answers", name, describe(cause));
        failedBefore = true;
      }
    }
  }

  /** The driver's own words: the cause under our "app store NAME: " wrapper, which the line already says. */
  private String describe(Throwable cause) {
    String prefix = "app store " + name + ": ";
    String m = AppErrors.describe(cause);
    m = m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m; // the line goes on after it
  }
}
