package dev.switchboard.testing;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB Local in this JVM, in memory, on a Jetty connector bound to 127.0.0.1 only. Its own launcher
 * ({@code ServerRunner}) would listen on every interface and send telemetry; this builds the request handler
 * directly, so telemetry is never initialised and nothing leaves the machine. SQLite's native library comes
 * from {@code sqlite4java.library.path} (set by the build to target/native-libs).
 */
public final class DynamoDbLocal implements AutoCloseable {
  private final Server server;
  private final LocalDynamoDBRequestHandler requests;
  private final DynamoDbAsyncClient client;

  public DynamoDbLocal() {
    // the standard AWS chain reads these; DynamoDB Local accepts any credentials
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    try {
      requests = new LocalDynamoDBRequestHandler(0, true, null, false, false);
      server = new Server();
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      connector.setPort(0);
      server.addConnector(connector);
      ContextHandler context = new ContextHandler();
      context.setHandler(new LocalDynamoDBServerHandler(requests, null));
      server.setHandler(context);
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start", e);
    }
    client = DynamoDbAsyncClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create(endpoint()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build();
  }

  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  public DynamoDbAsyncClient client() {
    return client;
  }

  /** A table with a string hash key and a GSI (all attributes projected) on another string attribute. */
  public void createTable(String table, String hashKey, String index, String indexKey) {
    client.createTable(r -> r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName(hashKey)
                .attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(indexKey).attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName(hashKey).keyType(KeyType.HASH).build())
        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(index)
            .keySchema(KeySchemaElement.builder().attributeName(indexKey).keyType(KeyType.HASH).build())
            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())).join();
  }

  public void put(String table, Map<String, AttributeValue> item) {
    client.putItem(r -> r.tableName(table).item(item)).join();
  }

  @Override
  public void close() {
    client.close();
    try {
      server.stop();
    } catch (Exception ignored) {
      // stopping anyway
    }
    requests.shutdown();
  }
}
