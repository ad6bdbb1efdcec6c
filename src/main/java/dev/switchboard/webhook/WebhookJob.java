package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What travels through the queue: one body for one target of one app. The body is final (filtered and
 * encoded) so every delivery attempt sends the same bytes; it is signed at send time with the app's current
 * secret, so no secret is stored in the queue.
 */
public record WebhookJob(String appId, JsonNode target, String body) {
  public byte[] toBytes() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("app_id", appId);
    n.set("target", target);
    n.put("body", body);
    try {
      return WebhookBody.JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static WebhookJob fromBytes(byte[] bytes) {
    JsonNode n;
    try {
      n = WebhookBody.JSON.readTree(bytes);
    } catch (IOException e) {
      throw new WebhookException("webhook job is not JSON: " + e.getMessage());
    }
    if (n == null || !n.path("app_id").isTextual() || !n.path("target").isObject() || !n.path("body").isTextual()) {
      throw new WebhookException("webhook job lacks app_id, target or body");
    }
    return new WebhookJob(n.get("app_id").asText(), n.get("target"), n.get("body").asText());
  }

  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
