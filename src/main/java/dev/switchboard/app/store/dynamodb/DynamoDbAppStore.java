package dev.switchboard.app.store.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppEdits;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppException;
import dev.switchboard.app.AppField;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.StoreReadiness;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Apps in a DynamoDB table. The hot path calls GetItem (by id) and Query on the key index (by key) only, so
 * an IAM policy granting just those two actions is enough to serve; {@code apps list} uses Scan and the other
 * admin commands PutItem and DeleteItem. Credentials come from the standard AWS chain or a named profile.
 */
public final class DynamoDbAppStore implements AppStore, AppAdmin {
  private static final String PROBE_ID = "__switchboard_probe__";
  private final Vertx vertx;
  private final DynamoDbStoreConfig config;
  private final ServerLimits limits;
  private final DynamoDbAsyncClient client;
  private final StoreReadiness readiness;

  public DynamoDbAppStore(Vertx vertx, DynamoDbStoreConfig config, ServerLimits limits) {
    this.vertx = vertx;
    this.config = config;
    this.limits = limits;
    DynamoDbAsyncClientBuilder b = DynamoDbAsyncClient.builder()
        .region(Region.of(config.region()))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(3)))
        // one retry at most: an outage must fail a lookup fast, so the cache can serve the last known app
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(AppErrors.LOOKUP_TIMEOUT_MS - 500))
            .apiCallAttemptTimeout(Duration.ofSeconds(2))
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(2).build()))
        .credentialsProvider(config.profile().isEmpty() ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.create(config.profile()));
    if (!config.endpoint().isEmpty()) {
      b.endpointOverride(URI.create(config.endpoint()));
    }
    this.client = b.build();
    // a GetItem of an id that does not exist: the only permission it needs is the one lookups need anyway
    this.readiness = new StoreReadiness(config.describe(), () -> getItem(PROBE_ID).mapEmpty()).begin();
  }

  private Future<Optional<ObjectNode>> getItem(String id) {
    return from(client.getItem(r -> r.tableName(config.table())
            .key(Map.of(config.attribute(AppField.ID), AttributeValue.fromS(id)))))
        .map(res -> res.hasItem() && !res.item().isEmpty()
            ? Optional.of(DynamoDbItems.definition(res.item())) : Optional.empty());
  }

  private Future<Optional<ObjectNode>> queryKey(String key) {
    return from(client.query(r -> r.tableName(config.table()).indexName(config.keyIndex()).limit(1)
            .keyConditionExpression("#k = :k")
            .expressionAttributeNames(Map.of("#k", config.attribute(AppField.KEY)))
            .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))))
        .map(res -> res.items().isEmpty() ? Optional.empty()
            : Optional.of(DynamoDbItems.definition(res.items().get(0))));
  }

  private static <T> Future<T> from(CompletableFuture<T> cf) {
    return Future.fromCompletionStage(cf);
  }

  private <T> Future<T> guard(Future<T> f) {
    return AppErrors.guard(vertx, config.describe(), f);
  }

  private <T> Future<T> guarded(java.util.function.Supplier<Future<T>> query) {
    return readiness.then(vertx, query);
  }

  private App app(ObjectNode d) {
    return AppEdits.parse(d, limits, config.table());
  }

  @Override
  public Future<Optional<App>> findById(String id) {
    return guarded(() -> getItem(id).map(d -> d.map(this::app)));
  }

  @Override
  public Future<Optional<App>> findByKey(String key) {
    return guarded(() -> queryKey(key).map(d -> d.map(this::app)));
  }

  @Override
  public Future<List<ObjectNode>> list() {
    List<ObjectNode> out = new ArrayList<>();
    return guard(from(client.scanPaginator(r -> r.tableName(config.table()))
            .subscribe(page -> page.items().forEach(i -> out.add(DynamoDbItems.definition(i)))))
        .map(v -> {
          out.sort(Comparator.comparing(d -> d.path("id").asText()));
          return out;
        }));
  }

  @Override
  public Future<Optional<ObjectNode>> get(String id) {
    return guard(getItem(id));
  }

  @Override
  public Future<ObjectNode> create(ObjectNode definition) {
    ObjectNode d;
    try {
      d = AppField.definition(definition);
      app(d);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    String idAttr = config.attribute(AppField.ID);
    return guard(keyFree(d.path("key").asText(), d.path("id").asText())
        .compose(v -> from(client.putItem(r -> r.tableName(config.table()).item(DynamoDbItems.item(d, config))
            .conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", idAttr))))
            .recover(e -> Future.failedFuture(e instanceof ConditionalCheckFailedException
                || e.getCause() instanceof ConditionalCheckFailedException
                ? new AppException("an app with id " + d.path("id").asText() + " already exists") : e)))
        .map(v -> d));
  }

  private Future<Void> keyFree(String key, String id) {
    return AppEdits.keyFree(queryKey(key), key, id);
  }

  @Override
  public Future<ObjectNode> update(String id, ObjectNode changes) {
    ObjectNode c;
    try {
      c = AppEdits.changes(id, changes);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    return guard(getItem(id).compose(found -> {
      ObjectNode merged = AppEdits.merge(found, id, c);
      app(merged);
      Future<Void> check = c.has("key") ? keyFree(c.get("key").asText(), id) : Future.succeededFuture();
      return check.compose(v -> from(client.putItem(r -> r.tableName(config.table())
          .item(DynamoDbItems.item(merged, config))))).map(v -> merged);
    }));
  }

  @Override
  public Future<Boolean> delete(String id) {
    return guard(from(client.deleteItem(r -> r.tableName(config.table()).returnValues(ReturnValue.ALL_OLD)
        .key(Map.of(config.attribute(AppField.ID), AttributeValue.fromS(id)))))
        .map(res -> res.hasAttributes() && !res.attributes().isEmpty()));
  }

  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      client.close(); // may wait for the HTTP client's threads to stop
      return null;
    });
  }
}
