package dev.switchboard.queue.redis;

import dev.switchboard.config.RedisSettings;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobHandler;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobRunner;
import dev.switchboard.queue.QueueConfig;
import dev.switchboard.queue.QueueException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Redis streams with a consumer group; see the package doc for how jobs move. */
public final class RedisStreamJobQueue implements JobQueue {
  static final String FIELD = "d";
  private final Vertx vertx;
  private final QueueConfig config;
  private final RedisQueueSettings settings;
  private final Redis redis;
  private final List<RedisStreamConsumer> consumers = new CopyOnWriteArrayList<>();

  private RedisStreamJobQueue(Vertx vertx, QueueConfig config, RedisQueueSettings settings, Redis redis) {
    this.vertx = vertx;
    this.config = config;
    this.settings = settings;
    this.redis = redis;
  }

  /** Connects and checks the server answers; fails with a {@link QueueException} otherwise. */
  public static Future<JobQueue> connect(Vertx vertx, QueueConfig config) {
    RedisQueueSettings s = RedisQueueSettings.from(config.tree());
    Redis redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(s.url())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2)
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(10_000)
        .setMaxWaitingHandlers(100_000));
    RedisStreamJobQueue q = new RedisStreamJobQueue(vertx, config, s, redis);
    return redis.send(Request.cmd(Command.PING))
        .<JobQueue>map(r -> q)
        .recover(e -> {
          redis.close();
          return Future.failedFuture(new QueueException("redis queue: cannot reach "
              + RedisSettings.redacted(s.url()) + ": " + e.getMessage(), e));
        });
  }

  String stream(String topic) {
    return config.prefix() + ":queue:" + QueueConfig.checkTopic(topic);
  }

  String group() {
    return config.prefix() + "-workers";
  }

  Future<Response> send(Request r) {
    return redis.send(r);
  }

  @Override
  public Future<Void> publish(String topic, byte[] payload) {
    return redis.send(Request.cmd(Command.XADD).arg(stream(topic)).arg("*").arg(FIELD).arg(payload))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new QueueException("redis queue: XADD failed: " + e.getMessage(), e)));
  }

  @Override
  public Future<JobConsumer> consume(String topic, JobHandler handler) {
    String key = stream(topic);
    return readConnection(key)
        .map(conn -> {
          RedisStreamConsumer c = new RedisStreamConsumer(this, topic, key, settings.consumer(), conn,
              new JobRunner<>(vertx.getOrCreateContext(), handler, config.concurrency()));
          consumers.add(c);
          c.start();
          return (JobConsumer) c;
        })
        .recover(e -> Future.failedFuture(new QueueException("redis queue: cannot consume " + key + ": "
            + e.getMessage(), e)));
  }

  /**
   * Makes sure the stream and its consumer group exist (again, after a Redis restart without persistence
   * lost them; the group starts at 0 so jobs published meanwhile are read), then opens a dedicated
   * connection for a consumer's blocking reads.
   */
  Future<RedisConnection> readConnection(String key) {
    Request create = Request.cmd(Command.XGROUP).arg("CREATE").arg(key).arg(group()).arg("0").arg("MKSTREAM");
    return redis.send(create)
        .recover(e -> e.getMessage() != null && e.getMessage().startsWith("BUSYGROUP")
            ? Future.succeededFuture() : Future.failedFuture(e))
        .compose(v -> redis.connect());
  }

  Vertx vertx() {
    return vertx;
  }

  long redeliveryMs() {
    return config.redeliveryMs();
  }

  void removed(RedisStreamConsumer c) {
    consumers.remove(c);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.all(consumers.stream().map(RedisStreamConsumer::stop).toList())
        .eventually(() -> {
          redis.close();
          return Future.succeededFuture();
        })
        .mapEmpty();
  }
}
