package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppParser;
import dev.switchboard.config.ServerLimits;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookBatcherTest {
  private final Vertx vertx = Vertx.vertx();
  private final BlockingQueue<WebhookJob> jobs = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    vertx.close();
  }

  private static App app() throws Exception {
    return AppParser.parse(WebhookReceiver.JSON.readTree("""
        {"id":"a","key":"k","secret":"s","webhooks":[
          {"url":"http://h/all","event_types":["channel_occupied","subscription_count"]},
          {"url":"http://h/beta","event_types":["channel_occupied"],"filter":{"channel_prefix":"beta-"}}]}
        """), ServerLimits.DEFAULTS);
  }

  private WebhookBatcher batcher(long durationMs, int maxSize) {
    WebhookConfig c = new WebhookConfig(true, durationMs, maxSize, 100, 1000, 10_000, 1000);
    return new WebhookBatcher(vertx, c, a -> WebhookTargets.parse(a.webhooks()), jobs::add);
  }

  private static JsonNode events(WebhookJob j) throws Exception {
    return WebhookReceiver.JSON.readTree(j.body()).path("events");
  }

  @Test
  void aFullBatchIsSentWithoutWaitingForTheWindow() throws Exception {
    WebhookBatcher b = batcher(60_000, 3);
    App app = app();
    for (String ch : List.of("one", "two", "beta-three")) {
      b.add(app, WebhookEvent.channel(WebhookEvent.CHANNEL_OCCUPIED, ch));
    }
    WebhookJob all = jobs.poll(5, TimeUnit.SECONDS);
    WebhookJob beta = jobs.poll(5, TimeUnit.SECONDS);
    assertEquals(3, events(all).size());
    assertEquals(1, events(beta).size(), "the filtered target gets only its channel");
    assertEquals("beta-three", events(beta).get(0).path("channel").asText());
    assertNull(jobs.poll(200, TimeUnit.MILLISECONDS));
  }

  @Test
  void aNewerSubscriptionCountReplacesTheOlderOneInTheSameWindow() throws Exception {
    WebhookBatcher b = batcher(200, 100);
    App app = app();
    b.add(app, WebhookEvent.subscriptionCount("room", 1));
    b.add(app, WebhookEvent.subscriptionCount("other", 1));
    b.add(app, WebhookEvent.subscriptionCount("room", 2));
    JsonNode ev = events(jobs.poll(5, TimeUnit.SECONDS));
    assertEquals(2, ev.size());
    assertEquals("other", ev.get(0).path("channel").asText());
    assertEquals(2, ev.get(1).path("subscription_count").asInt());
  }
}
