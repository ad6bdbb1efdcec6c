package dev.switchboard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.pusher.PusherSignatures;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A server started from a soketi config file that only amends soketi's default app with indexed keys. */
class SoketiConfigFileIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host": "127.0.0.1", "port": 0, "event_loops": 1,
         "appManager.array.apps.0.enableClientMessages": true}
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
}
