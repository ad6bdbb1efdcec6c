package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.core.ChannelKind;
import dev.switchboard.core.Utf8;
import dev.switchboard.core.Subscription;

/**
 * {@code client-*} events: only on private and presence channels (not encrypted), only when the app
 * enables them, only from a subscribed socket, within the name, payload and rate limits; never echoed to
 * the sender; stamped with {@code user_id} on presence channels.
 */
final class ClientEventHandler {
  private ClientEventHandler() {}

  static void handle(PusherSocket s, String event, JsonNode msg) {
    App app = s.app().app();
    JsonNode chNode = msg.get("channel");
    if (chNode == null || !chNode.isTextual()) {
      s.fail(PusherError.clientEventRejected("Client events need a channel."));
      return;
    }
    String channel = chNode.asText();
    if (!app.enableClientMessages()) {
      reject(s, channel, "The app does not have client messaging enabled.");
      return;
    }
    ChannelKind kind = ChannelKind.of(channel);
    if (kind != ChannelKind.PRIVATE && kind != ChannelKind.PRESENCE) {
      reject(s, channel, "Client events are only allowed on private and presence channels.");
      return;
    }
    Subscription sub = s.subscriptions().get(channel);
    if (sub == null) {
      reject(s, channel, "The socket is not subscribed to " + channel + ".");
      return;
    }
    if (!App.within(event.length(), app.maxEventNameLength())) {
      reject(s, channel, "Event name is longer than " + app.maxEventNameLength() + " characters.");
      return;
    }
    JsonNode data = msg.get("data");
    // non-string data is encoded once: its text is both what the size limit measures and what is sent
    String text = data == null ? null : data.isTextual() ? data.asText() : data.toString();
    int size = text == null ? 0 : Utf8.length(text);
    if (!App.within(size, app.maxEventPayloadBytes())) {
      reject(s, channel, "Event payload is larger than " + App.kb(app.maxEventPayloadBytes()) + " KB.");
      return;
    }
    if (!s.clientEvents().tryTake(1, app.maxClientEventsPerSecond())) {
      reject(s, channel, "Client event rate limit of " + app.maxClientEventsPerSecond()
          + " per second reached.");
      return;
    }
    // the frame's arrival time (touch() on receipt) starts the publish→write latency
    Object wire = data == null || data.isTextual() ? data : new PusherMessages.RawJson(text);
    s.app().broadcast(channel, PusherMessages.event(channel, event, wire, sub.presenceUser()), s.socketId(),
        s.lastSeenNanos());
    s.app().listener().clientEvent(s.app(), sub.channel(), event, data, s, sub.presenceUser());
    s.app().tap().clientEvent(s, channel, event, data);
  }

  /** A refused client event: 4301 naming the channel (pusher-js raises it there too); the socket stays open. */
  private static void reject(PusherSocket s, String channel, String why) {
    PusherError e = PusherError.clientEventRejected(why);
    s.app().tap().error(s.socketId(), channel, e.code(), why);
    s.deliver(PusherMessages.error(e, channel));
  }
}
