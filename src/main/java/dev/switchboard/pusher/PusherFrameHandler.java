package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Parses one client text message and routes it by event name. Anything malformed gets a 4300
 * {@code pusher:error} and the socket stays open.
 */
final class PusherFrameHandler {
  private final PusherContext ctx;

  PusherFrameHandler(PusherContext ctx) {
    this.ctx = ctx;
  }

  /** {@code utf8Bytes}: the message's size on the wire, which the limit is about (not its char count). */
  void onText(PusherSocket s, String text, int utf8Bytes) {
    s.touch();
    if (utf8Bytes > ctx.config().maxPayloadBytes()) {
      s.fail(PusherError.badMessage("Message is larger than " + ctx.config().maxPayloadBytes() / 1024 + " KB."));
      return;
    }
    JsonNode msg;
    try {
      msg = PusherMessages.JSON.readTree(text);
    } catch (Exception e) {
      s.fail(PusherError.badMessage("Invalid JSON."));
      return;
    }
    JsonNode ev = msg == null ? null : msg.get("event");
    if (ev == null || !ev.isTextual()) {
      s.fail(PusherError.badMessage("Messages must be JSON objects with an event name."));
      return;
    }
    String event = ev.asText();
    switch (event) {
      case "pusher:ping" -> s.deliver(PusherMessages.PONG);
      case "pusher:pong" -> { /* touch() above already recorded the answer */ }
      case "pusher:subscribe" -> SubscribeHandler.handle(s, data(msg));
      case "pusher:unsubscribe" -> {
        JsonNode ch = data(msg).get("channel");
        if (ch != null && ch.isTextual()) {
          s.app().unsubscribe(s, ch.asText());
        } else {
          s.fail(PusherError.badMessage("pusher:unsubscribe needs data.channel as a string"));
        }
      }
      case "pusher:signin" -> SigninHandler.handle(s, data(msg));
      default -> {
        if (event.startsWith("client-")) {
          ClientEventHandler.handle(s, event, msg);
        } else {
          s.fail(PusherError.badMessage("Unknown event " + abbreviate(event) + "."));
        }
      }
    }
  }

  void onBinary(PusherSocket s) {
    s.touch();
    s.fail(PusherError.badMessage("Binary frames are not supported; send JSON text."));
  }

  /** The data object; pusher-js sends it as an object, some clients as a JSON string. */
  private static JsonNode data(JsonNode msg) {
    JsonNode d = msg.get("data");
    if (d != null && d.isTextual()) {
      try {
        JsonNode parsed = PusherMessages.JSON.readTree(d.asText());
        if (parsed != null && parsed.isObject()) {
          return parsed;
        }
      } catch (Exception ignored) {
        // fall through: treated as an empty object, which each handler rejects with its own message
      }
    }
    return d != null && d.isObject() ? d : PusherMessages.JSON.createObjectNode();
  }

  private static String abbreviate(String s) {
    return s.length() > 50 ? s.substring(0, 50) + "..." : s;
  }
}
