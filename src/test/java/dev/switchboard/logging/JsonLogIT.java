package dev.switchboard.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.NodeProcess;
import dev.switchboard.TestClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real node started as a user starts it with {@code SWITCHBOARD_LOG_FORMAT=json} and debug logging: after
 * real traffic (pusher-java-client connect and subscribe, a refused key, an API publish, bad API requests, a
 * webhook the receiver first refuses) and a graceful stop, every line it wrote parses as one JSON object
 * with the fixed fields, and the fields the code passes (app_id, *_ms) are there as fields.
 */
class JsonLogIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TS = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void everyLineOfARealNodeIsOneJsonObjectWithTheFixedFields() throws Exception {
    AtomicInteger hooks = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hook", x -> {
      x.getRequestBody().readAllBytes();
      x.sendResponseHeaders(hooks.incrementAndGet() == 1 ? 503 : 200, -1); // the first is retried
      x.close();
    });
    receiver.start();
    Path config = Files.createTempFile("json-log", ".json");
    Files.writeString(config, """
        {"log":{"levels":{"dev.switchboard":"debug"}},
         "webhooks":{"retry":{"initial_delay_ms":100,"max_delay_ms":400,"max_elapsed_ms":60000}},
         "app_manager":{"driver":"memory","array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret",
           "webhooks":[{"url":"http://127.0.0.1:%d/hook","event_types":["channel_occupied"]}]}]}}}
        """.formatted(receiver.getAddress().getPort()));
    Path log = Path.of("target", "nodes", "json-log.log");
    Files.deleteIfExists(log);
    try (NodeProcess node = NodeProcess.start("json-log", NodeProcess.env("SWITCHBOARD_LOG_FORMAT", "json"),
        "--config", config.toString())) {
      traffic(node.port());
      long deadline = System.currentTimeMillis() + 15_000;
      while (hooks.get() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50); // the retry comes on the worker's timer: nothing to wait on from here
      }
      assertEquals(2, hooks.get(), "the webhook was refused once and then delivered");
    } finally {
      receiver.stop(0);
      Files.delete(config);
    }
    List<JsonNode> lines = parse(Files.readAllLines(log, StandardCharsets.UTF_8));
    assertTrue(lines.stream().anyMatch(n -> n.path("msg").asText().startsWith("switchboard listening on")));
    assertTrue(lines.stream().anyMatch(n -> n.path("msg").asText().startsWith("draining")
        && n.path("grace_ms").isIntegralNumber()), "the drain line carries grace_ms as a number");
    assertTrue(lines.stream().anyMatch(n -> n.path("msg").asText().startsWith("webhook to ")
        && n.path("app_id").asText().equals("app-id") && n.path("retry_in_ms").isIntegralNumber()),
        "the webhook retry line carries app_id and retry_in_ms");
    assertTrue(lines.stream().anyMatch(n -> n.path("level").asText().equals("DEBUG")
        && n.path("msg").asText().startsWith("webhook delivered") && n.path("app_id").asText().equals("app-id")),
        "log.levels from the file turned debug on for dev.switchboard");
  }

  private static void traffic(int port) throws Exception {
    try (TestClient c = TestClient.connect(port, "app-key", "app-secret", "u-1")) {
      c.subscribe("orders", "placed");
      try (com.pusher.rest.Pusher api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret")) {
        api.setHost("127.0.0.1:" + port);
        api.setEncrypted(false);
        assertEquals(200, api.trigger("orders", "placed", Map.of("line", "quote \" newline \n émoji 😀"))
            .getHttpStatus());
        String got = c.events.poll(10, TimeUnit.SECONDS);
        assertTrue(got != null && got.startsWith("placed:"), "the subscriber got the event: " + got);
      }
      try (com.pusher.rest.Pusher wrong = new com.pusher.rest.Pusher("app-id", "app-key", "not-the-secret")) {
        wrong.setHost("127.0.0.1:" + port);
        wrong.setEncrypted(false);
        assertEquals(401, wrong.trigger("orders", "placed", Map.of()).getHttpStatus());
      }
      HttpResponse<String> bad = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
          + "/apps/app-id/events?auth_key=app-key")).POST(HttpRequest.BodyPublishers.ofString("{not json\n\u0001"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(bad.statusCode() >= 400, bad.body());
    }
    TestClient refused = TestClient.open(port, "no-such-key", "x", "u-2");
    refused.start();
    assertEquals("4001", refused.errorCode.get(10, TimeUnit.SECONDS));
    refused.close();
  }

  /** Every line as JSON with the fixed fields; the failure names the first line that is not. */
  private static List<JsonNode> parse(List<String> raw) {
    List<JsonNode> out = new ArrayList<>();
    for (String line : raw) {
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (Exception e) {
        throw new AssertionError("not a JSON line: " + line + "\n(" + e.getMessage() + ")");
      }
      assertTrue(n != null && n.isObject(), "not a JSON object: " + line);
      assertTrue(TS.matcher(n.path("ts").asText()).matches(), "ts: " + line);
      assertTrue(List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(n.path("level").asText()), line);
      assertTrue(n.path("logger").isTextual() && n.has("msg"), "logger and msg: " + line);
      if (n.has("error")) {
        assertTrue(n.path("stack").isTextual(), "an error comes with its stack: " + line);
      }
      out.add(n);
    }
    assertTrue(out.size() >= 5, "the node logged " + out.size() + " lines");
    return out;
  }
}
