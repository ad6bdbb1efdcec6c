package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.data.Result;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Pusher protocol at the frame level: rules, limits and bad input, with a bare WebSocket client. */
class PusherProtocolIT {
  static TestServer server;
  static com.pusher.rest.Pusher api;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    api.setHost(server.hostPort());
    api.setEncrypted(false);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String auth(String socketId, String channel, String channelData) {
    String sig = PusherSignatures.hmacHex("app-secret", socketId + ":" + channel
        + (channelData == null ? "" : ":" + channelData));
    return "app-key:" + sig;
  }

  static void subscribe(RawSocket s, String socketId, String channel) throws Exception {
    String auth = channel.startsWith("private-") ? ",\"auth\":\"" + auth(socketId, channel, null) + "\"" : "";
    s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"" + auth + "}}");
    s.expect("pusher_internal:subscription_succeeded");
  }

  @Test
  void connectionEstablishedCarriesSocketIdAndActivityTimeoutAsAJsonString() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      JsonNode est = s.expect("pusher:connection_established");
      assertTrue(est.get("data").isTextual());
      assertTrue(est.get("data").asText().matches("\\{\"socket_id\":\"\\d+\\.\\d+\",\"activity_timeout\":120}"));
    }
  }

  @Test
  void malformedFramesGetAnErrorAndNeverDisturbOtherClients() throws Exception {
    try (RawSocket bad = RawSocket.pusher(server.port(), "app-key");
        RawSocket good = RawSocket.pusher(server.port(), "app-key")) {
      bad.socketId();
      subscribe(good, good.socketId(), "steady");
      bad.send("this is not json");
      assertEquals(4300, bad.expect("pusher:error").get("data").get("code").asInt());
      bad.sendBinary(new byte[] {0, 1, 2, (byte) 0xff});
      assertEquals(4300, bad.expect("pusher:error").get("data").get("code").asInt());
      bad.send("{\"data\":{\"channel\":\"x\"}}");
      assertEquals(4300, bad.expect("pusher:error").get("data").get("code").asInt());
      bad.send("{\"event\":\"pusher:subscribe\",\"data\":{}}");
      assertEquals(4300, bad.expect("pusher:error").get("data").get("code").asInt());
      bad.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + "x".repeat(150 * 1024) + "\"}}");
      assertEquals(4300, bad.expect("pusher:error").get("data").get("code").asInt());
      bad.send("[1,2,3]");
      assertEquals(4300, bad.expect("pusher:error").get("data").get("code").asInt());
      api.trigger("steady", "still-here", Map.of("ok", true));
      assertTrue(good.next("still-here", 10_000) != null, "the well-behaved client still gets events");
      bad.send("{\"event\":\"pusher:ping\",\"data\":{}}");
      bad.expect("pusher:pong");
    }
  }

  @Test
  void subscriptionErrorsKeepTheSocketOpen() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      String id = s.socketId();
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"private-x\",\"auth\":\"app-key:bad\"}}");
      JsonNode err = s.expect("pusher:subscription_error");
      assertEquals(401, err.get("data").get("status").asInt());
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + "c".repeat(201) + "\"}}");
      assertEquals(4009, s.expect("pusher:subscription_error").get("data").get("status").asInt());
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"#server-to-user-1\"}}");
      assertEquals(4009, s.expect("pusher:subscription_error").get("data").get("status").asInt());
      subscribe(s, id, "private-x");
    }
  }

  @Test
  void clientEventsFollowEveryRule() throws Exception {
    try (RawSocket a = RawSocket.pusher(server.port(), "app-key");
        RawSocket b = RawSocket.pusher(server.port(), "app-key")) {
      String ida = a.socketId();
      String idb = b.socketId();
      subscribe(a, ida, "private-room");
      subscribe(b, idb, "private-room");
      subscribe(a, ida, "open");
      a.send("{\"event\":\"client-typing\",\"channel\":\"open\",\"data\":{}}");
      assertEquals(4301, a.expect("pusher:error").get("data").get("code").asInt());
      a.send("{\"event\":\"client-typing\",\"channel\":\"private-other\",\"data\":{}}");
      assertEquals(4301, a.expect("pusher:error").get("data").get("code").asInt());
      // object data goes out as the text it was measured as: quotes, escapes, non-ASCII and numbers intact
      String data = "{\"who\":\"a\",\"note\":\"é \\\"q\\\" \\\\ ✓\",\"n\":[1,2.5,-3e2,{\"x\":null}]}";
      a.send("{\"event\":\"client-typing\",\"channel\":\"private-room\",\"data\":" + data + "}");
      JsonNode got = b.next("client-typing", 10_000);
      assertEquals(PusherMessages.JSON.readTree(data), got.get("data"));
      assertNull(a.next("client-typing", 300), "not echoed to the sender");
    }
  }

  @Test
  void cacheChannelsReplayTheLastEventOrSayCacheMiss() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      String id = s.socketId();
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"cache-prices\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      s.expect("pusher:cache_miss");
    }
    api.trigger("cache-prices", "price", Map.of("eur", 1));
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      s.socketId();
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"cache-prices\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      assertEquals("{\"eur\":1}", s.next("price", 10_000).get("data").asText());
    }
  }

  @Test
  void anEventToAChannelNobodyListensOnIsAcceptedAndNotReplayedLater() throws Exception {
    assertEquals(200, api.trigger("nobody-here", "early", Map.of("n", 1)).getHttpStatus());
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      s.socketId();
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"nobody-here\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      assertNull(s.next("early", 300), "an event from before the subscription is not delivered");
      api.trigger("nobody-here", "late", Map.of("n", 2));
      assertEquals("{\"n\":2}", s.next("late", 10_000).get("data").asText());
    }
  }

  @Test
  void aThousandSubscribeCyclesLeaveNoChannelOrMemberBehind() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      String id = s.socketId();
      for (int i = 0; i < 1000; i++) {
        String ch = "presence-cycle-" + (i % 10);
        String data = "{\"user_id\":\"u" + i + "\",\"user_info\":{}}";
        String quoted = data.replace("\"", "\\\"");
        s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + ch + "\",\"auth\":\""
            + auth(id, ch, data) + "\",\"channel_data\":\"" + quoted + "\"}}");
        s.send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":\"" + ch + "\"}}");
      }
      s.send("{\"event\":\"pusher:ping\",\"data\":{}}");
      assertTrue(s.next("pusher:pong", 20_000) != null, "all 2,000 frames processed");
      Result channels = api.get("/channels", Map.of("filter_by_prefix", "presence-cycle"));
      assertEquals("{\"channels\":{}}", channels.getMessage());
      Result users = api.get("/channels/presence-cycle-3/users");
      assertEquals("{\"users\":[]}", users.getMessage());
    }
  }

  @Test
  void unknownKeyDisabledAppAndBadProtocolAreRefusedWithTheirCodes() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "nope")) {
      assertEquals(4001, s.expect("pusher:error").get("data").get("code").asInt());
      assertEquals(4001, s.closeCode.get(10, TimeUnit.SECONDS));
    }
    try (RawSocket s = RawSocket.pusher(server.port(), "off-key")) {
      assertEquals(4003, s.expect("pusher:error").get("data").get("code").asInt());
    }
    try (RawSocket s = RawSocket.connect(server.port(), "/app/app-key?protocol=3")) {
      assertEquals(4007, s.expect("pusher:error").get("data").get("code").asInt());
    }
  }

  @Test
  void aSilentClientIsPingedThenClosedWith4201() throws Exception {
    String json = TestServer.DEFAULT_CONFIG.replace("\"event_loops\":2", "\"event_loops\":2,\"activity_timeout\":1,"
        + "\"pong_timeout_ms\":500");
    try (TestServer quick = TestServer.start(json, Map.of())) {
      // sockets that close early leave the activity wheel mid-chain; the ones around them must still time out
      java.util.List<RawSocket> sockets = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          RawSocket s = RawSocket.pusher(quick.port(), "app-key");
          sockets.add(s);
          s.socketId();
        }
        sockets.get(1).close();
        sockets.get(4).close();
        for (int i : new int[] {0, 2, 3, 5}) {
          sockets.get(i).expect("pusher:ping");
          assertEquals(4201, sockets.get(i).closeCode.get(10, TimeUnit.SECONDS));
        }
      } finally {
        for (RawSocket s : sockets) {
          s.close();
        }
      }
    }
  }

  @Test
  void shuttingDownTellsEverySocketToReconnectWith4200() throws Exception {
    TestServer leaving = TestServer.start();
    try (RawSocket s = RawSocket.pusher(leaving.port(), "app-key")) {
      s.socketId();
      leaving.close();
      assertEquals(4200, s.expect("pusher:error").get("data").get("code").asInt());
      assertEquals(4200, s.closeCode.get(10, TimeUnit.SECONDS));
    }
  }
}
