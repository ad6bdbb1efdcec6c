package dev.switchboard.webhook;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes webhook jobs in two areas, so that receivers that are down cannot take the queue slots every app
 * shares. {@link #fresh()} (topic {@value Webhooks#TOPIC}) makes one attempt per job; a job that must be
 * retried is moved to the retry area ({@link #retries()}, topic {@value Webhooks#RETRY_TOPIC}) with its retry
 * state, and the fresh slot is free again. A target whose requests are under way in {@code perTarget} fresh
 * slots already gets its further jobs moved to the retry area unattempted, so one slow receiver cannot hold
 * every fresh slot either. The retry area waits out each job's backoff and tries again until the
 * {@link RetryPolicy} budget (counted from the first attempt) runs out, then writes one dead-letter line.
 *
 * <p>A job is left unacknowledged (the queue delivers it again, here or on another node) only when it cannot
 * be moved to the retry area or this node is shutting down.
 */
final class WebhookWorker {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);
  private final Vertx vertx;
  private final RetryPolicy retry;
  private final WebhookDelivery delivery;
  private final Function<WebhookJob, Future<Void>> retryArea;
  private final int perTarget;
  private final ConcurrentHashMap<String, Integer> busy = new ConcurrentHashMap<>();
  private final AtomicInteger active = new AtomicInteger();
  /** Completed by {@link #closing()}: wakes jobs waiting for their next attempt. */
  private final Promise<Void> closed = Promise.promise();

  /**
   * @param retryArea publishes a job to the retry topic
   * @param perTarget how many fresh slots one target's requests may hold at once
   */
  WebhookWorker(Vertx vertx, RetryPolicy retry, WebhookDelivery delivery,
      Function<WebhookJob, Future<Void>> retryArea, int perTarget) {
    this.vertx = vertx;
    this.retry = retry;
    this.delivery = delivery;
    this.retryArea = retryArea;
    this.perTarget = perTarget;
  }

  /** The handler of new jobs: one attempt each. */
  JobHandler fresh() {
    return job -> run(job, this::first);
  }

  /** The handler of jobs to retry: waits for each attempt's time, tries until the budget runs out. */
  JobHandler retries() {
    return job -> run(job, wj -> untilDue(wj.notBeforeMs()).compose(v -> again(wj)));
  }

  private Future<Void> run(Job job, Function<WebhookJob, Future<Void>> how) {
    if (isClosing()) {
      return shuttingDown();
    }
    Optional<WebhookJob> wj = delivery.read(job);
    if (wj.isEmpty()) {
      return Future.succeededFuture();
    }
    active.incrementAndGet();
    return how.apply(wj.get()).andThen(ar -> active.decrementAndGet());
  }

  private Future<Void> first(WebhookJob job) {
    String target = job.targetId();
    if (busy.merge(target, 1, Integer::sum) > perTarget) {
      release(target);
      LOG.atDebug().addKeyValue("app_id", job.appId())
          .log("webhook target busy in {} slots; job moved to the retry area", perTarget);
      return retryArea.apply(job);
    }
    long now = System.currentTimeMillis();
    return delivery.attempt(job, 1).andThen(ar -> release(target))
        .compose(failed -> failed.isEmpty() ? Future.succeededFuture() : afterFailure(job, 1, now, failed.get(),
            delay -> retryArea.apply(job.retry(1, now, System.currentTimeMillis() + delay))));
  }

  private void release(String target) {
    busy.computeIfPresent(target, (k, n) -> n <= 1 ? null : n - 1);
  }

  private Future<Void> again(WebhookJob job) {
    if (isClosing()) {
      return shuttingDown();
    }
    int attempt = job.attempts() + 1;
    long first = job.firstMs() > 0 ? job.firstMs() : System.currentTimeMillis();
    return delivery.attempt(job, attempt).compose(failed -> failed.isEmpty() ? Future.succeededFuture()
        : afterFailure(job, attempt, first, failed.get(), delay -> untilDue(System.currentTimeMillis() + delay)
            .compose(v -> again(job.retry(attempt, first, 0)))));
  }

  /**
   * After failed attempt {@code attempt}: dead-letters when the budget allows no retry, else logs it and
   * goes on with {@code next} (given the delay in ms before the next attempt).
   */
  private Future<Void> afterFailure(WebhookJob job, int attempt, long first, WebhookDelivery.Failure f,
      LongFunction<Future<Void>> next) {
    long delay = retry.delay(attempt);
    if (retry.exhausted(first, System.currentTimeMillis(), delay)) {
      return giveUp(job, attempt, f);
    }
    LOG.atInfo().addKeyValue("app_id", job.appId()).addKeyValue("retry_in_ms", delay)
        .log("webhook to {} failed ({}), attempt {} retries in {} ms", f.target(), f.why(), attempt, delay);
    delivery.stats().retried();
    return next.apply(delay);
  }

  private Future<Void> giveUp(WebhookJob job, int attempt, WebhookDelivery.Failure f) {
    return delivery.deadLetter(job, f.target(), attempt, "gave up after " + attempt + " attempts: " + f.why());
  }

  /** Completes at {@code atMs}, or fails at once when this node starts shutting down. */
  private Future<Void> untilDue(long atMs) {
    long wait = atMs - System.currentTimeMillis();
    if (wait <= 0) {
      return Future.succeededFuture();
    }
    return Future.any(vertx.timer(wait), closed.future())
        .compose(t -> isClosing() ? shuttingDown() : Future.succeededFuture());
  }

  private static Future<Void> shuttingDown() {
    // left unacknowledged for a worker that stays
    return Future.failedFuture(new WebhookException("shutting down; the queue delivers it again"));
  }

  /** Jobs finished (delivered or dead-lettered) by this worker. */
  long finished() {
    return delivery.finished();
  }

  /** Jobs being delivered now (including ones waiting for their next attempt). */
  int active() {
    return active.get();
  }

  /**
   * Stops retrying: jobs waiting for their next attempt are handed back to the queue at once; requests
   * under way finish (and are acknowledged when they succeed).
   */
  void closing() {
    closed.tryComplete();
  }

  private boolean isClosing() {
    return closed.future().isComplete();
  }
}
