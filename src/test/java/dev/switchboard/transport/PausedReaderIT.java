package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestServer;
import dev.switchboard.testing.RawWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading while events pile up (more than the kernel buffers for it, less than
 * {@code max_outbound_buffer_kb}) gets every one of them whole and in order once it reads again, and a client
 * that kept reading got them all meanwhile. Frames go straight to the socket while nothing waits for it and
 * through the channel once the kernel refuses more, so this crosses from one path to the other mid-frame.
 */
class PausedReaderIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATH = "/app/app-key?protocol=7";
  private static final int EVENTS = 160;
  private static final int DATA_BYTES = 60 * 1024;
  private static TestServer server;
  private static com.pusher.rest.Pusher api;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"max_outbound_buffer_kb":65536,
         "app_manager":{"array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret",
           "max_event_payload_in_kb":100}]}}}
        """, Map.of());
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    server.close();
  }

  private static RawWebSocket subscribed(String channel) throws Exception {
    RawWebSocket ws = RawWebSocket.connect(server.port(), PATH);
    assertTrue(text(ws.readUntil(0x1)).contains("pusher:connection_established"));
    ws.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
    assertTrue(text(ws.readUntil(0x1)).contains("pusher_internal:subscription_succeeded"));
    return ws;
  }

  private static String text(RawWebSocket.Frame f) {
    return new String(f.payload(), StandardCharsets.UTF_8);
  }

  /** Event {@code i}'s data: its number, then a filler that differs per event, so a misplaced byte shows. */
  private static String data(int i) {
    StringBuilder b = new StringBuilder(DATA_BYTES).append(i).append(':');
    char fill = (char) ('a' + i % 26);
    while (b.length() < DATA_BYTES) {
      b.append(fill);
    }
    return b.toString();
  }

  private static void expectAll(RawWebSocket ws) throws Exception {
    for (int i = 0; i < EVENTS; i++) {
      RawWebSocket.Frame f = ws.readUntil(0x1);
      assertEquals(0x1, f.opcode(), "connection ended before event " + i);
      JsonNode m = JSON.readTree(f.payload());
      assertEquals("big", m.path("event").asText());
      // the SDK sends a string as JSON, so the event's data is that string quoted
      String expected = JSON.writeValueAsString(data(i));
      assertTrue(expected.equals(m.path("data").asText()), "event " + i + " whole and in its place");
    }
  }

  @Test
  void aReaderThatPausedGetsEveryEventWholeAndInOrderAndTheOtherReaderWasNotHeldUp() throws Exception {
    try (RawWebSocket paused = subscribed("backlog"); RawWebSocket reading = subscribed("backlog")) {
      CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
        try {
          expectAll(reading);
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      });
      for (int i = 0; i < EVENTS; i++) {
        assertEquals(200, api.trigger("backlog", "big", data(i)).getHttpStatus());
      }
      read.get(30, TimeUnit.SECONDS); // the reading client got every event while the other one paused
      assertTrue(paused.available() > 0, "the paused client's kernel buffer holds events");
      expectAll(paused); // about 9.6 MiB: more than the kernel held, so the rest waited in the server
    }
  }
}
