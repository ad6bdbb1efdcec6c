package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pusher.rest.data.Result;
import dev.switchboard.TestClient;
import dev.switchboard.TestServer;
import dev.switchboard.pusher.PusherMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus endpoint of a real server, scraped after real clients (pusher-java-client,
 * pusher-http-java) connected, subscribed, received and sent events and called the API.
 */
class MetricsIT {
  private static TestServer server;
  private static com.pusher.rest.Pusher api;
  private static String app;

  /** One app without subscription_count messages, so nothing but the test's own traffic moves the counters. */
  private static final String CONFIG = """
      {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
       "app_manager":{"driver":"memory","array":{"apps":[
         {"id":"app-id","key":"app-key","secret":"app-secret","enable_client_messages":true}]}},
       "event_limits":{"max_payload_in_kb":1024},"max_outbound_buffer_kb":64}
      """;

  @BeforeAll
  static void start() {
    server = TestServer.start(CONFIG, Map.of());
    api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    api.setHost(server.hostPort());
    api.setEncrypted(false);
    app = "{app_id=\"app-id\",port=\"" + server.port() + "\"}";
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    server.close();
  }

  private static Scrape scrape() {
    return Scrape.of(server.metricsPort());
  }

  @Test
  void connectedAndConnectionCountersFollowClientsPerApp() throws Exception {
    Scrape before = Scrape.await(server.metricsPort(), s -> s.value("switchboard_connected" + app) == 0.0);
    TestClient a = TestClient.connect(server.port(), "app-key", "app-secret", "a");
    TestClient b = TestClient.connect(server.port(), "app-key", "app-secret", "b");
    try {
      Scrape.await(server.metricsPort(), s -> s.value("switchboard_connected" + app) == 2.0);
      Scrape open = scrape();
      assertEquals(2.0, open.delta(before, "switchboard_new_connections_total" + app));
      assertEquals(0.0, open.delta(before, "switchboard_new_disconnections_total" + app));
      b.close();
      Scrape.await(server.metricsPort(), s -> s.value("switchboard_connected" + app) == 1.0);
      assertEquals(1.0, scrape().delta(before, "switchboard_new_disconnections_total" + app));
    } finally {
      a.close();
      b.close();
    }
  }

  @Test
  void apiEventCountsOneMessageAndItsBytesPerRecipientAndOneApiCall() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), "app-key", "app-secret", "a");
         TestClient b = TestClient.connect(server.port(), "app-key", "app-secret", "b")) {
      a.subscribe("news", "greet");
      b.subscribe("news", "greet");
      Scrape before = scrape();
      Result r = api.trigger("news", "greet", Map.of("n", 1));
      assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
      assertEquals("greet:{\"n\":1}", a.events.poll(10, TimeUnit.SECONDS));
      assertEquals("greet:{\"n\":1}", b.events.poll(10, TimeUnit.SECONDS));
      int frame = PusherMessages.event("news", "greet", "{\"n\":1}", null).payloadLength();
      Scrape after = scrape();
      assertEquals(2.0, after.delta(before, "switchboard_ws_messages_sent_total" + app));
      assertEquals(2.0 * frame, after.delta(before, "switchboard_socket_transmitted_bytes" + app));
      assertEquals(1.0, after.delta(before, "switchboard_http_calls_received_total" + app));
      assertTrue(after.delta(before, "switchboard_http_received_bytes" + app) > 20, "request body counted");
      assertEquals(2.0, after.delta(before, "switchboard_http_transmitted_bytes" + app), "the body {}");
      assertTrue(after.delta(before, "switchboard_publish_write_latency_seconds_count" + app) >= 1,
          "one latency sample per loop task");
      assertTrue(after.value("switchboard_publish_write_latency_seconds_bucket{app_id=\"app-id\",port=\""
          + server.port() + "\",le=\"5.0\"}") >= 1, after.text);
    }
  }

  @Test
  void clientEventCountsAsReceivedFromTheSenderAndSentToTheOthers() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), "app-key", "app-secret", "a");
         TestClient b = TestClient.connect(server.port(), "app-key", "app-secret", "b")) {
      a.subscribe("private-chat");
      b.subscribe("private-chat", "client-typing");
      Scrape before = scrape();
      a.trigger("private-chat", "client-typing", "{\"on\":true}");
      assertEquals("client-typing:{\"on\":true}", b.events.poll(10, TimeUnit.SECONDS));
      Scrape after = scrape();
      assertEquals(1.0, after.delta(before, "switchboard_ws_messages_received_total" + app));
      assertTrue(after.delta(before, "switchboard_socket_received_bytes" + app) > 40);
      assertEquals(1.0, after.delta(before, "switchboard_ws_messages_sent_total" + app), "never echoed");
    }
  }

  @Test
  void seriesUseSoketiNamesTypesAndLabelsPlusJvmMetrics() throws Exception {
    TestClient c = TestClient.connect(server.port(), "app-key", "app-secret", "c");
    String text = scrape().text; // the app's series exist from its first connection on
    c.close();
    for (String soketi : new String[] {"connected", "new_connections_total", "new_disconnections_total",
        "socket_received_bytes", "socket_transmitted_bytes", "ws_messages_received_total", "ws_messages_sent_total",
        "http_received_bytes", "http_transmitted_bytes", "http_calls_received_total"}) {
      assertTrue(text.contains("\nswitchboard_" + soketi + app + " "), soketi + " missing:\n" + text);
    }
    assertTrue(text.contains("# TYPE switchboard_socket_transmitted_bytes counter"), text);
    assertFalse(text.contains("socket_transmitted_bytes_total"), "soketi's name has no _total");
    assertTrue(text.contains("switchboard_outbound_dropped_messages_total" + app), text);
    assertTrue(text.contains("switchboard_slow_consumer_closes_total" + app), text);
    assertTrue(text.contains("switchboard_jvm_memory_used_bytes{"), text);
    assertTrue(text.contains("switchboard_jvm_threads_live_threads{port=\"" + server.port() + "\"}"), text);
    assertTrue(text.contains("switchboard_process_cpu_usage{"), text);
    assertTrue(text.contains("switchboard_jvm_gc_"), text);
    assertFalse(text.contains("cluster_broker_connected"), "single node: no broker gauge");
  }

  @Test
  void aSocketThatStopsReadingIsClosedAsSlowConsumerAndCounted() throws Exception {
    CompletableFuture<String> established = new CompletableFuture<>();
    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://" + server.hostPort() + "/app/app-key?protocol=7"), new WebSocket.Listener() {
          @Override
          public void onOpen(WebSocket w) {
            w.request(1); // one message, then no demand: the client stops reading its socket
          }

          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            established.complete(data.toString());
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    assertTrue(established.get(10, TimeUnit.SECONDS).contains("pusher:connection_established"));
    ws.sendText("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"firehose\"}}", true)
        .get(10, TimeUnit.SECONDS);
    Scrape before = scrape();
    String megabyte = "x".repeat(1000 * 1024);
    Scrape s = before;
    for (int i = 0; i < 200 && s.delta(before, "switchboard_slow_consumer_closes_total" + app) == 0; i++) {
      api.trigger("firehose", "big", megabyte);
      if (i % 4 == 3) {
        s = scrape();
      }
    }
    assertEquals(1.0, s.delta(before, "switchboard_slow_consumer_closes_total" + app), s.text);
    assertTrue(s.delta(before, "switchboard_outbound_dropped_messages_total" + app) >= 1, s.text);
    ws.abort();
  }

  @Test
  void metricsPortAlsoServesUsageWithPerAppCounts() throws Exception {
    try (TestClient a = TestClient.connect(server.port(), "app-key", "app-secret", "a")) {
      a.subscribe("usage-check");
      JsonNode usage = new ObjectMapper().readTree(Scrape.get(server.metricsPort(), "/usage"));
      assertTrue(usage.path("apps").path("app-id").path("connections").asInt() >= 1, usage.toString());
      assertTrue(usage.path("apps").path("app-id").path("channels").asInt() >= 1, usage.toString());
      assertTrue(usage.path("memory").path("used").asLong() > 0, usage.toString());
    }
  }

  @Test
  void aBrowserOnAnotherOriginMayReadTheMetricsPortAfterAPreflight() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI usage = URI.create("http://127.0.0.1:" + server.metricsPort() + "/usage");
    java.net.http.HttpResponse<String> preflight = http.send(java.net.http.HttpRequest.newBuilder(usage)
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
        .header("Origin", "https://dashboard.example").header("Access-Control-Request-Method", "GET").build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(204, preflight.statusCode());
    assertCors(preflight.headers());
    for (String path : new String[] {"/usage", "/", "/ready", "/metrics"}) {
      java.net.http.HttpResponse<String> get = http.send(java.net.http.HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.metricsPort() + path)).header("Origin", "https://dashboard.example")
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(200, get.statusCode(), path);
      assertCors(get.headers());
    }
  }

  /** The same CORS headers the main port sends. */
  private static void assertCors(java.net.http.HttpHeaders h) {
    assertEquals("*", h.firstValue("Access-Control-Allow-Origin").orElse(null), h.toString());
    assertEquals("GET, POST, OPTIONS", h.firstValue("Access-Control-Allow-Methods").orElse(null), h.toString());
    assertTrue(h.firstValue("Access-Control-Allow-Headers").orElse("").contains("Content-Type"), h.toString());
  }

  @Test
  void soketiPrefixFromAFlatSoketiConfigNamesEverySeries() throws Exception {
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":100,
         "metrics.prometheus.prefix":"soketi_"}
        """;
    try (TestServer soketi = TestServer.start(config, Map.of())) {
      TestClient c = TestClient.connect(soketi.port(), "app-key", "app-secret", "u");
      try {
        String labels = "{app_id=\"app-id\",port=\"" + soketi.port() + "\"}";
        Scrape s = Scrape.await(soketi.metricsPort(), x -> x.value("soketi_connected" + labels) == 1.0);
        assertEquals(1.0, s.value("soketi_new_connections_total" + labels));
        assertTrue(s.value("soketi_socket_transmitted_bytes" + labels) > 0, "connection_established counted");
        assertTrue(s.value("soketi_ws_messages_sent_total" + labels) >= 1);
        assertFalse(s.text.contains("\nswitchboard_"), "no series keeps our prefix");
      } finally {
        c.close();
      }
    }
  }

  @Test
  void disabledMetricsOpenNoPort() {
    try (TestServer off = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"metrics":{"enabled":false}}
        """, Map.of())) {
      assertEquals(-1, off.metricsPort());
    }
  }
}
