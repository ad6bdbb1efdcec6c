package dev.switchboard.webhook;

import dev.switchboard.app.App;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.LambdaAsyncClientBuilder;
import software.amazon.awssdk.services.lambda.model.InvocationType;

/**
 * Invokes Lambda functions with the async SDK client, as soketi does: the payload is
 * {@code {"payload": <webhook body>, "headers": {...}}} (the body embedded verbatim, so its signature still
 * checks), InvocationType Event when {@code lambda.async} is true, else RequestResponse. The SDK's own retries
 * are off; the webhook retry policy applies. One client per region, endpoint and credentials, built on a
 * worker thread.
 */
final class LambdaWebhookTransport implements WebhookTransport {
  private final Vertx vertx;
  private final long timeoutMs;
  private final Map<List<Object>, Future<LambdaAsyncClient>> clients = new ConcurrentHashMap<>();

  LambdaWebhookTransport(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
  }

  private Future<LambdaAsyncClient> client(LambdaTarget l) {
    List<Object> key = java.util.Arrays.asList(l.region(), l.endpoint(), l.accessKeyId(), l.secretAccessKey());
    return clients.computeIfAbsent(key, k -> vertx.<LambdaAsyncClient>executeBlocking(() -> {
      LambdaAsyncClientBuilder b = LambdaAsyncClient.builder()
          .region(Region.of(l.region()))
          .httpClientBuilder(NettyNioAsyncHttpClient.builder())
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
              .apiCallTimeout(Duration.ofMillis(timeoutMs)));
      if (l.endpoint() != null) {
        b.endpointOverride(l.endpoint());
      }
      b.credentialsProvider(l.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
          : StaticCredentialsProvider.create(AwsBasicCredentials.create(l.accessKeyId(), l.secretAccessKey())));
      return b.build();
    }, false).onFailure(e -> clients.remove(k)));
  }

  @Override
  public Future<Outcome> send(WebhookTarget target, App app, byte[] body) {
    LambdaTarget l = target.lambda();
    byte[] payload;
    try {
      payload = ("{\"payload\":" + new String(body, StandardCharsets.UTF_8) + ",\"headers\":"
          + WebhookBody.JSON.writeValueAsString(WebhookTransport.headers(target, app, body)) + "}")
          .getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Future.succeededFuture(Outcome.rejected("cannot encode the Lambda payload: " + e.getMessage()));
    }
    return client(l).compose(c -> Future.fromCompletionStage(c.invoke(r -> r.functionName(l.function())
            .invocationType(l.async() ? InvocationType.EVENT : InvocationType.REQUEST_RESPONSE)
            .payload(SdkBytes.fromByteArray(payload))), vertx.getOrCreateContext()))
        // the user's function threw: running it again would throw again (soketi does not retry either)
        .map(resp -> resp.functionError() == null ? Outcome.DELIVERED
            : Outcome.rejected("the function failed (" + resp.functionError() + "); not retried"))
        .recover(e -> Future.succeededFuture(classify(e)));
  }

  /**
   * Service answers by their status (throttling 429 and 5xx are retried); a request that could not be sent
   * or answered in time is retried; any other client error (missing credentials, a bad region or function
   * name) is a configuration fault that retrying cannot mend.
   */
  static Outcome classify(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof SdkServiceException se) {
      Outcome o = Outcome.ofStatus(se.statusCode());
      return new Outcome(o.kind(), "Lambda " + o.detail() + ": " + se.getMessage());
    }
    String what = e.getClass().getSimpleName() + ": " + e.getMessage();
    return isTransient(e) ? Outcome.retry(what) : Outcome.rejected("Lambda client configuration: " + what);
  }

  private static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof TimeoutException || t instanceof ApiCallTimeoutException
          || t instanceof ApiCallAttemptTimeoutException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Future<Void> close() {
    clients.values().forEach(f -> f.onSuccess(LambdaAsyncClient::close));
    clients.clear();
    return Future.succeededFuture();
  }
}
