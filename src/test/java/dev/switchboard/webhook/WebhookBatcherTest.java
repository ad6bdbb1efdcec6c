package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    WebhookConfig c = new WebhookConfig(true, durationMs, maxSize, 100, 1000, 10_000, 1000, 4096, false);
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

  @Test
  void aBatchOverTheJobSizeIsSplitIntoJobsThatFitKeepingEveryEventOnce() throws Exception {
    WebhookBatcher b = batcher(60_000, 20);
    App app = app();
    String big = "x".repeat(700);
    for (int i = 0; i < 20; i++) {
      b.add(app, WebhookEvent.channel(WebhookEvent.CHANNEL_OCCUPIED, "room-" + i + "-" + big));
    }
    List<String> got = new java.util.ArrayList<>();
    WebhookJob j;
    int parts = 0;
    while ((j = jobs.poll(500, TimeUnit.MILLISECONDS)) != null) {
      assertTrue(j.toBytes().length <= 4096, "a job of " + j.toBytes().length + " bytes");
      parts++;
      events(j).forEach(e -> got.add(e.path("channel").asText()));
    }
    assertTrue(parts >= 4, "not split enough: " + parts + " jobs");
    assertEquals(java.util.stream.IntStream.range(0, 20).mapToObj(i -> "room-" + i + "-" + big).toList(), got);
  }

  @Test
  void oneEventLargerThanAJobIsDeadLetteredWithOneLine() throws Exception {
    try (DeadLetters dead = new DeadLetters()) {
      WebhookBatcher b = batcher(60_000, 1);
      b.add(app(), WebhookEvent.channel(WebhookEvent.CHANNEL_OCCUPIED, "huge-" + "y".repeat(5000)));
      assertNull(jobs.poll(300, TimeUnit.MILLISECONDS));
      List<String> lines = dead.lines();
      assertEquals(1, lines.size(), "one line for the one event and target that wants it: " + lines);
      assertTrue(lines.get(0).contains("over webhooks.max_job_bytes=4096"), lines.get(0));
    }
  }
}
