package dev.switchboard.gateway.sink.sqs;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.sink.SinkConnection;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
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
    this.fifo = settings.client().queueUrl().getPath().endsWith(".fifo");
    this.label = "sqs sink " + settings.client().queueUrl();
  }

  /** See {@link SqsSinkSettings} for the fields. */
  public static SqsSink create(Vertx vertx, SinkConfig c) {
    return new SqsSink(vertx, SqsSinkSettings.from(c));
  }

  /** Builds the client on a worker thread: the SDK reads profile files for the default credentials. */
  private Future<SqsAsyncClient> build() {
    return vertx.executeBlocking(() -> settings.client().builder()
        // one attempt per send: RetryingSink owns retries, so an SDK retry would multiply its attempts
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build(), false);
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    SendMessageRequest.Builder r = SendMessageRequest.builder()
        .queueUrl(settings.client().queueUrl().toString())
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

  /** The {@link SqsClientSettings} fields, then {@code envelope}. */
  record SqsSinkSettings(SqsClientSettings client, boolean envelope) {
    static SqsSinkSettings from(SinkConfig c) {
      return new SqsSinkSettings(SqsClientSettings.from(c), c.bool("envelope", false));
    }
  }
}
