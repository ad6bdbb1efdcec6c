package dev.switchboard.queue.nats;

import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobHandler;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobRunner;
import dev.switchboard.queue.QueueConfig;
import dev.switchboard.queue.QueueException;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import dev.switchboard.logging.LogSafe;
import dev.switchboard.nats.JetStreamRepair;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** JetStream work queues; see the package doc. */
public final class NatsJetStreamJobQueue implements JobQueue {
  /** JetStream's "stream name already in use" API error: the stream exists, which is what we want. */
  private static final int STREAM_NAME_IN_USE = 10058;
  private final Vertx vertx;
  private final QueueConfig config;
  private final WorkerExecutor blocking;
  private final Connection nc;
  private final JetStream js;
  private final JetStreamManagement jsm;
  /** Topics whose stream this process has declared. */
  private final Set<String> topics = ConcurrentHashMap.newKeySet();
  private final List<NatsConsumer> consumers = new CopyOnWriteArrayList<>();
  private final JetStreamRepair repair;

  private NatsJetStreamJobQueue(Vertx vertx, QueueConfig config, WorkerExecutor blocking, Connection nc,
      JetStreamRepair repair) throws IOException {
    this.vertx = vertx;
    this.config = config;
    this.blocking = blocking;
    this.nc = nc;
    this.js = nc.jetStream();
    this.jsm = nc.jetStreamManagement();
    this.repair = repair;
    repair.declareWith(() -> blocking(this::declareAgain));
  }

  /** Connects to {@code queue.nats.servers} (comma-separated or a JSON array) on a worker thread. */
  public static Future<JobQueue> connect(Vertx vertx, QueueConfig config) {
    String[] servers = servers(config);
    WorkerExecutor blocking = vertx.createSharedWorkerExecutor("switchboard-nats", 4);
    JetStreamRepair repair = new JetStreamRepair(vertx, "nats queue");
    return blocking.<JobQueue>executeBlocking(() -> {
      Options o = new Options.Builder().servers(servers).connectionName("switchboard").maxReconnects(-1)
          .connectionTimeout(Duration.ofSeconds(5)).connectionListener(repair.listener()).build();
      return new NatsJetStreamJobQueue(vertx, config, blocking, Nats.connect(o), repair);
    }, false).recover(e -> {
      blocking.close();
      // jnats names the servers, credentials included, in its message: masked, and the cause not kept
      return Future.failedFuture(new QueueException("nats queue: cannot connect to "
          + LogSafe.url(String.join(",", servers)) + ": " + LogSafe.url(e.getMessage())));
    });
  }

  private static String[] servers(QueueConfig config) {
    var node = config.tree().node("queue.nats.servers");
    if (node != null && node.isArray()) {
      String[] out = new String[node.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = node.get(i).asText();
      }
      return out;
    }
    return config.tree().string("queue.nats.servers", "nats://127.0.0.1:4222").split("\\s*,\\s*");
  }

  String stream(String topic) {
    return config.prefix() + "_" + QueueConfig.checkTopic(topic);
  }

  String subject(String topic) {
    return config.prefix() + ".queue." + QueueConfig.checkTopic(topic);
  }

  /** Creates the topic's stream once per process (and again by {@link #declareAgain}); on a worker thread. */
  void ensureStream(String topic) throws IOException, JetStreamApiException {
    if (!topics.contains(topic)) {
      declareStream(topic);
      topics.add(topic);
    }
  }

  private void declareStream(String topic) throws IOException, JetStreamApiException {
    try {
      jsm.addStream(StreamConfiguration.builder().name(stream(topic)).subjects(subject(topic))
          .retentionPolicy(RetentionPolicy.WorkQueue).storageType(StorageType.File).build());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw e;
      }
    }
  }

  private void declareConsumer(String topic) throws IOException, JetStreamApiException {
    jsm.addOrUpdateConsumer(stream(topic), ConsumerConfiguration.builder().durable(durableName())
        .filterSubject(subject(topic)).ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofMillis(config.redeliveryMs()))
        .maxAckPending(-1).build());
  }

  private String durableName() {
    return config.prefix() + "-workers";
  }

  /**
   * The server lost them (restarted without its store): every stream and consumer of this process again, so
   * publishes are accepted and the consumers' pull subscriptions, bound by name, are served again.
   */
  private Void declareAgain() throws IOException, JetStreamApiException {
    for (String topic : topics) {
      declareStream(topic);
    }
    for (NatsConsumer c : consumers) {
      declareConsumer(c.topic());
    }
    return null;
  }

  <T> Future<T> blocking(Callable<T> call) {
    return blocking.executeBlocking(call, false);
  }

  @Override
  public Future<Void> publish(String topic, byte[] payload) {
    // a stream lost by the server: declared again, then this one publish once more (the caller retries the rest)
    return send(topic, payload)
        .recover(e -> JetStreamRepair.lost(e)
            ? repair.repair("publish: " + e.getMessage()).transform(ar -> send(topic, payload))
            : Future.failedFuture(e))
        .recover(e -> Future.failedFuture(new QueueException("nats queue: publish failed: " + e.getMessage(), e)));
  }

  private Future<Void> send(String topic, byte[] payload) {
    return blocking(() -> {
      ensureStream(topic);
      return js.publishAsync(subject(topic), payload);
    }).compose(cf -> Future.fromCompletionStage(cf)).mapEmpty();
  }

  @Override
  public Future<JobConsumer> consume(String topic, JobHandler handler) {
    JobRunner<io.nats.client.Message> runner = new JobRunner<>(vertx.getOrCreateContext(), handler,
        config.concurrency());
    return blocking(() -> {
      ensureStream(topic);
      declareConsumer(topic);
      NatsConsumer c = new NatsConsumer(this, topic, js.subscribe(subject(topic),
          io.nats.client.PullSubscribeOptions.bind(stream(topic), durableName())), runner, config.concurrency());
      consumers.add(c);
      c.start();
      return (JobConsumer) c;
    }).recover(e -> Future.failedFuture(new QueueException("nats queue: cannot consume " + topic + ": "
        + e.getMessage(), e)));
  }

  Vertx vertx() {
    return vertx;
  }

  long redeliveryMs() {
    return config.redeliveryMs();
  }

  /** A consumer's call failed: when the server lost the stream or consumer, they are declared again. */
  void lost(Throwable e) {
    if (JetStreamRepair.lost(e)) {
      repair.repair("fetch: " + e.getMessage());
    }
  }

  void removed(NatsConsumer c) {
    consumers.remove(c);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    repair.close();
    return Future.all(consumers.stream().map(NatsConsumer::stop).toList())
        .eventually(() -> blocking(() -> {
          nc.close();
          return null;
        }))
        .eventually(blocking::close)
        .mapEmpty();
  }
}
