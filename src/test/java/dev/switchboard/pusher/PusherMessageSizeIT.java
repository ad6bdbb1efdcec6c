package dev.switchboard.pusher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** websocket_max_payload_kb limits a client message's bytes on the wire, not its characters. */
class PusherMessageSizeIT {
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"websocket_max_payload_kb":1,
         "app_manager":{"array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret"}]}}}
        """, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String ping(String filler) {
    return "{\"event\":\"pusher:ping\",\"data\":{\"pad\":\"" + filler + "\"}}";
  }

  @Test
  void aMessageUnderTheLimitInCharactersButOverItInBytesIsRefused() throws Exception {
    String message = ping("é".repeat(600)); // ~650 characters, ~1,250 UTF-8 bytes
    assertTrue(message.length() < 1024 && message.getBytes(StandardCharsets.UTF_8).length > 1024);
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      s.socketId();
      s.send(message);
      JsonNode error = s.expect("pusher:error");
      assertEquals(4300, error.get("data").get("code").asInt());
      assertTrue(error.get("data").get("message").asText().contains("larger than 1 KB"), error.toString());
    }
  }

  @Test
  void aMessageWithinTheLimitInBytesIsAnswered() throws Exception {
    String message = ping("e".repeat(900));
    assertTrue(message.getBytes(StandardCharsets.UTF_8).length <= 1024);
    try (RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      s.socketId();
      s.send(message);
      s.expect("pusher:pong");
    }
  }
}
