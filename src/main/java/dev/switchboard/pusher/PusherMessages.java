package dev.switchboard.pusher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.FrameBuffer;
import dev.switchboard.core.OutboundMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collection;
import java.util.Map;

/**
 * Encodes every server-to-client Pusher message. Where Pusher sends {@code data} as a JSON-encoded string
 * (connection_established, subscription_succeeded, member_added/removed, subscription_count), so do we.
 */
public final class PusherMessages {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();

  private PusherMessages() {}

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static OutboundMessage encode(Body body) {
    return FrameBuffer.message(out -> writeObject(out, body));
  }

  static String json(Body body) {
    return FrameBuffer.text(out -> writeObject(out, body));
  }

  private static void writeObject(OutputStream out, Body body) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
    }
  }

  /** A channel event whose data is a string (HTTP API) or any JSON value (client events). */
  public static OutboundMessage event(String channel, String event, Object data, String userId) {
    return encode(g -> {
      g.writeStringField("event", event);
      g.writeStringField("channel", channel);
      writeData(g, data);
      if (userId != null) {
        g.writeStringField("user_id", userId);
      }
    });
  }

  private static void writeData(JsonGenerator g, Object data) throws IOException {
    if (data instanceof JsonNode n) {
      g.writeFieldName("data");
      g.writeTree(n);
    } else if (data != null) {
      g.writeStringField("data", data.toString());
    }
  }

  public static OutboundMessage connectionEstablished(String socketId, int activityTimeout) {
    String data = json(g -> {
      g.writeStringField("socket_id", socketId);
      g.writeNumberField("activity_timeout", activityTimeout);
    });
    return encode(g -> {
      g.writeStringField("event", "pusher:connection_established");
      g.writeStringField("data", data);
    });
  }

  public static OutboundMessage error(PusherError e) {
    return encode(g -> {
      g.writeStringField("event", "pusher:error");
      g.writeObjectFieldStart("data");
      g.writeStringField("message", e.message());
      g.writeNumberField("code", e.code());
      g.writeEndObject();
    });
  }

  public static OutboundMessage subscriptionError(String channel, String type, String error, int status) {
    return encode(g -> {
      g.writeStringField("event", "pusher:subscription_error");
      g.writeStringField("channel", channel);
      g.writeObjectFieldStart("data");
      g.writeStringField("type", type);
      g.writeStringField("error", error);
      g.writeNumberField("status", status);
      g.writeEndObject();
    });
  }

  public static OutboundMessage subscriptionSucceeded(String channel) {
    return internal("pusher_internal:subscription_succeeded", channel, "{}");
  }

  /** {@code members}: user id → user info as JSON text (null when none), as the roster keeps it. */
  public static OutboundMessage presenceSucceeded(String channel, Map<String, String> members) {
    String data = json(g -> {
      g.writeObjectFieldStart("presence");
      g.writeArrayFieldStart("ids");
      for (String id : members.keySet()) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("hash");
      for (Map.Entry<String, String> m : members.entrySet()) {
        g.writeFieldName(m.getKey());
        if (m.getValue() == null) {
          g.writeNull();
        } else {
          g.writeRawValue(m.getValue());
        }
      }
      g.writeEndObject();
      g.writeNumberField("count", members.size());
      g.writeEndObject();
    });
    return internal("pusher_internal:subscription_succeeded", channel, data);
  }

  public static OutboundMessage memberAdded(String channel, String userId, JsonNode info) {
    String data = json(g -> {
      g.writeStringField("user_id", userId);
      if (info != null) {
        g.writeFieldName("user_info");
        g.writeTree(info);
      }
    });
    return internal("pusher_internal:member_added", channel, data);
  }

  public static OutboundMessage memberRemoved(String channel, String userId) {
    String data = json(g -> g.writeStringField("user_id", userId));
    return internal("pusher_internal:member_removed", channel, data);
  }

  public static OutboundMessage subscriptionCount(String channel, int count) {
    String data = json(g -> g.writeNumberField("subscription_count", count));
    return internal("pusher_internal:subscription_count", channel, data);
  }

  public static OutboundMessage cacheMiss(String channel) {
    return encode(g -> {
      g.writeStringField("event", "pusher:cache_miss");
      g.writeStringField("channel", channel);
    });
  }

  public static OutboundMessage signinSuccess(String userData) {
    String data = json(g -> g.writeStringField("user_data", userData));
    return encode(g -> {
      g.writeStringField("event", "pusher:signin_success");
      g.writeStringField("data", data);
    });
  }

  /** {@code name} is "online" or "offline". */
  public static OutboundMessage watchlist(String name, Collection<String> userIds) {
    String data = json(g -> {
      g.writeArrayFieldStart("events");
      g.writeStartObject();
      g.writeStringField("name", name);
      g.writeArrayFieldStart("user_ids");
      for (String id : userIds) {
        g.writeString(id);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
    });
    return encode(g -> {
      g.writeStringField("event", "pusher_internal:watchlist_events");
      g.writeStringField("data", data);
    });
  }

  public static final OutboundMessage PONG = encode(g -> {
    g.writeStringField("event", "pusher:pong");
    g.writeStringField("data", "{}");
  });

  public static final OutboundMessage PING = encode(g -> {
    g.writeStringField("event", "pusher:ping");
    g.writeStringField("data", "{}");
  });

  private static OutboundMessage internal(String event, String channel, String data) {
    return encode(g -> {
      g.writeStringField("event", event);
      g.writeStringField("channel", channel);
      g.writeStringField("data", data);
    });
  }
}
