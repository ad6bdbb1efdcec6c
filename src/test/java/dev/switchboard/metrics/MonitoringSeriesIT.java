package dev.switchboard.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.TestClient;
import dev.switchboard.TestServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard (ops/grafana/switchboard.json) and the alert rules (ops/prometheus/switchboard-alerts.yml)
 * query only series a real server exposes: a clustered server (Redis) with the signaling and gateway endpoints
 * gets real traffic (pusher-java-client connect, subscribe and presence join, an API publish, a webhook to a
 * local receiver, a signaling subscribe and publish, a gateway ping), then every metric name in the PromQL
 * expressions must be on its /metrics. Its {@code ready} gauge drops to 0 once it starts draining.
 */
class MonitoringSeriesIT {
  /** Series Prometheus makes itself, never on a target's /metrics. */
  private static final Set<String> SYNTHETIC = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
  private static final String PREFIX = "switchboard_";

  @Test
  void everySeriesTheDashboardAndTheAlertsQueryExists() throws Exception {
    AtomicInteger hooks = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", x -> {
      x.getRequestBody().readAllBytes();
      hooks.incrementAndGet();
      x.sendResponseHeaders(200, -1);
      x.close();
    });
    receiver.start();
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":1500,
         "adapter":{"driver":"redis","redis":{"prefix":"monitoring-series-it-%d"}},
         "gateway":{"enabled":true},
         "app_manager":{"driver":"memory","array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret",
           "webhooks":[{"url":"http://127.0.0.1:%d/hook","event_types":["channel_occupied"]}]}]}}}
        """.formatted(System.nanoTime(), receiver.getAddress().getPort());
    Scrape scrape;
    try (TestServer server = TestServer.start(config, Map.of())) {
      traffic(server.port());
      long deadline = System.currentTimeMillis() + 10_000;
      while (hooks.get() == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20); // the webhook goes out from the worker: nothing to wait on from here
      }
      assertTrue(hooks.get() > 0, "the webhook reached the receiver");
      System.gc(); // the GC pause timer appears with the first collection, which a short run may not have had
      scrape = Scrape.await(server.metricsPort(), s -> s.value("switchboard_webhooks_delivered_total{port=\""
          + server.port() + "\"}") > 0 && s.value("switchboard_ready{port=\"" + server.port() + "\"}") == 1
          && s.text.contains("switchboard_jvm_gc_pause_seconds_count"));
      server.server().stop(); // draining for the grace period: /ready answers 500, and the gauge says so
      Scrape.await(server.metricsPort(), s -> s.text.contains("switchboard_ready{port=\"" + server.port() + "\"} 0.0"));
    } finally {
      receiver.stop(0);
    }
    Set<String> exposed = names(scrape.text);
    List<String> missing = new ArrayList<>();
    Path dashboard = Path.of("ops/grafana/switchboard.json");
    for (String expr : PromQlNames.dashboardExpressions(new ObjectMapper().readTree(dashboard.toFile()))) {
      check(dashboard, expr, exposed, missing);
    }
    Path rules = Path.of("ops/prometheus/switchboard-alerts.yml");
    List<String> ruleExprs = PromQlNames.ruleExpressions(Files.readAllLines(rules));
    assertTrue(ruleExprs.size() >= 8, "rules read: " + ruleExprs);
    for (String expr : ruleExprs) {
      check(rules, expr, exposed, missing);
    }
    assertEquals(List.of(), missing, "series queried but not exposed");
  }

  /**
   * When promtool (Debian package prometheus) is installed: it accepts the rules, and the rules' unit tests
   * (ops/prometheus/switchboard-alerts.test.yml: each alert fires on its condition, not on a short dip) pass.
   */
  @Test
  void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
    promtool("check", "rules", "switchboard-alerts.yml");
    promtool("test", "rules", "switchboard-alerts.test.yml");
    // the dashboard's queries, variables filled in, as recording rules: promtool parses each one
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int i = 0;
    for (String expr : PromQlNames.dashboardExpressions(new ObjectMapper().readTree(
        Path.of("ops/grafana/switchboard.json").toFile()))) {
      String filled = expr.replace("${prefix}", PREFIX).replace("$__rate_interval", "1m")
          .replaceAll("\\$\\w+", ".*");
      rules.append("      - record: dashboard_query_").append(i++).append("\n        expr: ")
          .append(new ObjectMapper().writeValueAsString(filled)).append('\n');
    }
    Path file = Files.createTempFile(Path.of("target").toAbsolutePath(), "dashboard-queries", ".yml");
    try {
      Files.writeString(file, rules);
      promtool("check", "rules", file.toString());
    } finally {
      Files.delete(file);
    }
  }

  private static void promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("promtool"));
    command.addAll(List.of(args));
    Process p;
    try {
      p = new ProcessBuilder(command).directory(new java.io.File("ops/prometheus")).redirectErrorStream(true).start();
    } catch (java.io.IOException notInstalled) {
      org.junit.jupiter.api.Assumptions.abort("promtool is not installed");
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
  }

  private static void check(Path file, String expr, Set<String> exposed, List<String> missing) {
    Set<String> used = PromQlNames.of(expr, PREFIX);
    assertTrue(!used.isEmpty(), file + ": no series in " + expr);
    for (String name : used) {
      if (!exposed.contains(name) && !SYNTHETIC.contains(name)) {
        missing.add(file + ": " + name + " in " + expr);
      }
    }
  }

  private static Set<String> names(String text) {
    Set<String> out = new TreeSet<>();
    for (String line : text.split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        out.add(line.split("[{ ]", 2)[0]);
      }
    }
    return out;
  }

  private static void traffic(int port) throws Exception {
    try (TestClient alice = TestClient.connect(port, "app-key", "app-secret", "alice");
        TestClient bob = TestClient.connect(port, "app-key", "app-secret", "bob")) {
      alice.subscribe("news", "flash");
      alice.join("presence-room");
      assertTrue(bob.join("presence-room").contains("alice"));
      try (com.pusher.rest.Pusher api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret")) {
        api.setHost("127.0.0.1:" + port);
        api.setEncrypted(false);
        assertEquals(200, api.trigger("news", "flash", Map.of("n", 1)).getHttpStatus());
      }
      assertTrue(alice.events.poll(10, TimeUnit.SECONDS) != null, "the publish was delivered");
    }
    HttpClient http = HttpClient.newHttpClient();
    List<String> signals = exchange(http, port, "/signaling/app-key",
        "{\"type\":\"subscribe\",\"topics\":[\"room\"]}", "{\"type\":\"publish\",\"topic\":\"room\",\"x\":1}");
    assertTrue(signals.stream().anyMatch(m -> m.contains("\"publish\"")), "signaling echoed: " + signals);
    List<String> gateway = exchange(http, port, "/gateway/app-key", "{\"action\":\"ping\"}");
    assertTrue(gateway.stream().anyMatch(m -> m.toLowerCase(java.util.Locale.ROOT).contains("pong")),
        "gateway answered: " + gateway);
  }

  /** Opens a WebSocket, sends {@code frames}, and returns the text frames received until the last answer. */
  private static List<String> exchange(HttpClient http, int port, String path, String... frames) throws Exception {
    List<String> got = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> answered = new CompletableFuture<>();
    WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + path),
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            got.add(data.toString());
            answered.complete(null);
            w.request(1);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    for (String f : frames) {
      ws.sendText(f, true).get(10, TimeUnit.SECONDS);
    }
    answered.get(10, TimeUnit.SECONDS);
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
    return got;
  }
}
