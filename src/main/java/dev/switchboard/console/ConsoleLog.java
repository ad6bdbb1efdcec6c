package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.AppTap;
import dev.switchboard.core.Connection;

/**
 * The event log of one app while a console watches it: each hook becomes one JSON line in the app's ring,
 * formatted here (on the caller's loop, only while watched). Fields: {@code t} (ms), {@code kind}, and as they
 * apply {@code socket_id}, {@code channel}, {@code event}, {@code data} (cut at {@value #MAX_DATA} characters),
 * {@code code}, {@code detail}.
 */
final class ConsoleLog implements AppTap {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DATA = 2000;
  private final ConsoleRing ring;

  ConsoleLog(ConsoleRing ring) {
    this.ring = ring;
  }

  ConsoleRing ring() {
    return ring;
  }

  private ObjectNode entry(String kind, String socketId, String channel) {
    ObjectNode n = JSON.createObjectNode().put("t", System.currentTimeMillis()).put("kind", kind);
    if (socketId != null) {
      n.put("socket_id", socketId);
    }
    if (channel != null) {
      n.put("channel", channel);
    }
    return n;
  }

  private void add(ObjectNode n) {
    ring.add(n.toString());
  }

  private static String cut(String s) {
    return s == null || s.length() <= MAX_DATA ? s : s.substring(0, MAX_DATA) + "…";
  }

  @Override
  public void connectionOpened(Connection c) {
    add(entry("connected", c.socketId(), null));
  }

  @Override
  public void connectionClosed(Connection c, int code) {
    ObjectNode n = entry("disconnected", c.socketId(), null);
    if (code != 0) {
      n.put("code", code);
    }
    add(n);
  }

  @Override
  public void subscribed(Connection c, String channel) {
    add(entry("subscribed", c.socketId(), channel));
  }

  @Override
  public void unsubscribed(Connection c, String channel) {
    add(entry("unsubscribed", c.socketId(), channel));
  }

  @Override
  public void clientEvent(Connection from, String channel, String event, JsonNode data) {
    ObjectNode n = entry("client_event", from.socketId(), channel).put("event", event);
    if (data != null) {
      n.put("data", cut(data.isTextual() ? data.asText() : data.toString()));
    }
    add(n);
  }

  @Override
  public void apiEvent(String channel, String event, String data, String exceptSocketId) {
    ObjectNode n = entry("api_event", null, channel).put("event", event).put("data", cut(data));
    if (exceptSocketId != null) {
      n.put("detail", "except socket " + exceptSocketId);
    }
    add(n);
  }

  @Override
  public void webhook(String target, String body, int attempt, String outcome, String detail) {
    ObjectNode n = entry("webhook", null, null).put("detail", outcome + " (" + detail + ") to " + target
        + ", attempt " + attempt).put("data", cut(body));
    try {
      JsonNode events = JSON.readTree(body).path("events");
      if (events.size() > 0) { // the first event names the channel, for the page's channel filter
        n.put("channel", events.get(0).path("channel").asText(null));
        n.put("event", events.get(0).path("name").asText(null));
      }
    } catch (Exception e) {
      // a body that is not JSON still shows as data
    }
    add(n);
  }

  @Override
  public void error(String socketId, String channel, int code, String message) {
    add(entry("error", socketId, channel).put("code", code).put("detail", message));
  }
}
