package dev.switchboard.webhook;

import dev.switchboard.app.App;
import dev.switchboard.app.AppStore;
import dev.switchboard.queue.Job;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One delivery attempt of a job: looks the app up (for its key, current secret and the job's target), signs
 * the body and sends it. It finishes the job (delivered, or dead-lettered when the receiver refused it for good
 * or the target is gone), or says why it is worth trying again (network error, timeout, 408, 429, 5xx, or an
 * app store that did not answer). The {@link WebhookWorker} decides when.
 */
final class WebhookDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  /** Its own logger, so operators can route dead letters to a file or an alert. */
  static final Logger DEAD = LoggerFactory.getLogger("switchboard.webhook.dead-letter");
  private final AppStore apps;
  private final AppTargets targets;
  private final WebhookTransport http;
  private final WebhookTransport lambda;
  private final AtomicLong finished = new AtomicLong();
  private final WebhookStats stats;
  private volatile WebhookObserver observer = WebhookObserver.NONE;

  /** Why an attempt failed in a way worth retrying, and where it went (for logs). */
  record Failure(String target, String why) {}

  WebhookDelivery(AppStore apps, AppTargets targets, WebhookTransport http, WebhookTransport lambda,
      WebhookStats stats) {
    this.stats = stats;
    this.apps = apps;
    this.targets = targets;
    this.http = http;
    this.lambda = lambda;
  }

  /** Sets who hears of each attempt's outcome. */
  void observer(WebhookObserver o) {
    this.observer = o;
  }

  /** The job in {@code job}; empty (after a dead-letter line) when it cannot be read. */
  Optional<WebhookJob> read(Job job) {
    try {
      return Optional.of(WebhookJob.fromBytes(job.payload()));
    } catch (WebhookException e) {
      DEAD.error("webhook dead-letter job_id={} reason=\"unreadable job: {}\" {}", job.id(), e.getMessage(),
          WebhookJob.loggable(job.payload()));
      finished.incrementAndGet();
      stats.deadLettered();
      return Optional.empty();
    }
  }

  /** Attempt number {@code attempt}: empty when the job is finished, else why it should be tried again. */
  Future<Optional<Failure>> attempt(WebhookJob job, int attempt) {
    return apps.findById(job.appId()).transform(ar -> {
      if (ar.failed()) {
        return Future.succeededFuture(Optional.of(new Failure("?", "the app store did not answer: "
            + ar.cause().getMessage())));
      }
      if (ar.result().isEmpty()) {
        return finish(deadLetter(job, "?", attempt - 1, "the app no longer exists"));
      }
      App app = ar.result().get();
      WebhookTarget target;
      try {
        target = job.resolve(targets.strict(app));
      } catch (WebhookException e) {
        return finish(deadLetter(job, "?", attempt - 1, "the app's webhooks are invalid: " + e.getMessage()));
      }
      if (target == null) {
        return finish(deadLetter(job, "?", attempt - 1, "the app no longer has this webhook target"));
      }
      return send(job, target, app, attempt);
    });
  }

  private Future<Optional<Failure>> send(WebhookJob job, WebhookTarget target, App app, int attempt) {
    WebhookTransport transport = target.url() != null ? http : lambda;
    return transport.send(target, app, job.bodyBytes()).andThen(ar -> {
      if (ar.succeeded()) {
        observer.attempted(app.id(), target.describe(), job.body(), attempt,
            ar.result().kind().name().toLowerCase(java.util.Locale.ROOT), ar.result().detail());
      }
    }).compose(o -> switch (o.kind()) {
      case DELIVERED -> {
        LOG.atDebug().addKeyValue("app_id", app.id())
            .log("webhook delivered to {} on attempt {}", target.describe(), attempt);
        finished.incrementAndGet();
        stats.delivered();
        yield Future.succeededFuture(Optional.empty());
      }
      case REJECTED -> finish(deadLetter(job, target.describe(), attempt, o.detail()));
      case RETRY -> Future.succeededFuture(Optional.of(new Failure(target.describe(), o.detail())));
    });
  }

  private static Future<Optional<Failure>> finish(Future<Void> f) {
    return f.map(v -> Optional.empty());
  }

  /** Writes the dead-letter line with the payload; the job is finished. */
  Future<Void> deadLetter(WebhookJob job, String target, int attempts, String reason) {
    DEAD.atError().addKeyValue("app_id", job.appId()).log("webhook dead-letter target={} attempts={} reason=\"{}\""
        + " payload={}", target, attempts, reason, job.body());
    finished.incrementAndGet();
    stats.deadLettered();
    return Future.succeededFuture();
  }

  WebhookStats stats() {
    return stats;
  }

  /** Jobs finished (delivered or dead-lettered). */
  long finished() {
    return finished.get();
  }
}
