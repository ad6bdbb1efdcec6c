package dev.switchboard.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestServer;
import dev.switchboard.metrics.Scrape;
import dev.switchboard.testing.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection-level behaviour: dead peers, per-IP connection rate, quota, drain, counters. */
class SignalingConnectionsIT {
  private static TestServer start(String signaling) {
    return TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":2000,"signaling":%s}
        """.formatted(signaling), Map.of());
  }

  @Test
  void aPeerThatNeverAnswersPingsIsClosedAndLeavesItsTopics() throws Exception {
    try (TestServer server = start("{\"ping_interval_sec\":1,\"max_connections_per_ip_per_second\":-1}");
        SignalingClient alive = SignalingClient.connect(server.port(), "/signaling");
        RawWebSocket dead = RawWebSocket.connect(server.port(), "/signaling")) {
      dead.sendText("{\"type\":\"subscribe\",\"topics\":[\"room\"]}");
      dead.sendText("{\"type\":\"ping\"}");
      assertEquals(0x1, dead.readUntil(0x1).opcode()); // the pong: the subscribe is done
      alive.send("{\"type\":\"subscribe\",\"topics\":[\"room\"]}");
      alive.send("{\"type\":\"publish\",\"topic\":\"room\"}");
      assertEquals(2, alive.next("publish").get("clients").asInt());
      assertEquals(0x9, dead.readUntil(0x9).opcode()); // pinged after a second of silence, never answered
      RawWebSocket.Frame close = dead.readUntil(0x8);
      assertEquals(4201, close.closeCode());
      alive.send("{\"type\":\"publish\",\"topic\":\"room\"}");
      assertEquals(1, alive.next("publish").get("clients").asInt());
      // the JDK client answers pings, so it outlived several intervals
      alive.assertAlive();
    }
  }

  @Test
  void tooManyNewConnectionsFromOneIpAreRefusedWith429() throws Exception {
    try (TestServer server = start("{\"max_connections_per_ip_per_second\":3}")) {
      List<SignalingClient> ok = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          ok.add(SignalingClient.connect(server.port(), "/signaling"));
        }
        assertEquals(429, SignalingClient.handshakeStatus(server.port(), "/signaling"));
        ok.get(0).assertAlive(); // the ones let in are unaffected
        assertTrue(server.server().signaling().stats().snapshot().get("signaling_connections_rejected_total") >= 1);
      } finally {
        ok.forEach(SignalingClient::close);
      }
    }
  }

  @Test
  void behindAProxyTheConfiguredHeaderNamesTheClientIp() throws Exception {
    try (TestServer server = start("{\"max_connections_per_ip_per_second\":1,\"ip_header\":\"X-Forwarded-For\"}")) {
      assertEquals(101, SignalingClient.handshakeStatus(server.port(), "/signaling", "spoofed, 10.0.0.1"));
      assertEquals(429, SignalingClient.handshakeStatus(server.port(), "/signaling", "other, 10.0.0.1"));
      assertEquals(101, SignalingClient.handshakeStatus(server.port(), "/signaling", "10.0.0.1, 10.0.0.2"));
    }
  }

  @Test
  void theBuiltInNamespaceQuotaClosesTheExtraSocketWith4100() throws Exception {
    try (TestServer server = start("{\"max_connections\":1,\"max_connections_per_ip_per_second\":-1}");
        SignalingClient first = SignalingClient.connect(server.port(), "/signaling")) {
      first.assertAlive();
      SignalingClient second = SignalingClient.connect(server.port(), "/signaling");
      assertTrue(second.next("error").get("message").asText().contains("quota"));
      assertEquals(4100, second.closeCode());
      second.close();
      first.assertAlive();
    }
  }

  @Test
  void stoppingTheServerTellsSignalingSocketsToReconnectWith4200() throws Exception {
    TestServer server = start("{\"max_connections_per_ip_per_second\":-1}");
    try (SignalingClient c = SignalingClient.connect(server.port(), "/signaling")) {
      c.assertAlive();
      server.close();
      assertEquals("error", c.next("error").get("type").asText());
      assertEquals(4200, c.closeCode());
    }
  }

  /** The signaling series on /metrics, and the per-app socket counters of the built-in namespace. */
  @Test
  void metricsTrackConnectionsTopicsAndMessages() throws Exception {
    try (TestServer server = start("{\"max_connections_per_ip_per_second\":-1,\"max_connections\":2}")) {
      String port = "{port=\"" + server.port() + "\"}";
      String builtin = "{app_id=\"signaling:builtin\",port=\"" + server.port() + "\"}";
      try (SignalingClient a = SignalingClient.connect(server.port(), "/signaling");
          SignalingClient b = SignalingClient.connect(server.port(), "/signaling")) {
        a.send("{\"type\":\"subscribe\",\"topics\":[\"x\",\"y\"]}");
        a.assertNothingPending();
        b.send("{\"type\":\"subscribe\",\"topics\":[\"x\"]}");
        b.send("{\"type\":\"publish\",\"topic\":\"x\"}");
        a.next("publish");
        b.next("publish");
        a.send("nope");
        a.next("error");
        SignalingClient third = SignalingClient.connect(server.port(), "/signaling"); // over max_connections
        assertEquals(4100, third.closeCode());
        third.close();
        Scrape m = Scrape.of(server.metricsPort());
        assertEquals(2, m.value("switchboard_signaling_connections" + port));
        assertEquals(2, m.value("switchboard_signaling_new_connections_total" + port));
        assertEquals(1, m.value("switchboard_signaling_connections_rejected_total" + port));
        assertEquals(2, m.value("switchboard_signaling_topics" + port));
        assertEquals(3, m.value("switchboard_signaling_subscriptions" + port));
        assertEquals(1, m.value("switchboard_signaling_messages_published_total" + port));
        assertEquals(2, m.value("switchboard_signaling_deliveries_total" + port));
        assertEquals(2, m.value("switchboard_signaling_errors_sent_total" + port)); // "nope", and the quota
        assertEquals(5, m.value("switchboard_signaling_messages_received_total" + port));
        // sub+ping+"nope" from a, sub+publish from b; a got pong, publish, error and b the publish
        assertEquals(5, m.value("switchboard_ws_messages_received_total" + builtin));
        assertEquals(4, m.value("switchboard_ws_messages_sent_total" + builtin));
      }
      Scrape.await(server.metricsPort(), m -> m.value("switchboard_signaling_connections" + port) == 0
          && m.value("switchboard_signaling_subscriptions" + port) == 0
          && m.value("switchboard_signaling_topics" + port) == 0);
    }
  }
}
