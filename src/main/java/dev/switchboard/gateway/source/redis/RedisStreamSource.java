package dev.switchboard.gateway.source.redis;

import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.source.NotificationHandler;
import dev.switchboard.gateway.source.RunnerSource;
import dev.switchboard.gateway.source.SourceRunner.Outcome;
import dev.switchboard.gateway.source.SourceSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code redis_stream}: the group is created if missing (MKSTREAM, from the stream's end; BUSYGROUP means it
 * exists). A dedicated connection loops on XREADGROUP BLOCK for as many new entries as there are free slots
 * (delivery 1); a timer claims entries idle longer than {@code redelivery_delay_ms} (a failed one, or one of a
 * stopped or dead node) with XPENDING, which gives their delivery count, then XCLAIM; another timer resets the
 * idle time of the entries being handled here so nobody claims them meanwhile. When a read and a claim both
 * answer with entries, those beyond the free slots wait in a small backlog, so the bound holds. Success = XACK
 * only: other groups may read the same stream, and trimming it is the producer's MAXLEN.
 */
public final class RedisStreamSource extends RunnerSource<String> {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStreamSource.class);
  private static final long BLOCK_MS = 1000;
  private final Vertx vertx;
  private final RedisSourceSettings settings;
  private final String label;
  private Redis redis;
  private RedisConnection reader;
  private volatile boolean stopping;
  private boolean reading;
  /** Entries fetched beyond the free slots (a read and a claim answered at once); on the source's context. */
  private final ArrayDeque<Waiting> backlog = new ArrayDeque<>();
  private long claimTimer = -1;
  private long renewTimer = -1;

  private record Waiting(String id, String body, long deliveries) {}

  private RedisStreamSource(Vertx vertx, RedisSourceSettings settings, SourceSettings common) {
    super(vertx, common);
    this.vertx = vertx;
    this.settings = settings;
    this.label = common.key() + " (redis_stream " + settings.stream() + " on "
        + SinkConfig.redacted(settings.url().toString()) + ")";
  }

  /** See {@link RedisSourceSettings} for the fields. */
  public static RedisStreamSource create(Vertx vertx, SinkConfig c, SourceSettings common) {
    return new RedisStreamSource(vertx, RedisSourceSettings.from(c), common);
  }

  @Override
  public Future<Void> start(NotificationHandler handler) {
    redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(settings.url().toString())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2)
        .setNetClientOptions(new NetClientOptions().setConnectTimeout(5_000).setTcpNoDelay(true))
        .setMaxPoolSize(4).setMaxPoolWaiting(10_000));
    return createGroup().compose(v -> redis.connect())
        .recover(e -> Future.failedFuture(new IllegalStateException(label + ": cannot start: " + e.getMessage(), e)))
        .map(conn -> {
          reader = conn;
          long delay = runner.settings().redeliveryDelayMs();
          runner.start(handler).runOnContext(v -> {
            claimTimer = vertx.setPeriodic(Math.max(10, delay / 2), t -> claim());
            renewTimer = vertx.setPeriodic(Math.max(10, delay / 3), t -> renew());
            read();
          });
          return null;
        });
  }

  private Future<Void> createGroup() {
    return redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(settings.stream()).arg(settings.group())
        .arg("$").arg("MKSTREAM")).<Void>mapEmpty()
        .recover(e -> e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP") ? Future.succeededFuture()
            : Future.failedFuture(e));
  }

  /** On the source's context. */
  private void read() {
    int free = runner.free() - backlog.size();
    if (stopping || reading || free <= 0) {
      return;
    }
    reading = true;
    reader.send(Request.cmd(Command.XREADGROUP).arg("GROUP").arg(settings.group()).arg(settings.consumer())
        .arg("COUNT").arg(free).arg("BLOCK").arg(BLOCK_MS).arg("STREAMS").arg(settings.stream()).arg(">"))
        .onComplete(ar -> runner.context().runOnContext(v -> {
          if (ar.failed() && !stopping) {
            LOG.warn("{}: XREADGROUP failed, reconnecting in 1 s: {}", label, ar.cause().getMessage());
            reconnect();
            return;
          }
          reading = false;
          if (ar.succeeded() && ar.result() != null && !stopping) {
            for (Response stream : ar.result()) {
              stream.get(1).forEach(entry -> dispatch(entry, 1));
            }
          }
          read();
        }));
  }

  /** A failed read usually means a dead connection (Redis restarted): replace it. Keeps {@code reading} set. */
  private void reconnect() {
    reader.close();
    vertx.setTimer(1000, t -> createGroup().compose(v -> redis.connect()).onComplete(ar ->
        runner.context().runOnContext(v -> {
          if (ar.failed()) {
            LOG.warn("{}: reconnect failed: {}", label, ar.cause().getMessage());
            if (!stopping) {
              reconnect();
            }
            return;
          }
          reader = ar.result();
          reading = false;
          read();
        })));
  }

  /** Claims entries idle past the redelivery delay, with their delivery count (XPENDING's, plus this one). */
  private void claim() {
    int free = runner.free() - backlog.size();
    if (stopping || free <= 0) {
      return;
    }
    long idle = runner.settings().redeliveryDelayMs();
    redis.send(Request.cmd(Command.XPENDING).arg(settings.stream()).arg(settings.group()).arg("IDLE").arg(idle)
        .arg("-").arg("+").arg(free)).compose(pending -> {
          Map<String, Long> counts = new HashMap<>();
          Request claim = Request.cmd(Command.XCLAIM).arg(settings.stream()).arg(settings.group())
              .arg(settings.consumer()).arg(idle);
          for (Response p : pending) {
            String id = p.get(0).toString();
            if (!runner.running(id)) {
              counts.put(id, p.get(3).toLong() + 1);
              claim.arg(id);
            }
          }
          return counts.isEmpty() ? Future.succeededFuture() : redis.send(claim).map(claimed -> {
            runner.context().runOnContext(v -> claimed.forEach(entry ->
                dispatch(entry, counts.getOrDefault(entry.get(0).toString(), 2L))));
            return null;
          });
        }).onFailure(e -> LOG.warn("{}: claiming idle entries failed: {}", label, e.getMessage()));
  }

  /** Resets the idle time of the entries being handled here, so no other consumer claims them. */
  private void renew() {
    var ids = new HashSet<>(runner.inFlightIds());
    backlog.forEach(w -> ids.add(w.id()));
    if (stopping || ids.isEmpty()) {
      return;
    }
    Request r = Request.cmd(Command.XCLAIM).arg(settings.stream()).arg(settings.group()).arg(settings.consumer())
        .arg(0);
    ids.forEach(r::arg);
    redis.send(r.arg("JUSTID")).onFailure(e -> LOG.warn("{}: XCLAIM JUSTID failed: {}", label, e.getMessage()));
  }

  /** On the source's context. */
  private void dispatch(Response entry, long deliveries) {
    if (entry == null || entry.size() < 2 || entry.get(1) == null) {
      return; // deleted while pending
    }
    String id = entry.get(0).toString();
    if (runner.running(id) || backlog.stream().anyMatch(w -> w.id().equals(id))) {
      return;
    }
    String body = body(entry.get(1));
    if (body == null) {
      deadLetter(id, "", "no field " + settings.field() + " in the entry");
      return;
    }
    backlog.add(new Waiting(id, body, deliveries));
    drain();
  }

  /** Hands entries from the backlog to the handler while slots are free. On the source's context. */
  private void drain() {
    while (!backlog.isEmpty() && runner.free() > 0 && !stopping) {
      Waiting w = backlog.poll();
      runner.run(w.id(), w.id(), w.body(), w.deliveries(), o -> settle(w.id(), w.body(), o)).onComplete(ar -> {
        drain();
        read();
      });
    }
  }

  /** The {@code field} value, or the only field's value, or null. */
  private String body(Response fields) {
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (settings.field().equals(fields.get(i).toString())) {
        return fields.get(i + 1).toString();
      }
    }
    return fields.size() == 2 ? fields.get(1).toString() : null;
  }

  private void settle(String id, String body, Outcome o) {
    switch (o.verdict()) {
      case ACK -> runner.settling(ack(id)).onFailure(e -> LOG.warn("{}: XACK of {} failed, it will come again: {}",
          label, id, e.getMessage()));
      case RETRY -> { } // stays pending; claim() takes it once it was idle for the redelivery delay
      case DEAD_LETTER -> deadLetter(id, body, o.reason());
      default -> throw new IllegalStateException(o.verdict().name());
    }
  }

  private void deadLetter(String id, String body, String reason) {
    String dl = settings.deadLetter();
    Future<?> moved = dl == null ? Future.succeededFuture()
        : redis.send(Request.cmd(Command.XADD).arg(dl).arg("*").arg(settings.field()).arg(body)
            .arg("source_id").arg(id).arg("reason").arg(reason));
    runner.settling(moved.compose(x -> ack(id)))
        .onSuccess(x -> runner.deadLettered(id, reason, dl == null ? null : "redis stream " + dl))
        .onFailure(e -> LOG.warn("{}: could not dead-letter entry {}, it will come again: {}", label, id,
            e.getMessage()));
  }

  private Future<Response> ack(String id) {
    return redis.send(Request.cmd(Command.XACK).arg(settings.stream()).arg(settings.group()).arg(id));
  }

  /** Entries still being handled stay pending: another consumer claims them after the redelivery delay. */
  @Override
  protected Future<Void> halt() {
    stopping = true;
    if (redis == null) {
      return Future.succeededFuture();
    }
    vertx.cancelTimer(claimTimer);
    vertx.cancelTimer(renewTimer);
    return runner.close().compose(left -> runner.settled())
        .eventually(() -> reader == null ? Future.succeededFuture() : reader.close())
        .eventually(redis::close);
  }
}
