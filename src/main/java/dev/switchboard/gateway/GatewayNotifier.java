package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.PresenceRoster;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Delivers backend notifications to gateway sockets anywhere in the cluster, without SUMU's table query per
 * user and scan per broadcast. Every gateway socket is subscribed to internal channels of its app: {@link
 * #ALL}, and {@link #user} for its user ({@link #ANONYMOUS} when it has none), so a notification is an
 * ordinary cluster event on those channels: encoded once, fanned out per event loop on every node. The
 * reach it reports comes from the cluster-wide subscriber counts each node keeps.
 */
final class GatewayNotifier {
  static final String ALL = "gateway:all";
  static final String ANONYMOUS = "gateway:anonymous";
  private final String pusherEvent;
  private final GatewayStats stats;

  /** @param pusherEvent when not empty, users also get the data as this event on #server-to-user-{id} */
  GatewayNotifier(String pusherEvent, GatewayStats stats) {
    this.pusherEvent = pusherEvent;
    this.stats = stats;
  }

  static String user(String userId) {
    return "gateway-user:" + userId;
  }

  /** Sockets and users a notification reached (a snapshot of the cluster's counts when it left). */
  record Reach(int connections, int users) {}

  /** Hands {@code n} to every node; completes once the broker took every part of it. */
  Future<Reach> deliver(AppRuntime rt, GatewayNotification n) {
    stats.notified();
    OutboundMessage m = OutboundMessage.ofJson(n.data().getBytes(StandardCharsets.UTF_8));
    List<Future<Void>> handed = new ArrayList<>();
    int connections = 0;
    int users = 0;
    if (n.broadcast() && n.excluded().isEmpty()) {
      handed.add(send(rt, ALL, m));
      PresenceRoster roster = rt.roster(GatewayPresence.CHANNEL);
      return Future.all(handed).map(new Reach(rt.subscriptionCount(ALL), roster == null ? 0 : roster.size()));
    }
    Iterable<String> targets = n.users();
    if (n.broadcast()) {
      PresenceRoster roster = rt.roster(GatewayPresence.CHANNEL);
      targets = roster == null ? List.of() : roster.userIds().stream().map(JsonNode::asText).toList();
      handed.add(send(rt, ANONYMOUS, m));
      connections += rt.subscriptionCount(ANONYMOUS);
    }
    for (String u : targets) {
      if (n.excluded().contains(u)) {
        continue;
      }
      // sent even when no count is known here yet: a socket that just opened on another node may not have
      // reached this node's counts, and an event nobody listens to costs one broker message
      handed.add(send(rt, user(u), m));
      if (!pusherEvent.isEmpty()) {
        handed.add(send(rt, "#server-to-user-" + u, pusherFrame(u, n.data())));
      }
      int sockets = rt.subscriptionCount(user(u));
      if (sockets > 0) {
        connections += sockets;
        users++;
      }
    }
    return Future.all(handed).map(new Reach(connections, users));
  }

  private OutboundMessage pusherFrame(String userId, String data) {
    String json = "{\"event\":" + GatewayJson.quoted(pusherEvent) + ",\"channel\":"
        + GatewayJson.quoted("#server-to-user-" + userId) + ",\"data\":" + GatewayJson.quoted(data) + "}";
    return OutboundMessage.ofJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Hands one part to the cluster. A broker that is down fails the hand-over after this node's own sockets
   * were served (the core does that); the notification then counts as delivered, as the Pusher API's events
   * do, so a retry does not give those sockets a second copy. Other nodes miss it, as they miss events.
   */
  private static Future<Void> send(AppRuntime rt, String channel, OutboundMessage m) {
    return Future.fromCompletionStage(rt.broadcast(channel, m, null)).otherwiseEmpty();
  }
}
