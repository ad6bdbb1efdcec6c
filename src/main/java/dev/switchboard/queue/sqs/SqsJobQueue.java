package dev.switchboard.queue.sqs;

import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobHandler;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobRunner;
import dev.switchboard.queue.QueueConfig;
import dev.switchboard.queue.QueueException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/** SQS through the async SDK client; see the package doc. */
public final class SqsJobQueue implements JobQueue {
  private final Vertx vertx;
  private final QueueConfig config;
  private final SqsQueueSettings settings;
  private final SqsAsyncClient sqs;
  private final Map<String, Future<String>> urls = new ConcurrentHashMap<>();
  private final List<SqsConsumer> consumers = new CopyOnWriteArrayList<>();

  private SqsJobQueue(Vertx vertx, QueueConfig config, SqsQueueSettings settings, SqsAsyncClient sqs) {
    this.vertx = vertx;
    this.config = config;
    this.settings = settings;
    this.sqs = sqs;
  }

  /** Builds the client on a worker thread (the SDK reads profile files) and checks the endpoint answers. */
  public static Future<JobQueue> connect(Vertx vertx, QueueConfig config) {
    SqsQueueSettings s = SqsQueueSettings.from(config.tree());
    return vertx.<SqsAsyncClient>executeBlocking(() -> {
      SqsAsyncClientBuilder b = SqsAsyncClient.builder()
          .region(Region.of(s.region()))
          .httpClientBuilder(NettyNioAsyncHttpClient.builder());
      if (s.endpoint() != null) {
        b.endpointOverride(s.endpoint());
      }
      b.credentialsProvider(s.accessKeyId().isEmpty() ? DefaultCredentialsProvider.builder().build()
          : StaticCredentialsProvider.create(AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())));
      return b.build();
    }, false).compose(client -> {
      SqsJobQueue q = new SqsJobQueue(vertx, config, s, client);
      return q.sdk(client.listQueues(r -> r.maxResults(1))).<JobQueue>map(r -> q).recover(e -> {
        client.close();
        return Future.failedFuture(e);
      });
    }).recover(e -> Future.failedFuture(new QueueException("sqs queue: cannot reach "
        + (s.endpoint() == null ? "SQS in " + s.region() : s.endpoint()) + ": " + e.getMessage(), e)));
  }

  <T> Future<T> sdk(CompletableFuture<T> cf) {
    return Future.fromCompletionStage(cf, vertx.getOrCreateContext());
  }

  SqsAsyncClient client() {
    return sqs;
  }

  /** The topic's queue URL: configured, or looked up by name and created when missing; cached. */
  Future<String> url(String topic) {
    String name = config.prefix() + "-" + QueueConfig.checkTopic(topic);
    String configured = settings.queueUrls().get(topic);
    if (configured != null) {
      return Future.succeededFuture(configured);
    }
    return urls.computeIfAbsent(topic, k -> sdk(sqs.getQueueUrl(r -> r.queueName(name)))
        .map(r -> r.queueUrl())
        .recover(e -> cause(e) instanceof QueueDoesNotExistException
            ? sdk(sqs.createQueue(r -> r.queueName(name))).map(r -> r.queueUrl()) : Future.failedFuture(e))
        .onFailure(e -> urls.remove(topic)));
  }

  static Throwable cause(Throwable e) {
    while (e instanceof java.util.concurrent.CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public Future<Void> publish(String topic, byte[] payload) {
    String body = Base64.getEncoder().encodeToString(payload);
    return url(topic)
        .compose(u -> sdk(sqs.sendMessage(r -> r.queueUrl(u).messageBody(body))))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new QueueException("sqs queue: SendMessage failed: "
            + cause(e).getMessage(), e)));
  }

  @Override
  public Future<JobConsumer> consume(String topic, JobHandler handler) {
    return url(topic).map(u -> {
      SqsConsumer c = new SqsConsumer(this, topic, u, new JobRunner<>(vertx.getOrCreateContext(), handler,
          config.concurrency()));
      consumers.add(c);
      c.start();
      return (JobConsumer) c;
    }).recover(e -> Future.failedFuture(new QueueException("sqs queue: cannot consume " + topic + ": "
        + cause(e).getMessage(), e)));
  }

  Vertx vertx() {
    return vertx;
  }

  /** The visibility timeout in whole seconds, at least one. */
  int visibilitySeconds() {
    return (int) Math.max(1, (config.redeliveryMs() + 999) / 1000);
  }

  long redeliveryMs() {
    return config.redeliveryMs();
  }

  int waitTimeSeconds() {
    return settings.waitTimeSeconds();
  }

  void removed(SqsConsumer c) {
    consumers.remove(c);
  }

  @Override
  public boolean durable() {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.all(consumers.stream().map(SqsConsumer::stop).toList())
        .eventually(() -> vertx.executeBlocking(() -> {
          sqs.close();
          return null;
        }, false))
        .mapEmpty();
  }
}
