package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.ChannelActivity;
import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * ONLINE and OFFLINE events of gateway users, the watchdog of SUMU done right. Every authenticated gateway
 * socket is a member of one internal presence roster per app ({@link #CHANNEL}), which the core keeps
 * cluster-wide: a user's first socket anywhere is a member added, their last socket gone anywhere (closed,
 * timed out, deleted, or on a node that died) a member removed. Each node hears each transition once; the
 * node that owns the user (by the cluster's owner hash) sends the event, so the cluster sends one.
 * With a grace period, an OFFLINE waits that long and a reconnect within it cancels both events.
 */
final class GatewayPresence implements ChannelActivity {
  /** The roster: a presence channel to the core, internal (the colon) so no Pusher client can reach it. */
  static final String CHANNEL = "presence-gateway:users";
  private final Vertx vertx;
  private final GatewaySink sink;
  private final BiPredicate<String, String> owns;
  private final long graceMs;
  private final GatewayStats stats;
  /** app id + user → the timer of an OFFLINE that a reconnect may still cancel. */
  private final Map<String, Long> pendingOffline = new ConcurrentHashMap<>();
  /** app id + user → the last event still on its way, so the next one for that user leaves after it. */
  private final Map<String, Future<Void>> inFlight = new ConcurrentHashMap<>();

  /**
   * @param sink where events go; null sends none
   * @param owns (app id, key) → whether this node acts for that key in the cluster
   */
  GatewayPresence(Vertx vertx, GatewaySink sink, BiPredicate<String, String> owns, long graceMs,
      GatewayStats stats) {
    this.vertx = vertx;
    this.sink = sink;
    this.owns = owns;
    this.graceMs = graceMs;
    this.stats = stats;
  }

  @Override
  public void memberAdded(AppRuntime app, String channel, JsonNode user) {
    String userId = user.asText();
    if (!CHANNEL.equals(channel) || sink == null || !owns.test(app.id(), ownerKey(userId))) {
      return;
    }
    Long timer = pendingOffline.remove(key(app, userId));
    if (timer != null && vertx.cancelTimer(timer)) {
      return; // back within the grace period: neither the OFFLINE nor a second ONLINE
    }
    send(app, userId, "ONLINE");
  }

  @Override
  public void memberRemoved(AppRuntime app, String channel, JsonNode user) {
    String userId = user.asText();
    if (!CHANNEL.equals(channel) || sink == null || !owns.test(app.id(), ownerKey(userId))) {
      return;
    }
    if (graceMs <= 0) {
      send(app, userId, "OFFLINE");
      return;
    }
    String key = key(app, userId);
    long[] id = new long[1];
    id[0] = vertx.setTimer(graceMs, t -> {
      if (pendingOffline.remove(key, id[0])) {
        send(app, userId, "OFFLINE");
      }
    });
    pendingOffline.put(key, id[0]);
  }

  private void send(AppRuntime app, String userId, String status) {
    long now = System.currentTimeMillis();
    String body = "{\"type\":\"presence\",\"message\":{\"user_id\":" + GatewayJson.quoted(userId)
        + ",\"status\":\"" + status + "\",\"timestamp\":" + now + "}}";
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("source", "gateway.presence");
    attrs.put("user_id", userId);
    attrs.put("app_id", app.id());
    attrs.put("timestamp", Long.toString(now));
    stats.presenceEvent();
    GatewayMessage m = new GatewayMessage(body, attrs);
    String key = key(app, userId);
    // a user's ONLINE and OFFLINE must reach the backend in that order; the sink only orders what it has
    // already taken, so each event waits for the user's previous one (retries included)
    Future<Void> mine = inFlight.compute(key, (k, prev) -> prev == null ? sink.send(m)
        : prev.transform(done -> sink.send(m)));
    mine.onComplete(ar -> {
      if (ar.failed()) {
        stats.sinkFailed();
      }
      inFlight.remove(key, mine);
    });
  }

  /** The key the owner hash spreads users by, so one node does not send every event of a busy app. */
  private static String ownerKey(String userId) {
    return "gateway-user:" + userId;
  }

  private static String key(AppRuntime app, String userId) {
    return app.id() + '\n' + userId;
  }
}
