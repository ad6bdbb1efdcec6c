package dev.switchboard.webhook;

import dev.switchboard.app.App;
import dev.switchboard.app.AppStore;
import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one queued webhook job: looks the app up (for its key, current secret and the job's target),
 * signs the body and sends it, retrying per the {@link RetryPolicy}. The job is acknowledged when the
 * receiver took it, refused it for good, or the retry budget ran out (or the target is gone); those write
 * one dead-letter log line with the payload.
 * It is left unacknowledged (so the queue delivers it again, here or on another node) when the app store
 * cannot answer or this node is shutting down.
 */
final class WebhookWorker implements JobHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookWorker.class);
  /** Its own logger, so operators can route dead letters to a file or an alert. */
  private static final Logger DEAD = LoggerFactory.getLogger("switchboard.webhook.dead-letter");
  private final Vertx vertx;
  private final AppStore apps;
  private final RetryPolicy retry;
  private final WebhookTransport http;
  private final WebhookTransport lambda;
  private final AtomicLong finished = new AtomicLong();
  private final AtomicInteger active = new AtomicInteger();
  /** Completed by {@link #closing()}: wakes jobs waiting for their next attempt. */
  private final Promise<Void> closed = Promise.promise();
  private volatile boolean closing;

  WebhookWorker(Vertx vertx, AppStore apps, RetryPolicy retry, WebhookTransport http, WebhookTransport lambda) {
    this.vertx = vertx;
    this.apps = apps;
    this.retry = retry;
    this.http = http;
    this.lambda = lambda;
  }

  @Override
  public Future<Void> handle(Job job) {
    if (closing) {
      // taken while this node shuts down: left unacknowledged for a worker that stays
      return Future.failedFuture(new WebhookException("shutting down; the queue delivers it again"));
    }
    active.incrementAndGet();
    return deliver(job).andThen(ar -> active.decrementAndGet());
  }

  private Future<Void> deliver(Job job) {
    WebhookJob wj;
    try {
      wj = WebhookJob.fromBytes(job.payload());
    } catch (WebhookException e) {
      DEAD.error("webhook dead-letter job_id={} reason=\"unreadable job: {}\" {}", job.id(), e.getMessage(),
          WebhookJob.loggable(job.payload()));
      return done();
    }
    return apps.findById(wj.appId()).compose(app -> {
      if (app.isEmpty()) {
        return deadLetter(wj, "?", 0, "the app no longer exists");
      }
      WebhookTarget target;
      try {
        target = wj.resolve(WebhookTargets.parse(app.get().webhooks()));
      } catch (WebhookException e) {
        return deadLetter(wj, "?", 0, "the app's webhooks are invalid: " + e.getMessage());
      }
      if (target == null) {
        return deadLetter(wj, "?", 0, "the app no longer has this webhook target");
      }
      return attempt(wj, target, app.get(), 1, System.currentTimeMillis());
    });
  }

  private Future<Void> attempt(WebhookJob job, WebhookTarget target, App app, int attempt, long startMs) {
    WebhookTransport transport = target.url() != null ? http : lambda;
    return transport.send(target, app, job.bodyBytes()).compose(o -> switch (o.kind()) {
      case DELIVERED -> {
        LOG.debug("app_id={} webhook delivered to {} on attempt {}", app.id(), target.describe(), attempt);
        yield done();
      }
      case REJECTED -> deadLetter(job, target.describe(), attempt, o.detail());
      case RETRY -> {
        long delay = retry.delay(attempt);
        if (retry.exhausted(startMs, System.currentTimeMillis(), delay)) {
          yield deadLetter(job, target.describe(), attempt, "gave up after " + attempt + " attempts: "
              + o.detail());
        }
        if (closing) {
          yield Future.failedFuture(new WebhookException("shutting down; the queue delivers it again"));
        }
        LOG.info("app_id={} webhook to {} failed ({}), attempt {} retries in {} ms", app.id(), target.describe(),
            o.detail(), attempt, delay);
        yield Future.any(vertx.timer(delay), closed.future()).compose(t -> closing
            ? Future.failedFuture(new WebhookException("shutting down; the queue delivers it again"))
            : attempt(job, target, app, attempt + 1, startMs));
      }
    });
  }

  private Future<Void> deadLetter(WebhookJob job, String target, int attempts, String reason) {
    DEAD.error("webhook dead-letter app_id={} target={} attempts={} reason=\"{}\" payload={}", job.appId(),
        target, attempts, reason, job.body());
    return done();
  }

  private Future<Void> done() {
    finished.incrementAndGet();
    return Future.succeededFuture();
  }

  /** Jobs finished (delivered or dead-lettered) by this worker. */
  long finished() {
    return finished.get();
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
    closing = true;
    closed.tryComplete();
  }
}
