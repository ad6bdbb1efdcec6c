package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.pusher.PusherSignatures;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client_event webhook's {@code data}: the object the client sent when the configuration is soketi's (as
 * soketi sends it), Pusher's string otherwise, and what {@code webhooks.client_event_data} says when it is set.
 */
class WebhookClientEventShapeIT {
  private static WebhookReceiver receiver;

  @BeforeAll
  static void start() throws Exception {
    receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close();
  }

  private static String hook(String path) {
    return "[{\"url\":\"" + receiver.url(path) + "\",\"event_types\":[\"client_event\"]}]";
  }

  /** Sends {"who":"a"} as a client event on a server with {@code config} and returns the webhook's data. */
  private static JsonNode clientEventData(String config, Map<String, String> env, String path, String channel)
      throws Exception {
    try (TestServer server = TestServer.start(config, env);
        RawSocket s = RawSocket.pusher(server.port(), "app-key")) {
      String id = s.socketId();
      s.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\",\"auth\":\"app-key:"
          + PusherSignatures.hmacHex("app-secret", id + ":" + channel) + "\"}}");
      s.expect("pusher_internal:subscription_succeeded");
      s.send("{\"event\":\"client-typing\",\"channel\":\"" + channel + "\",\"data\":{\"who\":\"a\"}}");
      return receiver.await(path, "client_event", channel).json().get("data");
    }
  }

  @Test
  void aSoketiFlatFileGetsTheDataAsTheObjectTheClientSent() throws Exception {
    JsonNode data = clientEventData("""
        {"host": "127.0.0.1", "port": 0, "event_loops": 1,
         "appManager.array.apps.0.enableClientMessages": true, "appManager.array.apps.0.webhooks": %s}
        """.formatted(hook("/file")), Map.of(), "/file", "private-file");
    assertTrue(data.isObject(), "soketi's shape: " + data);
    assertEquals("a", data.get("who").asText());
  }

  @Test
  void soketiVariablesGetTheObjectToo() throws Exception {
    JsonNode data = clientEventData("{\"host\": \"127.0.0.1\", \"port\": 0, \"event_loops\": 1}",
        Map.of("SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES", "true", "SOKETI_DEFAULT_APP_WEBHOOKS", hook("/env")),
        "/env", "private-env");
    assertTrue(data.isObject(), "soketi's shape: " + data);
  }

  @Test
  void theKeyChoosesPushersStringInASoketiConfig() throws Exception {
    JsonNode data = clientEventData("""
        {"host": "127.0.0.1", "port": 0, "event_loops": 1, "webhooks.clientEventData": "string",
         "appManager.array.apps.0.enableClientMessages": true, "appManager.array.apps.0.webhooks": %s}
        """.formatted(hook("/string")), Map.of(), "/string", "private-string");
    assertTrue(data.isTextual(), "Pusher's shape: " + data);
    assertEquals("a", WebhookReceiver.JSON.readTree(data.asText()).get("who").asText());
  }

  @Test
  void theKeyChoosesTheObjectInOurOwnConfig() throws Exception {
    JsonNode data = clientEventData("""
        {"host": "127.0.0.1", "port": 0, "event_loops": 1, "webhooks": {"client_event_data": "object"},
         "app_manager": {"array": {"apps": [{"id": "app-id", "key": "app-key", "secret": "app-secret",
           "enable_client_messages": true, "webhooks": %s}]}}}
        """.formatted(hook("/object")), Map.of(), "/object", "private-object");
    assertTrue(data.isObject(), "soketi's shape: " + data);
  }
}
