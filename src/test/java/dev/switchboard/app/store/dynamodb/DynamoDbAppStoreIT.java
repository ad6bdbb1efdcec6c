package dev.switchboard.app.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.App;
import dev.switchboard.app.AppAdmin;
import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStoreContract;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.DynamoDbLocal;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The dynamodb driver keeps the contract on DynamoDB Local, in soketi's layout; Sockudo's layout reads too. */
class DynamoDbAppStoreIT extends AppStoreContract {
  private static DynamoDbLocal dynamo;
  private static Vertx vertx;
  private static DynamoDbAppStore store;

  @BeforeAll
  static void open() {
    dynamo = new DynamoDbLocal();
    dynamo.createTable("apps", "AppId", "AppKeyIndex", "AppKey");
    vertx = Vertx.vertx();
    store = new DynamoDbAppStore(vertx, new DynamoDbStoreConfig("soketi", "apps", "us-east-1", dynamo.endpoint(), ""),
        ServerLimits.DEFAULTS);
  }

  @AfterAll
  static void close() {
    store.close();
    vertx.close();
    dynamo.close();
  }

  @Override
  protected AppStore store() {
    return store;
  }

  @Override
  protected AppAdmin admin() {
    return store;
  }

  @Test
  void booleansStoredAsBytesNumbersOrTextAreRead() {
    dynamo.put("apps", Map.of("AppId", AttributeValue.fromS("bools"), "AppKey", AttributeValue.fromS("bools-key"),
        "AppSecret", AttributeValue.fromS("s"),
        "EnableClientMessages", AttributeValue.fromB(SdkBytes.fromUtf8String("true")),
        "Enabled", AttributeValue.fromN("1"), "EnableUserAuthentication", AttributeValue.fromS("false"),
        "MaxConnections", AttributeValue.fromS("12")));
    App app = await(store.findByKey("bools-key")).orElseThrow();
    assertTrue(app.enableClientMessages());
    assertTrue(app.enabled());
    assertFalse(app.enableUserAuthentication());
    assertEquals(12, app.maxConnections());
  }

  @Test
  void sockudoLayoutIsReadWithItsOwnKeyAndIndex() {
    dynamo.createTable("sockudo-applications", "id", "KeyIndex", "key");
    dynamo.put("sockudo-applications", Map.of("id", AttributeValue.fromS("sk"), "key", AttributeValue.fromS("sk-key"),
        "secret", AttributeValue.fromS("s"), "enable_client_messages", AttributeValue.fromBool(true),
        "allowed_origins", AttributeValue.fromL(List.of(AttributeValue.fromS("https://a.example")))));
    DynamoDbAppStore sockudo = new DynamoDbAppStore(vertx, new DynamoDbStoreConfig("sockudo",
        "sockudo-applications", "us-east-1", dynamo.endpoint(), ""), ServerLimits.DEFAULTS);
    try {
      App app = await(sockudo.findByKey("sk-key")).orElseThrow();
      assertTrue(app.enableClientMessages());
      assertEquals(List.of("https://a.example"), app.allowedOrigins());
    } finally {
      sockudo.close();
    }
  }
}
