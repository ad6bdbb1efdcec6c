package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.pusher.PusherSignatures;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server started from a soketi config file that amends soketi's default app with an indexed key and gives
 * size limits in fractions of a KB, as soketi's JavaScript numbers allow.
 */
class SoketiConfigFileIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host": "127.0.0.1", "port": 0, "event_loops": 1,
         "appManager.array.apps.0.enableClientMessages": true,
         "eventLimits.maxPayloadInKb": 0.25, "presence.maxMemberSizeInKb": 0.1}
        """, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String subscribe(RawSocket s, String channel) throws Exception {
    String id = s.socketId();
    s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":\"app-key:"
        + PusherSignatures.hmacHex("app-secret", id + ":" + channel) + "\"}}");
    s.expect("pusher_internal:subscription_succeeded");
    return id;
  }

  @Test
  void theDefaultAppAcceptsClientEventsWhenAppZeroEnablesThem() throws Exception {
    try (RawSocket a = RawSocket.pusher(server.port(), "app-key");
        RawSocket b = RawSocket.pusher(server.port(), "app-key")) {
      subscribe(a, "private-room");
      subscribe(b, "private-room");
      a.send("{\"event\":\"client-hi\",\"channel\":\"private-room\",\"data\":{\"n\":1}}");
      JsonNode got = b.expect("client-hi");
      assertEquals(1, got.get("data").get("n").asInt());
    }
  }

  @Test
  void aClientEventOverAFractionalKbLimitGets4301AndOneUnderItIsDelivered() throws Exception {
    try (RawSocket a = RawSocket.pusher(server.port(), "app-key");
        RawSocket b = RawSocket.pusher(server.port(), "app-key")) {
      subscribe(a, "private-sizes");
      subscribe(b, "private-sizes");
      a.send("{\"event\":\"client-big\",\"channel\":\"private-sizes\",\"data\":\"" + "x".repeat(257) + "\"}");
      JsonNode error = a.expect("pusher:error");
      assertEquals(4301, error.get("data").get("code").asInt());
      assertEquals("Event payload is larger than 0.25 KB.", error.get("data").get("message").asText());
      a.send("{\"event\":\"client-fits\",\"channel\":\"private-sizes\",\"data\":\"" + "x".repeat(256) + "\"}");
      assertEquals(256, b.expect("client-fits").get("data").asText().length());
    }
  }

  @Test
  void presenceMemberInfoOverAFractionalKbLimitIsRefused() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      String id = s.socketId();
      String ch = "presence-sizes";
      String data = "{\"user_id\":\"u1\",\"user_info\":{\"name\":\"" + "n".repeat(100) + "\"}}";
      String auth = PusherSignatures.hmacHex("app-secret", id + ":" + ch + ":" + data);
      ObjectNode sub = JSON.createObjectNode().put("event", "pusher:subscribe");
      sub.putObject("data").put("channel", ch).put("auth", "app-key:" + auth).put("channel_data", data);
      s.send(sub.toString());
      JsonNode err = s.expect("pusher:subscription_error");
      assertEquals(4301, err.get("data").get("status").asInt(), err.toString());
    }
  }
}
