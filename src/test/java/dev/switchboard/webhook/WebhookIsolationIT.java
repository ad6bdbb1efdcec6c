package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.client.Pusher;
import com.pusher.rest.data.Validity;
import dev.switchboard.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One app's failing or slow receiver does not hold up another app's webhooks: with 4 queue slots, app A is
 * flooded with far more jobs than slots while its receiver fails or answers slowly, and app B's webhooks
 * still arrive at once.
 */
class WebhookIsolationIT {
  private WebhookReceiver receiverA;
  private WebhookReceiver receiverB;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    receiverA = new WebhookReceiver("a-id", "a-key", "a-secret");
    receiverB = new WebhookReceiver("b-id", "b-key", "b-secret");
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
         "queue":{"concurrency":4},
         "webhooks":{"retry":{"initial_delay_ms":1000,"max_delay_ms":5000,"max_elapsed_ms":60000}},
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"a-id","key":"a-key","secret":"a-secret",
            "webhooks":[{"url":"%s","event_types":["channel_occupied"]}]},
           {"id":"b-id","key":"b-key","secret":"b-secret",
            "webhooks":[{"url":"%s","event_types":["channel_occupied"]}]}]}}}
        """.formatted(receiverA.url("/a"), receiverB.url("/b"));
    server = TestServer.start(config, Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    receiverA.close();
    receiverB.close();
  }

  private void floodA(int jobs) throws Exception {
    Pusher a = new Clients(server.port(), "a-id", "a-key", "a-secret").connect("ua");
    for (int i = 0; i < jobs; i++) {
      Clients.subscribe(a, "flood-" + i);
    }
  }

  /** How long app B's channel_occupied takes to reach B's receiver. */
  private long bDeliveryMs() throws Exception {
    Pusher b = new Clients(server.port(), "b-id", "b-key", "b-secret").connect("ub");
    long start = System.currentTimeMillis();
    Clients.subscribe(b, "b-channel");
    var e = receiverB.await("/b", "channel_occupied", "b-channel");
    assertEquals(Validity.VALID, e.request().validity());
    b.disconnect();
    return System.currentTimeMillis() - start;
  }

  @Test
  void aReceiverAnswering503ToMoreJobsThanSlotsDoesNotDelayAnotherApp() throws Exception {
    receiverA.answer(503);
    floodA(20);
    receiverA.awaitRequests(20); // every job of A has failed once and waits for its retry
    long ms = bDeliveryMs();
    assertTrue(ms < 2_000, "app B's webhook took " + ms + " ms behind app A's failing receiver");
  }

  @Test
  void aReceiverThatAnswersSlowlyCannotTakeEverySlot() throws Exception {
    receiverA.delay(8_000);
    floodA(12);
    receiverA.awaitRequests(4);
    long ms = bDeliveryMs();
    assertTrue(ms < 2_000, "app B's webhook took " + ms + " ms behind app A's slow receiver");
  }
}
