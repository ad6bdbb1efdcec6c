package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.client.Pusher;
import com.pusher.client.channel.PresenceChannel;
import com.pusher.client.channel.PrivateChannel;
import com.pusher.rest.data.Validity;
import dev.switchboard.TestServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every webhook event type, produced by real pusher-java-client sockets, arrives at a real receiver signed
 * so that pusher-http-java accepts it; filters and custom headers work in soketi's and Sockudo's shapes.
 */
class WebhookEventsIT {
  private static WebhookReceiver receiver;
  private static TestServer server;
  private static Clients clients;

  @BeforeAll
  static void start() throws Exception {
    receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":500,
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"app-id","key":"app-key","secret":"app-secret","enable_client_messages":true,
            "webhooks":[
              {"url":"%s","event_types":["channel_occupied","channel_vacated","member_added","member_removed",
                "client_event","cache_miss","subscription_count"],
               "headers":{"X-Custom":"yes","X-Pusher-Signature":"forged"}},
              {"url":"%s","event_types":["channel_occupied"],
               "filters":{"channel_name_starts_with":"beta-","channel_name_ends_with":"-app"}},
              {"url":"%s","eventTypes":["channel_occupied"],"filter":{"channelPattern":"room-[0-9]+"}}
            ]}]}}}
        """.formatted(receiver.url("/all"), receiver.url("/filtered"), receiver.url("/pattern"));
    server = TestServer.start(config, Map.of());
    clients = new Clients(server.port());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    receiver.close();
  }

  @Test
  void channelEventsCacheMissAndSubscriptionCountArrive() throws Exception {
    Pusher a = clients.connect("u-a");
    Clients.subscribe(a, "news");
    receiver.await("/all", "channel_occupied", "news");
    assertEquals(1, receiver.await("/all", "subscription_count", "news").json().path("subscription_count").asInt());
    Clients.subscribe(a, "cache-quotes");
    receiver.await("/all", "cache_miss", "cache-quotes");
    a.unsubscribe("news");
    receiver.await("/all", "channel_vacated", "news");
    a.disconnect();
    receiver.await("/all", "channel_vacated", "cache-quotes");
  }

  @Test
  void clientEventsCarrySocketIdAndOnPresenceChannelsTheUserId() throws Exception {
    Pusher a = clients.connect("u-sender");
    Pusher b = clients.connect("u-listener");
    PrivateChannel priv = Clients.subscribePrivate(a, "private-chat");
    Clients.subscribePrivate(b, "private-chat");
    priv.trigger("client-typing", "{\"who\":\"a\"}");
    var e = receiver.await("/all", "client_event", "private-chat").json();
    assertEquals("client-typing", e.path("event").asText());
    assertEquals(a.getConnection().getSocketId(), e.path("socket_id").asText());
    assertTrue(e.path("data").isTextual(), "client event data is sent as a string: " + e);
    assertEquals("a", WebhookReceiver.JSON.readTree(e.path("data").asText()).path("who").asText());
    assertFalse(e.has("user_id"));

    PresenceChannel pres = Clients.subscribePresence(a, "presence-lobby");
    Clients.subscribePresence(b, "presence-lobby");
    pres.trigger("client-wave", "{}");
    var p = receiver.await("/all", "client_event", "presence-lobby").json();
    assertEquals("u-sender", p.path("user_id").asText());
    assertEquals(a.getConnection().getSocketId(), p.path("socket_id").asText());
    a.disconnect();
    b.disconnect();
  }

  @Test
  void memberAddedAndRemovedComeOncePerUserNotPerTab() throws Exception {
    Pusher tab1 = clients.connect("u-tabs");
    Pusher tab2 = clients.connect("u-tabs");
    Clients.subscribePresence(tab1, "presence-tabs");
    assertEquals("u-tabs", receiver.await("/all", "member_added", "presence-tabs").json().path("user_id").asText());
    Clients.subscribePresence(tab2, "presence-tabs");
    tab1.unsubscribe("presence-tabs");
    Pusher other = clients.connect("u-other");
    Clients.subscribePresence(other, "presence-tabs"); // a later event proves the earlier ones were not sent
    receiver.await(e -> e.name().equals("member_added") && e.json().path("user_id").asText().equals("u-other"));
    tab2.unsubscribe("presence-tabs");
    var removed = receiver.await("/all", "member_removed", "presence-tabs");
    assertEquals("u-tabs", removed.json().path("user_id").asText());
    assertNull(receiver.none(e -> e.channel().equals("presence-tabs") && e.json().path("user_id").asText()
        .equals("u-tabs"), 500), "a second member_added or member_removed for one user");
    tab1.disconnect();
    tab2.disconnect();
    other.disconnect();
  }

  @Test
  void numericUserIdsStayNumbersInMemberAndClientEvents() throws Exception {
    Pusher a = clients.connect(42L);
    Pusher b = clients.connect(43L);
    PresenceChannel pres = Clients.subscribePresence(a, "presence-numbers");
    var added = receiver.await("/all", "member_added", "presence-numbers").json();
    assertTrue(added.path("user_id").isNumber(), added.toString());
    assertEquals(42, added.path("user_id").asInt());
    Clients.subscribePresence(b, "presence-numbers");
    pres.trigger("client-num", "{}");
    var ev = receiver.await("/all", "client_event", "presence-numbers").json();
    assertTrue(ev.path("user_id").isNumber(), ev.toString());
    assertEquals(42, ev.path("user_id").asInt());
    a.unsubscribe("presence-numbers");
    var removed = receiver.await("/all", "member_removed", "presence-numbers").json();
    assertTrue(removed.path("user_id").isNumber(), removed.toString());
    assertEquals(42, removed.path("user_id").asInt());
    a.disconnect();
    b.disconnect();
  }

  @Test
  void filtersSendOnlyMatchingChannelsToEachTarget() throws Exception {
    Pusher a = clients.connect("u-f");
    for (String ch : new String[] {"beta-chat", "chat-app", "room-x", "beta-chat-app", "room-12"}) {
      Clients.subscribe(a, ch);
    }
    assertEquals("beta-chat-app", receiver.await(e -> e.path().equals("/filtered")).channel());
    assertEquals("room-12", receiver.await(e -> e.path().equals("/pattern")).channel());
    assertNull(receiver.none(e -> !e.path().equals("/all"), 500), "a filtered-out channel was sent");
    a.disconnect();
  }

  @Test
  void everyRequestIsSignedWithTheAppSecretAndReserialisesToTheSameBytes() throws Exception {
    Pusher a = clients.connect("u-sig");
    Pusher b = clients.connect("u-sig2");
    PrivateChannel ch = Clients.subscribePrivate(a, "private-escapes");
    Clients.subscribePrivate(b, "private-escapes");
    // characters a JSON writer could escape optionally: quotes, slashes, control characters, non-ASCII, emoji
    String text = "\"q\" \\ / </tag> \n\t\u0001\u007f \u00e9\u6f22 \u2028 \ud83d\ude00";
    ch.trigger("client-text", WebhookReceiver.JSON.writeValueAsString(Map.of("text", text)));
    var e = receiver.await("/all", "client_event", "private-escapes").json();
    assertEquals(text, WebhookReceiver.JSON.readTree(e.path("data").asText()).path("text").asText());
    a.disconnect();
    b.disconnect();
    assertFalse(receiver.requests().isEmpty());
    for (var r : receiver.requests()) {
      assertEquals(Validity.VALID, r.validity(), r.body());
      assertTrue(r.reserialises(), "re-serialising changed the bytes: " + r.body());
      assertEquals("app-key", r.headers().get("X-Pusher-Key"));
      assertEquals("application/json", r.headers().get("Content-Type"));
      if (r.path().equals("/all")) {
        assertEquals("yes", r.headers().get("X-Custom"));
      }
      assertTrue(r.json().path("time_ms").asLong() > 1_600_000_000_000L);
    }
  }
}
