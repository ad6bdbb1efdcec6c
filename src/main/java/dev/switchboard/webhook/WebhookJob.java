package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * What travels through the queue: one body for one target of one app. The body is final (filtered and
 * encoded) so every delivery attempt sends the same bytes. The target is only referenced (its index in the
 * app's {@code webhooks} and a hash of where it sends to) and is resolved from the app at delivery time,
 * which also signs with the app's current secret, so no secret, credential or custom header is stored in
 * the queue.
 *
 * <p>A job whose delivery failed moves to the retry topic carrying its retry state: {@code attempts} made so
 * far, {@code firstMs} (when the first attempt was made, 0 before it; the retry budget counts from it) and
 * {@code notBeforeMs} (when the next attempt is due).
 */
public record WebhookJob(String appId, int targetIndex, String targetKey, String body, int attempts, long firstMs,
    long notBeforeMs) {

  /** The job for target number {@code index} of the app's targets. */
  static WebhookJob of(String appId, int index, WebhookTarget target, String body) {
    return new WebhookJob(appId, index, key(target), body, 0, 0, 0);
  }

  /** This job after {@code attempts} attempts, the first at {@code firstMs}, next due at {@code notBeforeMs}. */
  WebhookJob retry(int attempts, long firstMs, long notBeforeMs) {
    return new WebhookJob(appId, targetIndex, targetKey, body, attempts, firstMs, notBeforeMs);
  }

  /** Identifies the target across apps, for per-target limits. */
  String targetId() {
    return appId + "/" + targetKey;
  }

  /** Identifies a target by where it sends (URL or Lambda function), hashed so no URL token is stored. */
  static String key(WebhookTarget t) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(t.destination().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The app's target this job is for: the one at its index when it still sends to the same place, else the
   * first that does (entries were reordered); null when the app no longer has it.
   */
  WebhookTarget resolve(List<WebhookTarget> targets) {
    if (targetIndex >= 0 && targetIndex < targets.size() && key(targets.get(targetIndex)).equals(targetKey)) {
      return targets.get(targetIndex);
    }
    return targets.stream().filter(t -> key(t).equals(targetKey)).findFirst().orElse(null);
  }

  public byte[] toBytes() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("app_id", appId);
    n.put("target_index", targetIndex);
    n.put("target_key", targetKey);
    n.put("body", body);
    if (attempts > 0 || notBeforeMs > 0) {
      n.put("attempts", attempts);
      n.put("first_ms", firstMs);
      n.put("not_before_ms", notBeforeMs);
    }
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
      throw new WebhookException("webhook job is not JSON");
    }
    if (n != null && n.path("target").isObject() && n.path("app_id").isTextual() && n.path("body").isTextual()) {
      // queued by an older version, which carried the whole target: only where it sends to is kept
      WebhookTarget legacy = WebhookTargets.parseOne(n.get("target"), "target");
      return new WebhookJob(n.get("app_id").asText(), -1, key(legacy), n.get("body").asText(), 0, 0, 0);
    }
    if (n == null || !n.path("app_id").isTextual() || !n.path("target_index").isInt()
        || !n.path("target_key").isTextual() || !n.path("body").isTextual()) {
      throw new WebhookException("webhook job lacks app_id, target_index, target_key or body");
    }
    return new WebhookJob(n.get("app_id").asText(), n.get("target_index").asInt(), n.get("target_key").asText(),
        n.get("body").asText(), n.path("attempts").asInt(0), n.path("first_ms").asLong(0),
        n.path("not_before_ms").asLong(0));
  }

  /**
   * What of an unreadable job may be logged: its app id and body when it has them, never other fields
   * (an older job format carried the whole target, credentials and headers included).
   */
  static String loggable(byte[] bytes) {
    try {
      JsonNode n = WebhookBody.JSON.readTree(bytes);
      if (n != null && n.isObject()) {
        return "app_id=" + n.path("app_id").asText("?") + " payload=" + n.path("body").asText("");
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: nothing in it can be told apart from a secret
    }
    return "payload_bytes=" + bytes.length;
  }

  public byte[] bodyBytes() {
    return body.getBytes(StandardCharsets.UTF_8);
  }
}
