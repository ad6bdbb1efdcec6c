package dev.switchboard;

import dev.switchboard.testing.DynamoDbLocal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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

  @Override
  protected void insertApp(String id, String key, String secret, int maxConnections) {
    dynamo.put("apps", Map.of(
        "AppId", AttributeValue.fromS(id),
        "AppKey", AttributeValue.fromS(key),
        "AppSecret", AttributeValue.fromS(secret),
        "MaxConnections", AttributeValue.fromN(Integer.toString(maxConnections)),
        "EnableClientMessages", AttributeValue.fromB(SdkBytes.fromUtf8String("false")),
        "Enabled", AttributeValue.fromBool(true),
        "MaxBackendEventsPerSecond", AttributeValue.fromN("-1"),
        "MaxClientEventsPerSecond", AttributeValue.fromN("-1"),
        "MaxReadRequestsPerSecond", AttributeValue.fromN("-1"),
        "Webhooks", AttributeValue.fromS(
            "[{\"url\":\"http://127.0.0.1:1/hook\",\"event_types\":[\"channel_vacated\"]}]")));
  }
}
