package dev.switchboard.signaling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.FrameBuffer;
import dev.switchboard.core.OutboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes client frames and encodes server frames. Decoding follows y-webrtc's {@code bin/server.js}
 * exactly where it works ({@code type} must be a string; a missing or falsy {@code topics} is an empty list;
 * non-string topics are skipped; a publish needs a non-empty string topic) and answers with an error where
 * it would crash (not JSON, {@code topics} not a list).
 */
final class SignalingCodec {
  // JSON.parse rejects "{} x"; Jackson would read the first value and drop the rest unless told otherwise
  static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  static final OutboundMessage PONG = OutboundMessage.ofJson("{\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8));
  private static final SignalingMessage IGNORED = new SignalingMessage.Ignored();
  private static final SignalingMessage PING = new SignalingMessage.Ping();

  private SignalingCodec() {}

  static SignalingMessage decode(String text) {
    JsonNode msg;
    try {
      msg = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalidJson();
    }
    if (msg == null || msg.isMissingNode()) {
      throw invalidJson(); // an empty frame
    }
    if (!msg.isObject() || !msg.path("type").isTextual()) {
      return IGNORED;
    }
    return switch (msg.get("type").asText()) {
      case "subscribe" -> new SignalingMessage.Subscribe(topics(msg, "subscribe"));
      case "unsubscribe" -> new SignalingMessage.Unsubscribe(topics(msg, "unsubscribe"));
      case "publish" -> {
        JsonNode topic = msg.get("topic");
        yield topic != null && topic.isTextual() && !topic.asText().isEmpty()
            ? new SignalingMessage.Publish(topic.asText(), (ObjectNode) msg)
            : IGNORED;
      }
      case "ping" -> PING;
      default -> IGNORED;
    };
  }

  private static SignalingException invalidJson() {
    return new SignalingException("Invalid JSON: messages must be JSON objects with a type.");
  }

  /** {@code message.topics || []}, keeping only the strings. */
  private static List<String> topics(JsonNode msg, String type) {
    JsonNode t = msg.get("topics");
    if (t == null || falsy(t)) {
      return List.of();
    }
    if (!t.isArray()) {
      throw new SignalingException(type + " needs topics as an array of strings.");
    }
    List<String> out = new ArrayList<>(t.size());
    for (JsonNode n : t) {
      if (n.isTextual()) {
        out.add(n.asText());
      }
    }
    return out;
  }

  /** JavaScript's falsy JSON values: null, false, 0 and "". */
  private static boolean falsy(JsonNode n) {
    return n.isNull() || (n.isBoolean() && !n.asBoolean()) || (n.isNumber() && n.asDouble() == 0)
        || (n.isTextual() && n.asText().isEmpty());
  }

  /** The publish frame for every subscriber: the client's object with {@code clients} set, encoded once. */
  static OutboundMessage publish(ObjectNode message, int clients) {
    message.put("clients", clients);
    return FrameBuffer.message(out -> JSON.writeValue(out, message));
  }

  static OutboundMessage error(String message) {
    ObjectNode o = JSON.createObjectNode().put("type", "error").put("message", message);
    return FrameBuffer.message(out -> JSON.writeValue(out, o));
  }
}
