package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.pusher.client.Pusher;
import com.pusher.rest.data.Validity;
import dev.switchboard.TestServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batching, retries while the receiver is down, and refusals, against a real receiver. */
class WebhookDeliveryIT {
  private WebhookReceiver receiver;
  private TestServer server;

  private Clients start(boolean batching) throws Exception {
    receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":500,
         "webhooks":{"batching":{"enabled":%s,"duration":400},
                     "retry":{"initial_delay_ms":100,"max_delay_ms":400,"max_elapsed_ms":60000}},
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"app-id","key":"app-key","secret":"app-secret",
            "webhooks":[{"url":"%s","event_types":["channel_occupied"]}]}]}}}
        """.formatted(batching, receiver.url("/hook"));
    server = TestServer.start(config, Map.of());
    return new Clients(server.port());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    receiver.close();
  }

  @Test
  void eventsWithinTheBatchWindowArriveInOneRequest() throws Exception {
    Pusher p = start(true).connect("u");
    for (String ch : List.of("b-1", "b-2", "b-3")) {
      Clients.subscribe(p, ch);
    }
    var first = receiver.await(e -> e.channel().equals("b-1"));
    var events = first.request().json().path("events");
    Set<String> channels = new HashSet<>();
    events.forEach(e -> channels.add(e.path("channel").asText()));
    assertEquals(Set.of("b-1", "b-2", "b-3"), channels, "one request should carry the whole window: " + events);
    assertEquals(Validity.VALID, first.request().validity());
    p.disconnect();
  }

  @Test
  void everyEventArrivesAfterTheReceiverComesBackAndNoneTwiceInOneDelivery() throws Exception {
    Pusher p = start(false).connect("u");
    receiver.answer(503);
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sent.add("down-" + i);
      Clients.subscribe(p, "down-" + i);
    }
    // each job has been refused with a 5xx at least twice: the retry loop is running
    receiver.awaitRequests(10);
    receiver.stop(); // now the connection is refused outright for a while
    Clients.subscribe(p, "down-5");
    sent.add("down-5");
    receiver.none(e -> true, 1000);
    receiver.answer(200);
    receiver.start();
    Set<String> got = new HashSet<>();
    while (got.size() < sent.size()) {
      var e = receiver.await(x -> x.name().equals("channel_occupied"));
      got.add(e.channel());
      List<String> inRequest = new ArrayList<>();
      e.request().json().path("events").forEach(x -> inRequest.add(x.path("channel").asText()));
      assertEquals(new HashSet<>(inRequest).size(), inRequest.size(), "an event twice in one request");
      assertEquals(Validity.VALID, e.request().validity());
    }
    assertEquals(new HashSet<>(sent), got);
    p.disconnect();
  }

  @Test
  void aRefusedWebhookIsNotRetried() throws Exception {
    Pusher p = start(false).connect("u");
    receiver.answer(400);
    Clients.subscribe(p, "refused");
    receiver.awaitRequests(1);
    receiver.answer(200);
    Clients.subscribe(p, "accepted");
    receiver.await("/hook", "channel_occupied", "accepted");
    assertNull(receiver.none(e -> e.channel().equals("refused"), 1000));
    assertEquals(1, receiver.requests().stream().filter(r -> r.body().contains("\"refused\"")).count());
    p.disconnect();
  }
}
