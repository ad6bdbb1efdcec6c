package dev.switchboard.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.core.ChannelNames;
import dev.switchboard.core.Utf8;
import dev.switchboard.pusher.PusherMessages;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /events} and {@code POST /batch_events}: validate every event first, then publish. */
final class EventsEndpoint {
  private static final Pattern SOCKET_ID = Pattern.compile("\\d+\\.\\d+");

  private EventsEndpoint() {}

  /** A validated event ready to publish. */
  private record Event(List<String> channels, String name, String data, String socketId, Set<String> info) {}

  /**
   * Validates the request (400/413 before anything counts against the rate limit) and returns how many
   * channel publications it makes, which is what the backend-events limit counts.
   */
  static int points(ApiRequest r, boolean batch) {
    JsonNode body = r.json();
    if (batch) {
      int n = 0;
      for (Event e : parseBatch(r.app(), body)) {
        n += e.channels.size();
      }
      return Math.max(1, n);
    }
    return parse(r.app(), body).channels.size();
  }

  static Future<Object> events(ApiRequest r) {
    Event e = parse(r.app(), r.json());
    return Future.fromCompletionStage(publish(r, e)).map(v -> infoFor(r, e, true));
  }

  static Future<Object> batch(ApiRequest r) {
    List<Event> events = parseBatch(r.app(), r.json());
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (Event e : events) {
      sent.add(publish(r, e));
    }
    return Future.fromCompletionStage(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)))
        .map(v -> batchInfo(r, events));
  }

  private static Object batchInfo(ApiRequest r, List<Event> events) {
    ArrayNode out = ApiResponses.JSON.createArrayNode();
    boolean anyInfo = false;
    for (Event e : events) {
      anyInfo |= !e.info.isEmpty();
    }
    for (Event e : events) {
      ObjectNode attrs = ApiResponses.JSON.createObjectNode();
      if (!e.info.isEmpty()) {
        attrs = ChannelInfo.attributes(r.runtime(), e.channels.get(0), e.info);
      }
      out.add(attrs);
    }
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    if (anyInfo) {
      res.set("batch", out);
    }
    return res;
  }

  /** Publishes everywhere; completes when other nodes' share is with the broker (or it is unreachable). */
  private static CompletableFuture<Void> publish(ApiRequest r, Event e) {
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (String channel : e.channels) {
      r.runtime().tap().apiEvent(channel, e.name, e.data, e.socketId);
      if (!r.runtime().anyoneListens(channel)) {
        continue; // no subscriber, no other node, no cache: the frame would be encoded for nobody
      }
      sent.add(r.runtime().broadcast(channel, PusherMessages.event(channel, e.name, e.data, null), e.socketId,
              r.receivedNanos()).toCompletableFuture());
    }
    // a broker outage must not fail the request: local subscribers already have the event
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((v, err) -> null);
  }

  private static Object infoFor(ApiRequest r, Event e, boolean wrap) {
    ObjectNode res = ApiResponses.JSON.createObjectNode();
    if (e.info.isEmpty() || !wrap) {
      return res;
    }
    ObjectNode channels = res.putObject("channels");
    for (String c : e.channels) {
      channels.set(c, ChannelInfo.attributes(r.runtime(), c, e.info));
    }
    return res;
  }

  private static List<Event> parseBatch(App app, JsonNode body) {
    JsonNode batch = body.get("batch");
    if (batch == null || !batch.isArray()) {
      throw new ApiException(400, "batch must be an array of events");
    }
    if (!App.within(batch.size(), app.maxEventBatchSize())) {
      throw new ApiException(400, "Batch of " + batch.size() + " events exceeds the limit of "
          + app.maxEventBatchSize());
    }
    List<Event> events = new ArrayList<>();
    for (JsonNode n : batch) {
      events.add(parse(app, n));
    }
    return events;
  }

  private static Event parse(App app, JsonNode n) {
    if (n == null || !n.isObject()) {
      throw new ApiException(400, "Each event must be a JSON object");
    }
    JsonNode nameNode = n.get("name");
    if (nameNode == null || !nameNode.isTextual() || nameNode.asText().isEmpty()) {
      throw new ApiException(400, "name is required and must be a string");
    }
    String name = nameNode.asText();
    if (!App.within(name.length(), app.maxEventNameLength())) {
      throw new ApiException(400, "Event name is longer than " + app.maxEventNameLength() + " characters");
    }
    JsonNode dataNode = n.get("data");
    if (dataNode == null || dataNode.isNull()) {
      throw new ApiException(400, "data is required");
    }
    String data = dataNode.isTextual() ? dataNode.asText() : dataNode.toString();
    if (!App.within(Utf8.length(data), app.maxEventPayloadBytes())) {
      throw new ApiException(413, "Event data is larger than " + App.kb(app.maxEventPayloadBytes()) + " KB");
    }
    List<String> channels = new ArrayList<>();
    JsonNode chs = n.get("channels");
    if (chs != null && chs.isArray()) {
      chs.forEach(c -> channels.add(c.asText()));
    } else if (n.path("channel").isTextual()) {
      channels.add(n.get("channel").asText());
    }
    if (channels.isEmpty()) {
      throw new ApiException(400, "channels (array) or channel (string) is required");
    }
    if (!App.within(channels.size(), app.maxEventChannelsAtOnce())) {
      throw new ApiException(400, "An event can go to at most " + app.maxEventChannelsAtOnce() + " channels");
    }
    for (String c : channels) {
      if (c.isEmpty() || !App.within(c.length(), app.maxChannelNameLength())) {
        throw new ApiException(400, "Channel name is empty or longer than " + app.maxChannelNameLength());
      }
      if (!ChannelNames.valid(c)) {
        throw new ApiException(400, "Channel name " + c + " contains characters that are not allowed");
      }
    }
    String socketId = n.path("socket_id").isTextual() ? n.get("socket_id").asText() : null;
    if (socketId != null && !SOCKET_ID.matcher(socketId).matches()) {
      throw new ApiException(400, "socket_id must look like 123.456");
    }
    // user_count is reported for the presence channels among them and left out for the others
    Set<String> info = ChannelInfo.parse(n.path("info").isTextual() ? n.get("info").asText() : null);
    return new Event(channels, name, data, socketId, info);
  }
}
