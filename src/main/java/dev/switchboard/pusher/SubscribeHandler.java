package dev.switchboard.pusher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.app.App;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Channel;
import dev.switchboard.core.ChannelKind;
import dev.switchboard.core.ChannelNames;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.PresenceRoster;
import dev.switchboard.core.SubscribeResult;
import dev.switchboard.core.Utf8;
import java.util.concurrent.CompletableFuture;

/** {@code pusher:subscribe}: name checks, channel auth, presence membership, cache replay. */
final class SubscribeHandler {
  private SubscribeHandler() {}

  static void handle(PusherSocket s, JsonNode data) {
    JsonNode chNode = data.get("channel");
    if (chNode == null || !chNode.isTextual()) {
      s.fail(PusherError.badMessage("pusher:subscribe needs data.channel as a string"));
      return;
    }
    String name = chNode.asText();
    AppRuntime rt = s.app();
    App app = rt.app();
    if (!App.within(name.length(), app.maxChannelNameLength())) {
      reject(s, name, "LimitReached", "The channel name is longer than " + app.maxChannelNameLength()
          + " characters.", 4009);
      return;
    }
    if (!ChannelNames.valid(name)) {
      reject(s, name, "InvalidChannelName", "The channel name contains characters that are not allowed.", 4009);
      return;
    }
    ChannelKind kind = ChannelKind.of(name);
    if (kind == ChannelKind.SERVER_TO_USER) {
      String own = s.userId() == null ? null : "#server-to-user-" + s.userId();
      if (!name.equals(own)) {
        reject(s, name, "AuthError", "Only the signed-in user may subscribe to " + name + ".", 4009);
        return;
      }
    }
    String userId = null;
    JsonNode userNumber = null;
    JsonNode userInfo = null;
    if (kind.needsAuth()) {
      String channelData = text(data.get("channel_data"));
      String toSign = s.socketId() + ":" + name + (kind == ChannelKind.PRESENCE ? ":" + channelData : "");
      if (kind == ChannelKind.PRESENCE && channelData == null) {
        reject(s, name, "AuthError", "Presence channels need channel_data.", 401);
        return;
      }
      if (!PusherSignatures.verifyToken(text(data.get("auth")), app.key(), app.secret(), toSign)) {
        reject(s, name, "AuthError", "Invalid signature: the auth token does not match the channel.", 401);
        return;
      }
      if (kind == ChannelKind.PRESENCE) {
        JsonNode member = parseMember(channelData);
        if (member == null) {
          reject(s, name, "AuthError", "channel_data must be JSON with a user_id.", 401);
          return;
        }
        userId = PusherIds.of(member.get("user_id"));
        userNumber = PusherIds.number(member.get("user_id"));
        userInfo = member.get("user_info");
        long max = app.maxPresenceMemberBytes();
        if (userInfo != null && !App.within(Utf8.length(userInfo.toString()), max)) {
          reject(s, name, "LimitReached", "The presence member info is larger than " + App.kb(max) + " KB.", 4301);
          return;
        }
      }
    }
    SubscribeResult r = rt.subscribe(s, name, userId, userNumber, userInfo, app.maxPresenceMembersPerChannel());
    switch (r) {
      case PRESENCE_FULL -> reject(s, name, "LimitReached",
          "The presence channel has reached " + app.maxPresenceMembersPerChannel() + " members.", 4100);
      case ALREADY_SUBSCRIBED, SUBSCRIBED -> whenConfirmed(s, rt, name, kind);
      default -> throw new IllegalStateException(r.toString());
    }
  }

  /**
   * subscription_succeeded leaves once other nodes hold the new member and count (at once on a single node),
   * so a backend the client then tells can ask any node. Events of the channel may reach the socket first.
   */
  private static void whenConfirmed(PusherSocket s, AppRuntime rt, String name, ChannelKind kind) {
    CompletableFuture<Void> confirmed = rt.confirmed().toCompletableFuture();
    if (confirmed.isDone()) {
      succeeded(s, rt, name, kind);
      return;
    }
    confirmed.whenComplete((v, e) -> s.loop().execute(() -> {
      if (!s.isClosed()) {
        succeeded(s, rt, name, kind); // the roster is read now, so it includes whoever joined meanwhile
      }
    }));
  }

  private static void succeeded(PusherSocket s, AppRuntime rt, String name, ChannelKind kind) {
    PresenceRoster roster = rt.roster(name);
    if (kind == ChannelKind.PRESENCE && roster != null) {
      s.deliver(PusherMessages.presenceSucceeded(name, roster));
    } else {
      s.deliver(PusherMessages.subscriptionSucceeded(name));
    }
    if (ChannelKind.isCache(name)) {
      CompletableFuture<OutboundMessage> last = rt.lastEvent(name).toCompletableFuture();
      if (last.isDone()) {
        cached(s, rt, name, last.join()); // in order, right after subscription_succeeded
      } else {
        last.whenComplete((m, err) -> s.loop().execute(() -> cached(s, rt, name, m)));
      }
    }
  }

  /** Replays the cache channel's last event, or says cache_miss (and reports it for webhooks). On s's loop. */
  private static void cached(PusherSocket s, AppRuntime rt, String name, OutboundMessage last) {
    if (s.isClosed()) {
      return;
    }
    if (last != null) {
      s.deliver(last);
      return;
    }
    s.deliver(PusherMessages.cacheMiss(name));
    Channel ch = rt.channel(name);
    if (ch != null) {
      rt.listener().cacheMiss(rt, ch, s);
    }
  }

  private static JsonNode parseMember(String channelData) {
    try {
      JsonNode n = PusherMessages.JSON.readTree(channelData);
      return n != null && n.isObject() && PusherIds.of(n.get("user_id")) != null ? n : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  static void reject(PusherSocket s, String channel, String type, String error, int status) {
    s.app().tap().error(s.socketId(), channel, status, type + ": " + error);
    s.deliver(PusherMessages.subscriptionError(channel, type, error, status));
  }
}
