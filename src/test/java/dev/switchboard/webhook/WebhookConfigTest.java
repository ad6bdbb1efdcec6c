package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.app.store.memory.MemoryAppStore;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.queue.QueueConfig;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  private static ServerConfig load(String json, Map<String, String> env) throws Exception {
    Path f = Files.createTempFile("sb", ".json");
    Files.writeString(f, json);
    try {
      return ConfigLoader.load(f, env);
    } finally {
      Files.delete(f);
    }
  }

  @Test
  void defaultsAreMemoryQueueAndNoBatching() throws Exception {
    ServerConfig c = load("{}", Map.of());
    WebhookConfig w = WebhookConfig.from(c.tree());
    assertFalse(w.batching());
    assertEquals(50, w.batchDurationMs());
    assertEquals("memory", QueueConfig.from(c.tree()).driver());
  }

  @Test
  void soketiEnvironmentVariablesApply() throws Exception {
    ServerConfig c = load("{}", Map.of("SOKETI_WEBHOOKS_BATCHING", "1", "SOKETI_WEBHOOKS_BATCHING_DURATION", "250",
        "SOKETI_QUEUE_DRIVER", "sqs", "SOKETI_QUEUE_SQS_URL", "http://127.0.0.1:9324/000/q",
        "SOKETI_QUEUE_SQS_REGION", "eu-west-1", "SOKETI_QUEUE_REDIS_CONCURRENCY", "7"));
    WebhookConfig w = WebhookConfig.from(c.tree());
    assertTrue(w.batching());
    assertEquals(250, w.batchDurationMs());
    QueueConfig q = QueueConfig.from(c.tree());
    assertEquals("sqs", q.driver());
    assertEquals(7, q.concurrency());
    assertEquals("eu-west-1", c.tree().string("queue.sqs.region", null));
    assertEquals("http://127.0.0.1:9324/000/q", c.tree().string("queue.sqs.queue_url", null));
  }

  @Test
  void ourOwnEnvironmentVariablesWinOverThePeers() throws Exception {
    ServerConfig c = load("{}", Map.of("QUEUE_DRIVER", "redis", "SWITCHBOARD_QUEUE_DRIVER", "nats",
        "SWITCHBOARD_QUEUE_REDELIVERY_MS", "5000", "SWITCHBOARD_WEBHOOKS_RETRY_MAX_ELAPSED_MS", "1000"));
    assertEquals("nats", QueueConfig.from(c.tree()).driver());
    assertEquals(5000, QueueConfig.from(c.tree()).redeliveryMs());
    assertEquals(1000, WebhookConfig.from(c.tree()).retryMaxElapsedMs());
  }

  @Test
  void clientEventDataIsPushersStringUnlessTheConfigIsSoketisOrSaysOtherwise() throws Exception {
    assertFalse(WebhookConfig.from(load("{\"port\": 6001}", Map.of()).tree()).clientEventDataObject());
    assertTrue(WebhookConfig.from(load("{\"eventLimits.maxNameLength\": 50}", Map.of()).tree())
        .clientEventDataObject(), "a soketi flat dot-key file");
    assertTrue(WebhookConfig.from(load("{}", Map.of("SOKETI_PORT", "6001")).tree()).clientEventDataObject(),
        "a SOKETI_ variable");
    assertFalse(WebhookConfig.from(load("{\"webhooks.clientEventData\": \"string\"}", Map.of()).tree())
        .clientEventDataObject(), "the key wins over the form");
    assertTrue(WebhookConfig.from(load("{\"webhooks\": {\"client_event_data\": \"object\"}}", Map.of()).tree())
        .clientEventDataObject());
    ConfigException e = assertThrows(ConfigException.class, () -> WebhookConfig.from(
        load("{}", Map.of("SWITCHBOARD_WEBHOOKS_CLIENT_EVENT_DATA", "json")).tree()));
    assertEquals("invalid config SWITCHBOARD_WEBHOOKS_CLIENT_EVENT_DATA=json: expected string (Pusher's) or object"
        + " (soketi's)", e.getMessage());
  }

  @Test
  void soketiFlatKeysAreRead() throws Exception {
    ServerConfig c = load("{\"webhooks.batching.enabled\": true, \"webhooks.batching.duration\": 75}", Map.of());
    assertTrue(WebhookConfig.from(c.tree()).batching());
    assertEquals(75, WebhookConfig.from(c.tree()).batchDurationMs());
  }

  @Test
  void badValuesStopStartUpWithTheKeyNamed() throws Exception {
    var e = assertThrows(ConfigException.class, () -> QueueConfig.from(load("{\"queue\":{\"driver\":\"kafka\"}}",
        Map.of()).tree()));
    assertTrue(e.getMessage().startsWith("invalid config queue.driver=kafka"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> WebhookConfig.from(load(
        "{\"webhooks\":{\"batching\":{\"duration\":0}}}", Map.of()).tree()));
    assertTrue(e.getMessage().startsWith("invalid config webhooks.batching.duration=0"), e.getMessage());
  }

  @Test
  void aBadWebhookInAConfiguredAppStopsStartUpNamingTheApp() throws Exception {
    ServerConfig c = load("""
        {"app_manager":{"array":{"apps":[{"id":"a1","key":"k","secret":"s","webhooks":[{"url":"nope"}]}]}}}
        """, Map.of());
    Vertx vertx = Vertx.vertx();
    try {
      var e = assertThrows(ConfigException.class, () -> new Webhooks(vertx, c, new MemoryAppStore(c.apps())));
      assertEquals("invalid config app a1: webhooks[0].url=nope: expected an http or https URL", e.getMessage());
    } finally {
      vertx.close();
    }
  }
}
