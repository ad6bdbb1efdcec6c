package dev.switchboard.queue.redis;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobRunner;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker of a stream's consumer group. A dedicated connection runs the blocking XREADGROUP loop; when
 * it fails (Redis restarted, connection lost) the connection is replaced, with back-off, after making sure
 * the group still exists. Timers reclaim idle entries (XAUTOCLAIM) and refresh the entries this worker is
 * on (XCLAIM JUSTID).
 */
final class RedisStreamConsumer implements JobConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);
  private static final long BLOCK_MS = 1000;
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5000;
  private final RedisStreamJobQueue queue;
  private final String topic;
  private final String key;
  private final String name;
  /** The connection of the blocking reads; replaced on the runner's context after a failure. */
  private RedisConnection conn;
  private long backoffMs = MIN_BACKOFF_MS;
  private final JobRunner<String> runner;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;
  private boolean reading;
  private long claimTimer;
  private long leaseTimer;

  RedisStreamConsumer(RedisStreamJobQueue queue, String topic, String key, String name, RedisConnection conn,
      JobRunner<String> runner) {
    this.queue = queue;
    this.topic = topic;
    this.key = key;
    this.name = name;
    this.conn = conn;
    this.runner = runner;
  }

  void start() {
    long redelivery = queue.redeliveryMs();
    runner.context().runOnContext(v -> {
      claimTimer = queue.vertx().setPeriodic(Math.max(50, redelivery / 2), t -> claim());
      leaseTimer = queue.vertx().setPeriodic(Math.max(50, redelivery / 3), t -> renew());
      read();
    });
  }

  /** On the runner's context. */
  private void read() {
    int free = runner.free();
    if (stopping) {
      if (!reading) {
        conn.close().onComplete(ar -> stopped.tryComplete());
      }
      return;
    }
    if (reading || free == 0) {
      return;
    }
    reading = true;
    Request r = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(queue.group()).arg(name).arg("COUNT").arg(free)
        .arg("BLOCK").arg(BLOCK_MS).arg("STREAMS").arg(key).arg(">");
    conn.send(r).onComplete(ar -> {
      reading = false;
      if (ar.succeeded() && ar.result() != null && !stopping) {
        for (Response stream : ar.result()) {
          dispatchAll(stream.get(1));
        }
      } else if (ar.failed() && !stopping) {
        LOG.atWarn().addKeyValue("retry_in_ms", backoffMs).log("redis queue {}: XREADGROUP failed ({}); reconnecting"
            + " in {} ms", key, ar.cause().getMessage(), backoffMs);
        reconnect();
        return;
      }
      backoffMs = MIN_BACKOFF_MS;
      read();
    });
  }

  /**
   * Replaces the read connection: a failed XREADGROUP usually means the connection is dead (retrying on it
   * would fail forever after a Redis restart). On the runner's context; {@code reading} stays true until a
   * new connection is up so nothing else reads meanwhile.
   */
  private void reconnect() {
    reading = true;
    conn.close();
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    queue.vertx().setTimer(delay, t -> runner.context().runOnContext(v -> {
      if (stopping) {
        // stop() came during the back-off: no group check and new connection only to close them
        resume();
      } else {
        queue.readConnection(key).onComplete(ar -> runner.context().runOnContext(w -> reconnected(ar)));
      }
    }));
  }

  /** On the runner's context. */
  private void reconnected(AsyncResult<RedisConnection> ar) {
    if (ar.failed()) {
      LOG.atWarn().addKeyValue("retry_in_ms", backoffMs)
          .log("redis queue {}: reconnect failed ({}); retrying in {} ms", key, ar.cause().getMessage(), backoffMs);
      if (!stopping) {
        reconnect();
        return;
      }
    } else {
      conn = ar.result();
      if (!stopping) {
        LOG.info("redis queue {}: reading again on a new connection", key);
      }
    }
    resume();
  }

  /** Ends the reconnect: reads again, or (when stopping) closes the connection. On the runner's context. */
  private void resume() {
    reading = false;
    read();
  }

  private void claim() {
    int free = runner.free();
    if (stopping || free == 0) {
      return;
    }
    Request r = Request.cmd(Command.XAUTOCLAIM).arg(key).arg(queue.group()).arg(name).arg(queue.redeliveryMs())
        .arg("0-0").arg("COUNT").arg(free);
    queue.send(r).onComplete(ar -> {
      if (ar.succeeded()) {
        dispatchAll(ar.result().get(1));
      } else {
        LOG.warn("redis queue {}: XAUTOCLAIM failed: {}", key, ar.cause().getMessage());
      }
    });
  }

  /** Resets the idle time of the entries still being worked on, so no other worker claims them. */
  private void renew() {
    Set<String> ids = runner.inFlight();
    if (stopping || ids.isEmpty()) {
      return;
    }
    Request r = Request.cmd(Command.XCLAIM).arg(key).arg(queue.group()).arg(name).arg(0);
    ids.forEach(r::arg);
    r.arg("JUSTID");
    queue.send(r).onFailure(e -> LOG.warn("redis queue {}: XCLAIM failed: {}", key, e.getMessage()));
  }

  private void dispatchAll(Response entries) {
    if (entries == null) {
      return;
    }
    for (Response entry : entries) {
      if (entry == null || entry.type() != ResponseType.MULTI || entry.get(1) == null) {
        continue; // deleted while pending
      }
      dispatch(entry.get(0).toString(), payload(entry.get(1)));
    }
  }

  private static byte[] payload(Response fields) {
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if (RedisStreamJobQueue.FIELD.equals(fields.get(i).toString())) {
        return fields.get(i + 1).toBytes();
      }
    }
    return "".getBytes(StandardCharsets.UTF_8);
  }

  private void dispatch(String id, byte[] payload) {
    if (runner.inFlight().contains(id)) {
      return; // already ours and running
    }
    runner.run(id, new Job(topic, id, payload, 1)).onComplete(ar -> {
      if (ar.succeeded() && !stopping) {
        runner.settling(queue.send(Request.cmd(Command.XACK).arg(key).arg(queue.group()).arg(id))
            .compose(v -> queue.send(Request.cmd(Command.XDEL).arg(key).arg(id))))
            .onFailure(e -> LOG.warn("redis queue {}: ack of {} failed: {}", key, id, e.getMessage()));
      }
      runner.context().runOnContext(v -> read());
    });
  }

  @Override
  public Future<Void> stop() {
    runner.context().runOnContext(v -> {
      if (!stopping) {
        stopping = true;
        queue.vertx().cancelTimer(claimTimer);
        queue.vertx().cancelTimer(leaseTimer);
        queue.removed(this);
        read();
      }
    });
    return stopped.future().compose(v -> runner.settled());
  }
}
