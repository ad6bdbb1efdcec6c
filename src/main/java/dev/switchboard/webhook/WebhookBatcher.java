package dev.switchboard.webhook;

import dev.switchboard.app.App;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Gathers each app's events for {@code webhooks.batching.duration} (or up to the max batch size), then turns
 * the batch into one job per target that accepts any of its events. Within one window a newer
 * subscription_count of a channel replaces the older one. A job larger than {@code webhooks.max_job_bytes} is
 * split in halves until each part fits, so no queue refuses it for its size; a single event too large on its
 * own is dead-lettered. Thread-safe; holds its lock only to move events.
 */
final class WebhookBatcher {
  private final Vertx vertx;
  private final WebhookConfig config;
  private final Function<App, List<WebhookTarget>> targets;
  private final Consumer<WebhookJob> sink;
  private final Map<String, Batch> batches = new HashMap<>();

  private static final class Batch {
    App app;
    final List<WebhookEvent> events = new ArrayList<>();
    long timer = -1;
  }

  WebhookBatcher(Vertx vertx, WebhookConfig config, Function<App, List<WebhookTarget>> targets,
      Consumer<WebhookJob> sink) {
    this.vertx = vertx;
    this.config = config;
    this.targets = targets;
    this.sink = sink;
  }

  void add(App app, WebhookEvent e) {
    if (!config.batching()) {
      send(app, List.of(e));
      return;
    }
    Batch full = null;
    synchronized (this) {
      Batch b = batches.computeIfAbsent(app.id(), k -> new Batch());
      b.app = app;
      if (e.name().equals(WebhookEvent.SUBSCRIPTION_COUNT)) {
        b.events.removeIf(x -> x.name().equals(WebhookEvent.SUBSCRIPTION_COUNT) && x.channel().equals(e.channel()));
      }
      b.events.add(e);
      if (b.events.size() >= config.maxBatchSize()) {
        full = take(app.id());
      } else if (b.timer < 0) {
        b.timer = vertx.setTimer(config.batchDurationMs(), t -> flush(app.id()));
      }
    }
    if (full != null) {
      send(full.app, full.events);
    }
  }

  /** Removes the app's batch; under the lock. */
  private Batch take(String appId) {
    Batch b = batches.remove(appId);
    if (b != null && b.timer >= 0) {
      vertx.cancelTimer(b.timer);
    }
    return b;
  }

  private void flush(String appId) {
    Batch b;
    synchronized (this) {
      b = take(appId);
    }
    if (b != null) {
      send(b.app, b.events);
    }
  }

  /** Sends every open batch now (shutdown). */
  void flushAll() {
    List<String> ids;
    synchronized (this) {
      ids = List.copyOf(batches.keySet());
    }
    ids.forEach(this::flush);
  }

  private void send(App app, List<WebhookEvent> events) {
    long now = System.currentTimeMillis();
    List<WebhookTarget> ts = targets.apply(app);
    for (int i = 0; i < ts.size(); i++) {
      WebhookTarget t = ts.get(i);
      List<WebhookEvent> mine = events.stream().filter(t::accepts).toList();
      if (!mine.isEmpty()) {
        emit(app, i, t, now, mine);
      }
    }
  }

  private void emit(App app, int index, WebhookTarget t, long now, List<WebhookEvent> events) {
    String body = new String(WebhookBody.encode(now, events), StandardCharsets.UTF_8);
    WebhookJob job = WebhookJob.of(app.id(), index, t, body);
    int bytes = job.toBytes().length;
    if (bytes <= config.maxJobBytes()) {
      sink.accept(job);
    } else if (events.size() == 1) {
      WebhookDelivery.DEAD.atError().addKeyValue("app_id", app.id()).addKeyValue("job_bytes", bytes)
          .log("webhook dead-letter target={} attempts=0 reason=\"one event makes a job of {} bytes, over"
          + " webhooks.max_job_bytes={}\" payload={}", t.describe(), bytes, config.maxJobBytes(), body);
    } else {
      int half = events.size() / 2;
      emit(app, index, t, now, events.subList(0, half));
      emit(app, index, t, now, events.subList(half, events.size()));
    }
  }
}
