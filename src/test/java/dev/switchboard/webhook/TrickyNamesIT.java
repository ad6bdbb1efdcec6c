package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.data.Result;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Channel names with path tricks ({@code ../}, {@code %2F}, encoded and raw NULs) and control characters: refused
 * with Pusher's subscription_error 4009 on the socket and 400 on the HTTP API, never reported to a webhook, and
 * never written raw to a log line (an app key with a line break in the URL included).
 */
class TrickyNamesIT {
  private static final String[] NAMES = {"../../etc/passwd", "private-../x", "a/b", "a%2Fb", "a%00b", "a\u0000b",
      "presence-x\u0000", "a\nforged-line", "a\r\nb", "red\u001b[31m", "tab\tname", "del\u007f"};

  @Test
  void trickyChannelNamesAreRefusedEverywhereAndReachNoWebhookOrLogRaw() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
    String config = TestServer.DEFAULT_CONFIG.replace("\"enable_subscription_count\":true}",
        "\"enable_subscription_count\":true,\"webhooks\":[{\"url\":\"" + receiver.url("/hook")
            + "\",\"event_types\":[\"channel_occupied\",\"channel_vacated\",\"subscription_count\"]}]}");
    try (LogCapture logs = new LogCapture(); TestServer server = TestServer.start(config, Map.of());
        RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      s.socketId();
      for (String name : NAMES) {
        s.send(WebhookReceiver.JSON.createObjectNode().put("event", "pusher:subscribe")
            .set("data", WebhookReceiver.JSON.createObjectNode().put("channel", name)).toString());
        JsonNode err = s.expect("pusher:subscription_error");
        assertEquals(4009, err.get("data").get("status").asInt(), err.toString());
      }
      apiRefusesEveryName(server);
      try (RawSocket oddKey = RawSocket.connect(server.port(), "/app/%0Aforged%00key?protocol=7")) {
        assertEquals(4001, oddKey.expect("pusher:error").get("data").get("code").asInt());
      }
      // a valid channel afterwards: its webhook arrives, and it is the only channel any webhook named
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"marker\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      receiver.await("/hook", "channel_occupied", "marker");
      for (WebhookReceiver.Request r : receiver.requests()) {
        for (JsonNode e : r.json().get("events")) {
          assertEquals("marker", e.get("channel").asText(), r.body());
        }
      }
      List<String> lines = new ArrayList<>();
      for (Level l : new Level[] {Level.INFO, Level.WARN, Level.ERROR}) {
        lines.addAll(logs.lines(l, ""));
      }
      for (String line : lines) {
        assertTrue(line.chars().noneMatch(c -> c < 0x20 || c == 0x7f), "raw control character logged: " + line);
        assertTrue(!line.contains("passwd") && !line.contains("forged"), "a tricky name was logged: " + line);
      }
    } finally {
      receiver.close();
    }
  }

  /** Events naming the channel are 400; so are the channel's info and users whatever the signature. */
  private static void apiRefusesEveryName(TestServer server) throws Exception {
    try (com.pusher.rest.Pusher api = server.api()) {
      for (String name : NAMES) {
        String body = WebhookReceiver.JSON.createObjectNode().put("name", "e").put("data", "{}")
            .set("channels", WebhookReceiver.JSON.createArrayNode().add(name)).toString();
        Result r = api.post("/events", body);
        assertEquals(400, r.getHttpStatus().intValue(), name + ": " + r.getMessage());
      }
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      for (String path : new String[] {"/channels/..%2F..%2Fetc%2Fpasswd", "/channels/a%00b",
          "/channels/presence-a%0Ab/users", "/channels/%2E%2E%2F"}) {
        var res = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://" + server.hostPort() + "/apps/app-id" + path)).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(400, res.statusCode(), path + ": " + res.body());
        assertTrue(res.body().contains("\"code\":400"), res.body());
      }
    }
  }
}
