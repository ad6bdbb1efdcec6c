package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigException;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Config errors name {@code gateway.notifications.queue.<field>}; valid configs build without connecting. */
class NotificationSourcesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "gateway.notifications.queue";
  private static Vertx vertx;

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static ObjectNode sqs() {
    return JSON.createObjectNode().put("driver", "sqs").put("queue_url", "http://127.0.0.1:1/000000000000/q");
  }

  private static ObjectNode redis() {
    return JSON.createObjectNode().put("driver", "redis_stream").put("stream", "notifications");
  }

  private static ObjectNode rabbitmq() {
    return JSON.createObjectNode().put("driver", "rabbitmq").put("queue", "notifications");
  }

  private static ObjectNode nats() {
    return JSON.createObjectNode().put("driver", "nats_jetstream").put("stream", "N").put("subject", "n.in");
  }

  private static String error(ObjectNode config) {
    ConfigException e = assertThrows(ConfigException.class, () -> NotificationSources.create(vertx, KEY, config));
    return e.getMessage();
  }

  private static void assertNames(String field, ObjectNode config) {
    String m = error(config);
    assertTrue(m.contains(KEY + "." + field + "="), m);
  }

  @Test
  void everyDriverBuildsWithoutConnectingAndStopsWithoutStarting() throws Exception {
    for (ObjectNode c : List.of(sqs(), redis(), rabbitmq(), nats())) {
      NotificationSource s = NotificationSources.create(vertx, KEY, c);
      assertNotNull(s);
      s.stop().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aMissingOrUnknownDriverIsNamed() {
    assertNames("driver", JSON.createObjectNode());
    String m = error(JSON.createObjectNode().put("driver", "kafka"));
    assertTrue(m.contains(KEY + ".driver=kafka") && m.contains("sqs, redis_stream, rabbitmq, nats_jetstream"), m);
  }

  @Test
  void aConfigThatIsNotAnObjectIsNamed() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> NotificationSources.create(vertx, KEY, JSON.getNodeFactory().textNode("sqs")));
    assertTrue(e.getMessage().contains(KEY + "="), e.getMessage());
  }

  @Test
  void requiredFieldsAreNamedPerDriver() {
    assertNames("queue_url", sqs().without("queue_url"));
    assertNames("stream", redis().without("stream"));
    assertNames("queue", rabbitmq().without("queue"));
    assertNames("stream", nats().without("stream"));
    assertNames("subject", nats().without("subject"));
  }

  @Test
  void commonFieldsOutOfRangeAreNamed() {
    assertNames("concurrency", sqs().put("concurrency", 0));
    assertNames("max_deliveries", redis().put("max_deliveries", 0));
    assertNames("drain_timeout_ms", rabbitmq().put("drain_timeout_ms", -1));
    assertNames("redelivery_delay_ms", nats().put("redelivery_delay_ms", "soon"));
  }

  @Test
  void aMisspeltFieldIsNamed() {
    assertNames("max_delivery", sqs().put("max_delivery", 3));
    assertNames("dead_leter", redis().put("dead_leter", "dl"));
  }

  @Test
  void sqsFieldsAreChecked() {
    assertNames("wait_time_seconds", sqs().put("wait_time_seconds", 21));
    assertNames("visibility_timeout_sec", sqs().put("visibility_timeout_sec", 0));
    assertNames("secret_access_key", sqs().put("access_key_id", "AKIA"));
    assertNames("dead_letter", sqs().put("dead_letter", "not a url"));
    assertNames("region", sqs().put("region", "US East"));
  }

  @Test
  void badUrlsAreNamedWithTheirCredentialsHidden() {
    String m = error(rabbitmq().put("url", "http://admin:s3cret@broker:5672"));
    assertTrue(m.contains(KEY + ".url="), m);
    assertFalse(m.contains("s3cret"), m);
    assertNames("url", redis().put("url", "http://127.0.0.1:6379"));
    assertNames("url", nats().put("url", "redis://127.0.0.1:4222"));
  }

  @Test
  void namesWithSpacesOrWildcardsAreRefused() {
    assertNames("stream", nats().put("stream", "a.b"));
    assertNames("dead_letter", nats().put("dead_letter", "dl.>"));
    assertNames("queue", rabbitmq().put("queue", "my queue"));
    assertNames("group", redis().put("group", "a b"));
  }
}
