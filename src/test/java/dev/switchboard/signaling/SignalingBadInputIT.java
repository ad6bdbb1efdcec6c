package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestServer;
import dev.switchboard.testing.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed, oversized and abusive input: each gets a clear answer (an error frame, or close 1009), and a
 * bystander subscribed to the same topic keeps receiving throughout.
 */
class SignalingBadInputIT {
  private static final String CONFIG = """
      {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
       "signaling":{"max_connections_per_ip_per_second":-1,"max_message_kb":8,"max_topics_per_connection":3,
                    "max_topic_length":20,"max_publish_per_second":5}}
      """;
  private static TestServer server;
  private SignalingClient bystander;

  @BeforeAll
  static void start() {
    server = TestServer.start(CONFIG, Map.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void bystanderJoins() throws Exception {
    bystander = SignalingClient.connect(server.port(), "/signaling");
    bystander.send("{\"type\":\"subscribe\",\"topics\":[\"shared\"]}");
    bystander.assertNothingPending();
  }

  /** The bystander still gets messages published to the shared topic by someone else. */
  @AfterEach
  void bystanderStillReceives() throws Exception {
    try (SignalingClient other = SignalingClient.connect(server.port(), "/signaling")) {
      other.send("{\"type\":\"publish\",\"topic\":\"shared\",\"check\":true}");
      assertTrue(bystander.next("publish").get("check").asBoolean());
    }
    bystander.close();
  }

  private static SignalingClient attacker() throws Exception {
    SignalingClient a = SignalingClient.connect(server.port(), "/signaling");
    a.send("{\"type\":\"subscribe\",\"topics\":[\"shared\"]}");
    a.assertNothingPending();
    return a;
  }

  @Test
  void nonJsonTextGetsAnErrorFrameAndTheSocketStays() throws Exception {
    try (SignalingClient a = attacker()) {
      for (String junk : List.of("not json", "{", "{\"type\":\"ping\"} trailing", "", "\u0000\u0001", "[[[[[[")) {
        a.send(junk);
        assertTrue(a.next("error").get("message").asText().contains("Invalid JSON"), junk);
      }
      a.assertAlive();
    }
  }

  @Test
  void deeplyNestedJsonIsRefusedWithoutHarm() throws Exception {
    try (SignalingClient a = attacker()) {
      a.send("[".repeat(3000) + "]".repeat(3000));
      a.next("error");
      a.assertAlive();
    }
  }

  @Test
  void binaryFramesGetAnErrorFrameAndTheSocketStays() throws Exception {
    try (SignalingClient a = attacker()) {
      a.sendBinary("{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertTrue(a.next("error").get("message").asText().contains("Binary"));
      a.sendBinary(new byte[] {(byte) 0xff, 0, 1});
      a.next("error");
      a.assertAlive();
    }
  }

  @Test
  void aMessageOverTheSizeLimitClosesWith1009() throws Exception {
    try (SignalingClient a = attacker()) {
      a.send("{\"type\":\"publish\",\"topic\":\"shared\",\"data\":\"" + "x".repeat(9 * 1024) + "\"}");
      assertEquals(1009, a.closeCode());
    }
  }

  @Test
  void multiByteCharactersCountTowardsTheSizeLimitInBytes() throws Exception {
    try (SignalingClient a = attacker()) {
      a.send("{\"type\":\"publish\",\"topic\":\"nobody\",\"data\":\"" + "\u20ac".repeat(3 * 1024) + "\"}");
      assertEquals(1009, a.closeCode()); // 3072 chars, 9216 bytes
    }
  }

  @Test
  void aBinaryMessageOverTheSizeLimitClosesWith1009() throws Exception {
    try (SignalingClient a = attacker()) {
      a.sendBinary(new byte[9 * 1024]);
      assertEquals(1009, a.closeCode());
    }
  }

  @Test
  void aFrameBeyondWhatTheServerReadsIsClosedWithoutReadingIt() throws Exception {
    // the HTTP server reads frames up to 4 x websocket_max_payload_kb (400 KB); announce 64 MB
    try (RawWebSocket raw = RawWebSocket.connect(server.port(), "/signaling")) {
      raw.sendFrameHeader(0x1, 64L * 1024 * 1024);
      RawWebSocket.Frame f = raw.readUntil(0x8);
      assertEquals(1009, f.closeCode());
    }
  }

  @Test
  void topicsThatAreNotAListGetAnErrorFrame() throws Exception {
    try (SignalingClient a = attacker()) {
      for (String topics : List.of("\"one\"", "5", "true", "{\"a\":1}")) {
        a.send("{\"type\":\"subscribe\",\"topics\":" + topics + "}");
        assertTrue(a.next("error").get("message").asText().contains("array"), topics);
        a.send("{\"type\":\"unsubscribe\",\"topics\":" + topics + "}");
        a.next("error");
      }
      a.assertAlive();
    }
  }

  @Test
  void topicsPastThePerConnectionLimitAreRefusedAndTheFirstOnesKept() throws Exception {
    try (SignalingClient a = attacker()) {
      a.send("{\"type\":\"subscribe\",\"topics\":[\"t1\",\"t2\",\"t3\",\"t4\"]}");
      assertTrue(a.next("error").get("message").asText().contains("at most 3 topics"));
      a.send("{\"type\":\"publish\",\"topic\":\"t2\"}");
      assertEquals(1, a.next("publish").get("clients").asInt());
      a.send("{\"type\":\"publish\",\"topic\":\"t4\"}");
      a.assertNothingPending();
    }
  }

  @Test
  void overlongTopicNamesAreRefused() throws Exception {
    try (SignalingClient a = attacker()) {
      a.send("{\"type\":\"subscribe\",\"topics\":[\"" + "x".repeat(21) + "\",\"ok-topic\"]}");
      assertTrue(a.next("error").get("message").asText().contains("20 characters"));
      a.send("{\"type\":\"publish\",\"topic\":\"ok-topic\"}");
      a.next("publish");
    }
  }

  @Test
  void topicsWithControlCharactersAreRefusedAndPathLikeTopicsAreOpaqueNames() throws Exception {
    try (SignalingClient a = attacker(); SignalingClient b = SignalingClient.connect(server.port(), "/signaling")) {
      a.send("{\"type\":\"subscribe\",\"topics\":[\"nul\\u0000x\",\"line\\nbreak\",\"../up\"]}");
      String message = a.next("error").get("message").asText();
      assertTrue(message.contains("control characters; 2 not subscribed"), message);
      // "../up" is a room name like any other: never decoded or resolved, so "up" is another room
      b.send("{\"type\":\"publish\",\"topic\":\"up\",\"n\":1}");
      b.send("{\"type\":\"publish\",\"topic\":\"../up\",\"n\":2}");
      assertEquals(2, a.next("publish").get("n").asInt());
      b.send("{\"type\":\"publish\",\"topic\":\"nul\\u0000x\",\"n\":3}");
      a.assertNothingPending();
    }
  }

  @Test
  void publishingFasterThanTheRateLimitDropsTheExcessWithAnError() throws Exception {
    try (SignalingClient a = attacker()) {
      List<String> types = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        a.send("{\"type\":\"publish\",\"topic\":\"nobody-listens\"}");
      }
      a.send("{\"type\":\"ping\"}");
      String t;
      do {
        t = a.next().get("type").asText();
        types.add(t);
      } while (!t.equals("pong"));
      long errors = types.stream().filter("error"::equals).count();
      assertTrue(errors >= 5 && errors <= 7, types.toString()); // a burst of 5 passes, plus what refills
    }
  }
}
