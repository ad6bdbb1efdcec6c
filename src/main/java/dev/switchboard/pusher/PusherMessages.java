package dev.switchboard.pusher;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.FrameBuffer;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.PresenceRoster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * Encodes every server-to-client Pusher message. Where Pusher sends {@code data} as a JSON-encoded string
 * (connection_established, subscription_succeeded, member_added/removed, subscription_count), so do we.
 */
public final class PusherMessages {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  private static final JsonStringEncoder ESCAPE = JsonStringEncoder.getInstance();
  private static final byte[] ROSTER_HEAD =
      ascii("{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":\"");
  private static final byte[] ROSTER_IDS = ascii("\",\"data\":\"{\\\"presence\\\":{\\\"ids\\\":[");
  private static final byte[] ROSTER_HASH = ascii("],\\\"hash\\\":{");
  private static final byte[] ROSTER_COUNT = ascii("},\\\"count\\\":");
  private static final byte[] ROSTER_TAIL = ascii("}}\"}");

  private PusherMessages() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

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

  /**
   * A channel event whose data is a string (HTTP API), any JSON value or {@link RawJson} (client events);
   * {@code userId} stamps a presence client event, a string or number as the sender's client gave it.
   */
  public static OutboundMessage event(String channel, String event, Object data, JsonNode userId) {
    return encode(g -> {
      g.writeStringField("event", event);
      g.writeStringField("channel", channel);
      writeData(g, data);
      if (userId != null) {
        g.writeFieldName("user_id");
        g.writeTree(userId);
      }
    });
  }

  /** JSON text that is already encoded (a client event's data, sized as text first): written as it is. */
  public record RawJson(String json) {}

  private static void writeData(JsonGenerator g, Object data) throws IOException {
    if (data instanceof RawJson raw) {
      g.writeFieldName("data");
      g.writeRawValue(raw.json());
    } else if (data instanceof JsonNode n) {
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
    return error(e, null);
  }

  /**
   * A {@code pusher:error} about {@code channel} (null: about the connection). With the channel pusher-js
   * also raises it on that channel object ({@code channel.bind('pusher:error', ...)}), as soketi sends it.
   */
  public static OutboundMessage error(PusherError e, String channel) {
    return encode(g -> {
      g.writeStringField("event", "pusher:error");
      if (channel != null) {
        g.writeStringField("channel", channel);
      }
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

  /**
   * The presence roster. Each member's pieces come from the roster's per-member cache ({@link RosterEntry}),
   * already escaped for the string-encoded {@code data}, so a join costs one copy per member.
   */
  public static OutboundMessage presenceSucceeded(String channel, PresenceRoster roster) {
    List<RosterEntry> members = roster.encoded(PusherMessages::rosterEntry);
    byte[] name = ESCAPE.quoteAsUTF8(channel);
    return FrameBuffer.message(out -> {
      out.write(ROSTER_HEAD);
      out.write(name);
      out.write(ROSTER_IDS);
      for (int i = 0, n = members.size(); i < n; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(members.get(i).id());
      }
      out.write(ROSTER_HASH);
      for (int i = 0, n = members.size(); i < n; i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(members.get(i).hashEntry());
      }
      out.write(ROSTER_COUNT);
      out.write(Integer.toString(members.size()).getBytes(StandardCharsets.US_ASCII));
      out.write(ROSTER_TAIL);
    });
  }

  /**
   * One member of a roster as it sits inside the string {@code data}: the id in {@code ids} ({@code "id"},
   * or a number as the client gave it, as soketi lists it) and {@code "id":info} in the hash, whose keys are
   * strings in any JSON.
   */
  record RosterEntry(byte[] id, byte[] hashEntry) {}

  static RosterEntry rosterEntry(String userId, JsonNode idJson, String infoJson) {
    String key = '"' + new String(ESCAPE.quoteAsString(userId)) + '"';
    String id = idJson != null && idJson.isNumber() ? idJson.toString() : key;
    String hashEntry = key + ':' + (infoJson == null ? "null" : infoJson);
    return new RosterEntry(ESCAPE.quoteAsUTF8(id), ESCAPE.quoteAsUTF8(hashEntry));
  }

  /** {@code userId}: a string or a number, as the member's client gave it. */
  public static OutboundMessage memberAdded(String channel, JsonNode userId, JsonNode info) {
    String data = json(g -> {
      g.writeFieldName("user_id");
      g.writeTree(userId);
      if (info != null) {
        g.writeFieldName("user_info");
        g.writeTree(info);
      }
    });
    return internal("pusher_internal:member_added", channel, data);
  }

  public static OutboundMessage memberRemoved(String channel, JsonNode userId) {
    String data = json(g -> {
      g.writeFieldName("user_id");
      g.writeTree(userId);
    });
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
