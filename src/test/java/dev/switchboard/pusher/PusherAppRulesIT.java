package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-app rules on the socket: the sign-in deadline, client-event limits and client events switched off. */
class PusherAppRulesIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":100,
         "user_authentication_timeout_ms":400,
         "app_manager":{"array":{"apps":[
           {"id":"auth","key":"auth-key","secret":"auth-secret","enable_user_authentication":true},
           {"id":"small","key":"small-key","secret":"small-secret","enable_client_messages":true,
            "max_event_name_length":20,"max_event_payload_in_kb":1},
           {"id":"quiet","key":"quiet-key","secret":"quiet-secret","enable_client_messages":false}]}}}
        """, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static int errorCode(RawSocket s) throws Exception {
    return s.expect("pusher:error").get("data").get("code").asInt();
  }

  @Test
  void aSocketThatDoesNotSignInWithinTheTimeoutIsClosedWith4009() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "auth-key")) {
      s.socketId();
      assertEquals(4009, errorCode(s));
      assertEquals(4009, s.closeCode.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSignedInSocketOutlivesTheDeadline() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "auth-key")) {
      String id = s.socketId();
      String user = "{\"id\":\"u1\"}";
      String sig = PusherSignatures.hmacHex("auth-secret", id + "::user::" + user);
      s.send("{\"event\":\"pusher:signin\",\"data\":{\"auth\":\"auth-key:" + sig + "\",\"user_data\":\""
          + user.replace("\"", "\\\"") + "\"}}");
      s.expect("pusher:signin_success");
      assertNull(s.next("pusher:error", 1_000), "no timeout error after signing in");
      assertFalse(s.closeCode.isDone());
      s.send("{\"event\":\"pusher:ping\",\"data\":{}}");
      s.expect("pusher:pong");
    }
  }

  @Test
  void clientEventsOverTheNameOrPayloadLimitGet4301() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "small-key")) {
      String id = s.socketId();
      String ch = "private-room";
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + ch + "\",\"auth\":\"small-key:"
          + PusherSignatures.hmacHex("small-secret", id + ":" + ch) + "\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      s.send("{\"event\":\"client-" + "n".repeat(20) + "\",\"channel\":\"" + ch + "\",\"data\":{}}");
      assertEquals(4301, errorCode(s));
      s.send("{\"event\":\"client-big\",\"channel\":\"" + ch + "\",\"data\":\"" + "x".repeat(1100) + "\"}");
      assertEquals(4301, errorCode(s));
      s.send("{\"event\":\"pusher:ping\",\"data\":{}}");
      JsonNode pong = s.expect("pusher:pong");
      assertEquals("pusher:pong", pong.get("event").asText(), "a refused client event keeps the socket");
    }
  }

  @Test
  void clientEventsOfAnAppWithoutClientMessagesGet4301() throws Exception {
    try (RawSocket s = RawSocket.pusher(server.port(), "quiet-key")) {
      String id = s.socketId();
      String ch = "private-room";
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + ch + "\",\"auth\":\"quiet-key:"
          + PusherSignatures.hmacHex("quiet-secret", id + ":" + ch) + "\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      s.send("{\"event\":\"client-hi\",\"channel\":\"" + ch + "\",\"data\":{}}");
      assertEquals(4301, errorCode(s));
    }
  }
}
