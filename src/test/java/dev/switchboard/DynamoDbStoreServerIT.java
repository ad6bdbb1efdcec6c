package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testing.DynamoDbCallLog;
import dev.switchboard.testing.DynamoDbLocal;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * soketi's DynamoDB setup, item for item as its docs write it ({@code EnableClientMessages: {B: 'false'}},
 * {@code Webhooks} as a JSON string), served by a server configured with soketi's variables only.
 */
class DynamoDbStoreServerIT extends StoreServerScenario {
  private static DynamoDbLocal dynamo;

  @BeforeAll
  static void table() {
    dynamo = new DynamoDbLocal();
    dynamo.createTable("apps", "AppId", "AppKeyIndex", "AppKey");
  }

  @AfterAll
  static void close() {
    dynamo.close();
  }

  @Override
  protected Map<String, String> storeEnv(int proxyPort) {
    return Map.of("APP_MANAGER_DRIVER", "dynamodb", "APP_MANAGER_DYNAMODB_TABLE", "apps",
        "APP_MANAGER_DYNAMODB_REGION", "us-east-1", "APP_MANAGER_DYNAMODB_ENDPOINT", "http://127.0.0.1:" + proxyPort);
  }

  @Override
  protected int databasePort() {
    return dynamo.port();
  }

  /** The item as soketi's docs write it: booleans as bytes {@code {B: 'true'}}, webhooks as a JSON string. */
  @Override
  protected void insertApp(String id, String key, String secret, int maxConnections) {
    dynamo.put("apps", Map.ofEntries(
        Map.entry("AppId", AttributeValue.fromS(id)),
        Map.entry("AppKey", AttributeValue.fromS(key)),
        Map.entry("AppSecret", AttributeValue.fromS(secret)),
        Map.entry("MaxConnections", AttributeValue.fromN(Integer.toString(maxConnections))),
        Map.entry("EnableClientMessages", AttributeValue.fromB(SdkBytes.fromUtf8String("false"))),
        Map.entry("Enabled", AttributeValue.fromB(SdkBytes.fromUtf8String("true"))),
        Map.entry("EnableUserAuthentication", AttributeValue.fromB(SdkBytes.fromUtf8String("false"))),
        Map.entry("MaxBackendEventsPerSecond", AttributeValue.fromN("-1")),
        Map.entry("MaxClientEventsPerSecond", AttributeValue.fromN("-1")),
        Map.entry("MaxReadRequestsPerSecond", AttributeValue.fromN("-1")),
        Map.entry("Webhooks", AttributeValue.fromS("[]"))));
  }

  /** The server's own calls go through the proxy; the fixture's (create table, put item) go direct. */
  @BeforeEach
  void watchServerCalls() {
    env(); // opens the proxy the server will use
    DynamoDbCallLog.clear();
    DynamoDbCallLog.watch(proxy.port());
  }

  /** The apps command may Scan and PutItem; what is checked is what a running server needs. */
  @Override
  protected int cli(String... args) {
    DynamoDbCallLog.paused(true);
    try {
      return super.cli(args);
    } finally {
      DynamoDbCallLog.paused(false);
    }
  }

  @AfterEach
  void onlyGetItemAndQueryAtRunTime() {
    Set<String> ops = DynamoDbCallLog.operations();
    DynamoDbCallLog.watch(-1);
    assertFalse(ops.isEmpty(), "every scenario looks an app up");
    assertTrue(Set.of("GetItem", "Query").containsAll(ops), "the server called " + ops);
  }
}
