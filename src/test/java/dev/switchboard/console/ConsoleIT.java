package dev.switchboard.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.TestClient;
import dev.switchboard.TestServer;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.AppTap;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console on a real server's metrics port: off by default, and its log tap set only while a feed is open. */
class ConsoleIT {
  private static final String TOKEN = "console-it-token-0123456789";
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(TestServer s, String path, String auth) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.metricsPort() + path));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConsoleIsNotServedUnlessEnabled() throws Exception {
    try (TestServer s = TestServer.start()) {
      assertEquals(404, get(s, "/console/", null).statusCode());
      assertEquals(404, get(s, "/console/api/session", "Bearer " + TOKEN).statusCode());
    }
  }

  @Test
  void theConsoleNeedsTheMetricsPort() {
    Exception e = assertThrows(IllegalStateException.class, () -> TestServer.start(TestServer.DEFAULT_CONFIG,
        Map.of("SWITCHBOARD_CONSOLE_ENABLED", "true", "SWITCHBOARD_METRICS_ENABLED", "false")));
    String message = String.valueOf(e.getCause().getMessage()) + e.getCause().getCause();
    assertTrue(message.contains("console.enabled"), message);
  }

  @Test
  void anEventFromTheConsoleReachesAPusherClientAsAnApiEventWould() throws Exception {
    try (TestServer s = TestServer.start(TestServer.DEFAULT_CONFIG,
        Map.of("SWITCHBOARD_CONSOLE_ENABLED", "true", "SWITCHBOARD_CONSOLE_TOKEN", TOKEN));
        TestClient client = TestClient.connect(s.port(), "app-key", "app-secret", "u")) {
      client.subscribe("console-news", "greeting");
      String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("app-key:app-secret".getBytes());
      HttpResponse<String> sent = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.metricsPort()
              + "/console/api/apps/app-id/events")).header("Authorization", basic)
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"greeting\",\"channel\":\"console-news\","
              + "\"data\":\"{\\\"hi\\\":1}\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, sent.statusCode(), sent.body());
      assertEquals("greeting:{\"hi\":1}", client.events.poll(10, java.util.concurrent.TimeUnit.SECONDS));
      HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.metricsPort()
              + "/console/api/apps/app-id/events")).header("Authorization", basic)
          .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"channel\":\"console-news\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, bad.statusCode());
      assertTrue(bad.body().contains("data is required"), bad.body());
      HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
              + s.metricsPort() + "/console/api/apps/off-id/events")).header("Authorization", basic)
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, other.statusCode());
    }
  }

  @Test
  void aWebhookAttemptAndItsOutcomeReachTheFeed() throws Exception {
    com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(500, -1); // refused for now: retried, and the feed says so
      x.close();
    });
    receiver.start();
    String config = TestServer.DEFAULT_CONFIG.replace("\"enable_subscription_count\":true}",
        "\"enable_subscription_count\":true,\"webhooks\":[{\"url\":\"http://127.0.0.1:"
        + receiver.getAddress().getPort() + "/hook\",\"event_types\":[\"channel_occupied\"]}]}");
    try (TestServer s = TestServer.start(config,
        Map.of("SWITCHBOARD_CONSOLE_ENABLED", "true", "SWITCHBOARD_CONSOLE_TOKEN", TOKEN))) {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.metricsPort()
          + "/console/api/apps/app-id/stream")).header("Authorization", "Bearer " + TOKEN).build();
      HttpResponse<java.util.stream.Stream<String>> feed = http.send(req, HttpResponse.BodyHandlers.ofLines());
      try (var lines = feed.body(); TestClient client = TestClient.connect(s.port(), "app-key", "app-secret", "u")) {
        client.subscribe("hooked");
        var it = lines.iterator();
        var seen = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          while (it.hasNext()) {
            String l = it.next();
            if (l.contains("\"kind\":\"webhook\"") && l.contains("\"channel\":\"hooked\"")
                && l.contains("retry (HTTP 500)")) {
              return true;
            }
          }
          return false;
        });
        assertTrue(seen.get(20, java.util.concurrent.TimeUnit.SECONDS));
      }
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void aFeedTapsItsAppUntilItsReaderGoes() throws Exception {
    try (TestServer s = TestServer.start(TestServer.DEFAULT_CONFIG,
        Map.of("SWITCHBOARD_CONSOLE_ENABLED", "true", "SWITCHBOARD_CONSOLE_TOKEN", TOKEN))) {
      HttpResponse<String> page = get(s, "/console/", null);
      assertEquals(200, page.statusCode());
      assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'none'"));
      assertNull(page.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
      assertEquals(401, get(s, "/console/api/apps/app-id/stream", null).statusCode());

      AppRuntime rt = s.server().hub().runtime("app-id");
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.metricsPort()
          + "/console/api/apps/app-id/stream")).header("Authorization", "Bearer " + TOKEN).build();
      HttpResponse<java.io.InputStream> feed = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      try (BufferedReader r = new BufferedReader(new InputStreamReader(feed.body(), StandardCharsets.UTF_8))) {
        assertTrue(r.readLine().contains("\"type\":\"hello\""));
        assertTrue(rt.tap() instanceof ConsoleLog, "watched while the feed is open");
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (rt.tap() != AppTap.OFF && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling a state with a deadline; nothing to await
      }
      assertSame(AppTap.OFF, rt.tap(), "no watcher, no tap");
    }
  }
}
