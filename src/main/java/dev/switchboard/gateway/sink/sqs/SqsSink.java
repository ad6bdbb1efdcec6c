package dev.switchboard.gateway.sink.sqs;

import dev.switchboard.config.ConfigException;
import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.sink.SinkConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * {@code sqs}: SendMessage with the body as raw JSON text (not base64: SUMU backends {@code json.loads} it) and
 * each non-empty attribute as a String message attribute (SQS refuses empty ones). A FIFO queue (URL ending in
 * {@code .fifo}) gets MessageGroupId = {@code user_id} (else {@code connection_id}), so one user's messages stay
 * in order, and a fresh MessageDeduplicationId per attempt: a retry after a lost answer can duplicate.
 * Accepted = SQS answered SendMessage.
 */
public final class SqsSink implements GatewaySink {
  private final Vertx vertx;
  private final SqsSinkSettings settings;
  private final SinkConnection<SqsAsyncClient> client;
  private final boolean fifo;
  private final String label;

  private SqsSink(Vertx vertx, SqsSinkSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.client = new SinkConnection<>(this::build, SqsAsyncClient::close);
    this.fifo = settings.queueUrl().getPath().endsWith(".fifo");
    this.label = "sqs sink " + settings.queueUrl();
  }

  /** See {@link SqsSinkSettings} for the fields. */
  public static SqsSink create(Vertx vertx, SinkConfig c) {
    return new SqsSink(vertx, SqsSinkSettings.from(c));
  }

  /** Builds the client on a worker thread: the SDK reads profile files for the default credentials. */
  private Future<SqsAsyncClient> build() {
    return vertx.executeBlocking(() -> {
      SqsAsyncClientBuilder b = SqsAsyncClient.builder()
          .region(Region.of(settings.region()))
          .httpClientBuilder(NettyNioAsyncHttpClient.builder())
          // one attempt per send: RetryingSink owns retries, so an SDK retry would multiply its attempts
          .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
      if (settings.endpoint() != null) {
        b.endpointOverride(settings.endpoint());
      }
      b.credentialsProvider(settings.accessKeyId().isEmpty() ? DefaultCredentialsProvider.builder().build()
          : StaticCredentialsProvider.create(AwsBasicCredentials.create(settings.accessKeyId(),
              settings.secretAccessKey())));
      return b.build();
    }, false);
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    SendMessageRequest.Builder r = SendMessageRequest.builder()
        .queueUrl(settings.queueUrl().toString())
        .messageBody(settings.envelope() ? m.envelope() : m.body())
        .messageAttributes(attributes(m));
    if (fifo) {
      String user = m.attribute(GatewayMessage.USER_ID);
      r.messageGroupId(user.isEmpty() ? m.attribute(GatewayMessage.CONNECTION_ID) : user)
          .messageDeduplicationId(UUID.randomUUID().toString());
    }
    return client.get()
        .compose(sqs -> Future.fromCompletionStage(sqs.sendMessage(r.build())))
        .<Void>mapEmpty()
        .recover(e -> Future.failedFuture(new GatewaySinkException(label + ": SendMessage failed: "
            + cause(e).getMessage(), cause(e))));
  }

  static Map<String, MessageAttributeValue> attributes(GatewayMessage m) {
    Map<String, MessageAttributeValue> out = new LinkedHashMap<>();
    m.attributes().forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build());
      }
    });
    return out;
  }

  private static Throwable cause(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> client.close(), false).mapEmpty();
  }

  /**
   * {@code queue_url} (required), {@code region} (default us-east-1), {@code endpoint} (ElasticMQ, LocalStack;
   * default AWS), {@code access_key_id} and {@code secret_access_key} (both or neither; neither = the AWS default
   * credentials chain), {@code envelope}.
   */
  record SqsSinkSettings(URI queueUrl, String region, URI endpoint, String accessKeyId, String secretAccessKey,
      boolean envelope) {
    static SqsSinkSettings from(SinkConfig c) {
      Set<String> http = Set.of("http", "https");
      URI queueUrl = c.url("queue_url", null, http);
      String region = c.string("region", "us-east-1");
      if (!region.matches("[a-z0-9-]{1,64}")) {
        throw ConfigException.invalid(c.path("region"), region, "an AWS region name such as us-east-1");
      }
      URI endpoint = c.node("endpoint") == null ? null : c.url("endpoint", null, http);
      String key = c.string("access_key_id", "");
      String secret = c.string("secret_access_key", "");
      if (key.isEmpty() != secret.isEmpty()) {
        throw ConfigException.invalid(c.path(key.isEmpty() ? "access_key_id" : "secret_access_key"), "(missing)",
            "access_key_id and secret_access_key together, or neither for the AWS default chain");
      }
      return new SqsSinkSettings(queueUrl, region, endpoint, key, secret, c.bool("envelope", false));
    }
  }
}
