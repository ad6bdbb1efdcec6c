package dev.switchboard.webhook;

import dev.switchboard.app.App;
import dev.switchboard.app.AppStore;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.core.ChannelActivity;
import dev.switchboard.core.Hub;
import dev.switchboard.core.HubListener;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobQueues;
import dev.switchboard.queue.QueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks for one node: the {@link HubListener} that collects events, the batcher, the queue they go
 * through (topic {@value #TOPIC}, and {@value #RETRY_TOPIC} for retries) and the worker that consumes them.
 * Every node is a worker; with a shared queue backend a job published on one node may be delivered by another.
 */
public final class Webhooks {
  public static final String TOPIC = "webhooks";
  /** Jobs whose first attempt failed wait here, so they hold none of the slots new jobs need. */
  public static final String RETRY_TOPIC = "webhooks-retry";
  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);
  private final Vertx vertx;
  private final ServerConfig server;
  private final QueueConfig queueConfig;
  private final WebhookConfig config;
  private final WebhookEmitter emitter;
  private final WebhookBatcher batcher;
  private final WebhookWorker worker;
  private final WebhookDelivery delivery;
  private final HttpWebhookTransport http;
  private final LambdaWebhookTransport lambda;
  private final Promise<JobQueue> queue = Promise.promise();
  private final AtomicLong submitted = new AtomicLong();
  private final WebhookStats stats = new WebhookStats();
  private final AtomicLong publishing = new AtomicLong();
  private final List<JobConsumer> consumers = new CopyOnWriteArrayList<>();

  public Webhooks(Vertx vertx, ServerConfig server, AppStore apps) {
    this(vertx, server, apps, WebhookGate.LOCAL);
  }

  /** Checks the webhooks of the configured apps and the queue settings; throws {@link ConfigException}. */
  public Webhooks(Vertx vertx, ServerConfig server, AppStore apps, WebhookGate gate) {
    this.vertx = vertx;
    this.server = server;
    this.queueConfig = QueueConfig.from(server.tree());
    this.config = WebhookConfig.from(server.tree());
    for (App app : server.apps()) {
      try {
        WebhookTargets.parse(app.webhooks());
      } catch (WebhookException e) {
        throw new ConfigException("invalid config app " + app.id() + ": " + e.getMessage());
      }
    }
    this.http = new HttpWebhookTransport(vertx, config.timeoutMs());
    this.lambda = new LambdaWebhookTransport(vertx, config.timeoutMs());
    AppTargets targets = new AppTargets();
    this.delivery = new WebhookDelivery(apps, targets, http, lambda, stats);
    this.worker = new WebhookWorker(vertx, RetryPolicy.of(config), delivery,
        job -> queue.future().compose(q -> q.publish(RETRY_TOPIC, job.toBytes())),
        Math.max(1, queueConfig.concurrency() / 4));
    this.batcher = new WebhookBatcher(vertx, config, targets::lenient, this::submit);
    this.emitter = new WebhookEmitter(batcher, targets, apps, gate, config.clientEventDataObject());
  }

  /** This node's webhook counters, for {@code /metrics}. */
  public WebhookStats stats() {
    return stats;
  }

  /** Feeds the core's client events and cache misses in; pass it to the hub (next to the dialects' listeners). */
  public HubListener listener() {
    return emitter;
  }

  /** Feeds the core's cluster-wide channel and member transitions in; pass it to {@link Hub#activity}. */
  public ChannelActivity activity() {
    return emitter;
  }

  /** Sets who hears of every delivery attempt on this node (the web console); any time. */
  public void observe(WebhookObserver o) {
    delivery.observer(o);
  }

  /** In a cluster: channel and member events are emitted only where {@code owns(appId, channel)}. */
  public void ownedBy(BiPredicate<String, String> owns) {
    emitter.gate(WebhookGate.owner(owns));
  }

  /** Connects the queue and starts this node's worker; fails when the queue backend cannot be reached. */
  public Future<Void> start() {
    return JobQueues.create(vertx, queueConfig)
        .compose(q -> q.consume(TOPIC, worker.fresh()).onSuccess(consumers::add)
            .compose(c -> q.consume(RETRY_TOPIC, worker.retries())).map(c -> {
          consumers.add(c);
          queue.complete(q);
          LOG.info("webhooks: queue {} ({}), batching {}", queueConfig.driver(), q.durable() ? "durable" : "in memory",
              config.batching() ? config.batchDurationMs() + " ms" : "off");
          return (Void) null;
        }).recover(e -> q.close().transform(v -> Future.failedFuture(e))));
  }

  private void submit(WebhookJob job) {
    submitted.incrementAndGet();
    stats.queued();
    publishing.incrementAndGet();
    publish(job, System.currentTimeMillis(), 1).onComplete(ar -> publishing.decrementAndGet());
  }

  /** Publishing is retried too: an event is lost only when the queue stays unreachable past the budget. */
  private Future<Void> publish(WebhookJob job, long startMs, int attempt) {
    return queue.future().compose(q -> q.publish(TOPIC, job.toBytes())).recover(e -> {
      long delay = RetryPolicy.of(config).delay(attempt);
      if (RetryPolicy.of(config).exhausted(startMs, System.currentTimeMillis(), delay)) {
        WebhookDelivery.DEAD.atError().addKeyValue("app_id", job.appId())
            .log("webhook dead-letter reason=\"queue unavailable: {}\" payload={}", e.getMessage(), job.body());
        stats.deadLettered();
        return Future.succeededFuture();
      }
      LOG.atWarn().addKeyValue("app_id", job.appId()).addKeyValue("retry_in_ms", delay)
          .log("webhook job not queued ({}), retrying in {} ms", e.getMessage(), delay);
      return vertx.timer(delay).compose(t -> publish(job, startMs, attempt + 1));
    });
  }

  /**
   * Sends open batches, waits for them to be queued and, with a queue that is not durable, for this node's
   * worker to finish them; then stops retrying and lets the deliveries under way finish, so the queue
   * acknowledges those that succeeded and does not send them again after a restart (all of it within the
   * shutdown grace period); then stops the worker and the queue.
   */
  public Future<Void> close() {
    batcher.flushAll();
    long deadline = System.currentTimeMillis() + Math.max(100, server.shutdownGraceMs());
    return until(deadline, () -> publishing.get() == 0 && (queue.future().result() != null
        && queue.future().result().durable() || worker.finished() >= submitted.get()))
        .compose(v -> {
          worker.closing();
          return until(deadline, () -> worker.active() == 0);
        })
        .compose(v -> Future.all(consumers.stream().map(JobConsumer::stop).toList()).<Void>mapEmpty())
        .compose(v -> queue.future().isComplete() ? queue.future().result().close() : Future.succeededFuture())
        .eventually(http::close)
        .eventually(lambda::close);
  }

  /** Completes when {@code done} holds (checked every 20 ms) or at {@code deadline}. */
  private Future<Void> until(long deadline, BooleanSupplier done) {
    Promise<Void> p = Promise.promise();
    vertx.setPeriodic(20, id -> {
      if (done.getAsBoolean() || System.currentTimeMillis() >= deadline) {
        vertx.cancelTimer(id);
        p.tryComplete();
      }
    });
    return p.future();
  }
}
