package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One event of a webhook body, in Pusher's field order ({@code name}, {@code channel}, then the event's
 * own fields). Client event data is sent as a string, as Pusher documents (data the client sent as JSON is
 * sent as its compact JSON text), or as soketi sends it: the JSON the client sent, as it was.
 */
public record WebhookEvent(String name, String channel, ObjectNode json) {
  public static final String CHANNEL_OCCUPIED = "channel_occupied";
  public static final String CHANNEL_VACATED = "channel_vacated";
  public static final String MEMBER_ADDED = "member_added";
  public static final String MEMBER_REMOVED = "member_removed";
  public static final String CLIENT_EVENT = "client_event";
  public static final String CACHE_MISS = "cache_miss";
  public static final String SUBSCRIPTION_COUNT = "subscription_count";

  private static ObjectNode base(String name, String channel) {
    return JsonNodeFactory.instance.objectNode().put("name", name).put("channel", channel);
  }

  public static WebhookEvent channel(String name, String channel) {
    return new WebhookEvent(name, channel, base(name, channel));
  }

  /** {@code userId}: a string or a number, as the member's client gave it (soketi sends it on as given). */
  public static WebhookEvent member(String name, String channel, JsonNode userId) {
    ObjectNode n = base(name, channel);
    n.set("user_id", userId);
    return new WebhookEvent(name, channel, n);
  }

  public static WebhookEvent subscriptionCount(String channel, int count) {
    return new WebhookEvent(SUBSCRIPTION_COUNT, channel, base(SUBSCRIPTION_COUNT, channel)
        .put("subscription_count", count));
  }

  /** {@code dataAsSent}: data as the JSON the client sent (soketi's shape) instead of its text (Pusher's). */
  public static WebhookEvent clientEvent(String channel, String event, JsonNode data, String socketId,
      JsonNode userId, boolean dataAsSent) {
    ObjectNode n = base(CLIENT_EVENT, channel).put("event", event);
    if (dataAsSent && data != null) {
      n.set("data", data);
    } else {
      n.put("data", data == null || data.isNull() ? null : data.isTextual() ? data.asText() : data.toString());
    }
    n.put("socket_id", socketId);
    if (userId != null) {
      n.set("user_id", userId);
    }
    return new WebhookEvent(CLIENT_EVENT, channel, n);
  }
}
