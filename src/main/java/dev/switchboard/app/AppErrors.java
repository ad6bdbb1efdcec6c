package dev.switchboard.app;

import dev.switchboard.logging.LogThrottle;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;

/** Turns driver failures into {@link AppException}s with a message a person can act on. */
public final class AppErrors {
  /** How long a store may take to answer one lookup before it counts as unavailable. */
  public static final long LOOKUP_TIMEOUT_MS = 5_000;
  private static final LogThrottle BAD_ROW_WARNINGS = new LogThrottle(Duration.ofSeconds(10));

  private AppErrors() {}

  /** The innermost useful message of {@code e}. */
  public static String describe(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t.getMessage() == null) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof TimeoutException) {
      return "no answer within " + LOOKUP_TIMEOUT_MS + " ms";
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /**
   * {@code f} bounded by the lookup timeout, its failures wrapped as {@link StoreUnavailableException}s that
   * name {@code store}; an {@link AppException} raised by the driver itself (a bad row) passes unchanged.
   */
  public static <T> Future<T> guard(Vertx vertx, String store, Future<T> f) {
    Promise<T> p = Promise.promise();
    long timer = vertx.setTimer(LOOKUP_TIMEOUT_MS, id -> p.tryFail(new TimeoutException()));
    f.onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        p.tryComplete(ar.result());
      } else {
        p.tryFail(ar.cause());
      }
    });
    return p.future().recover(e -> Future.failedFuture(
        e instanceof AppException ? e : unavailable(store, e)));
  }

  /**
   * Logs a failed app lookup for {@code what}: an outage at DEBUG (the store logs its start and end once, so
   * every refused request must not), anything else (a bad app row) at WARN, one line per 10 s at most.
   */
  public static void logLookupFailure(Logger log, String what, Throwable e) {
    if (e instanceof StoreUnavailableException) {
      log.debug("{}: {}", what, e.getMessage());
    } else if (BAD_ROW_WARNINGS.allow()) {
      log.warn("{}: {}", what, e.getMessage());
    } else {
      log.debug("{}: {}", what, e.getMessage());
    }
  }

  /** {@code e} as a {@link StoreUnavailableException} naming {@code store}, unless it already is one. */
  public static StoreUnavailableException unavailable(String store, Throwable e) {
    return e instanceof StoreUnavailableException u ? u
        : new StoreUnavailableException("app store " + store + ": " + describe(e), e);
  }
}
