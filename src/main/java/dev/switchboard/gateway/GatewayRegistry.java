package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.OutboundMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's open gateway sockets by connection id, and the three things the management API does to one
 * of them. Each operation runs on the socket's loop (the only place its state may be touched) and
 * completes from there; a socket of another app is treated as absent, so no app can reach another's.
 */
final class GatewayRegistry implements GatewayConnectionOps {
  /** What a post to a connection came to. */
  enum Posted { SENT, GONE, FULL }

  /** What GetConnection reports. */
  record Info(long connectedAtMillis, long lastActiveAtMillis, String sourceIp, String userAgent) {}

  private final Map<String, GatewayConnection> open = new ConcurrentHashMap<>();

  void add(GatewayConnection c) {
    open.put(c.connectionId(), c);
  }

  void remove(GatewayConnection c) {
    open.remove(c.connectionId(), c);
  }

  /**
   * What the web console lists of app {@code appId}'s open sockets on this node: id, user, address, agent and
   * times, read as they are (a racy but harmless snapshot, off the sockets' loops).
   */
  List<ObjectNode> list(String appId) {
    List<ObjectNode> out = new ArrayList<>();
    for (GatewayConnection c : open.values()) {
      if (c.app().id().equals(appId) && !c.isClosed()) {
        out.add(JsonNodeFactory.instance.objectNode().put("connection_id", c.connectionId()).put("user_id", c.user())
            .put("source_ip", c.sourceIp()).put("user_agent", c.userAgent())
            .put("connected_at", Instant.ofEpochMilli(c.connectedAtMillis()).toString())
            .put("last_active_at", Instant.ofEpochMilli(c.lastActiveAtMillis()).toString()));
      }
    }
    out.sort(Comparator.comparing(n -> n.path("connection_id").asText()));
    return out;
  }

  private GatewayConnection find(String appId, String connectionId) {
    GatewayConnection c = open.get(connectionId);
    return c != null && c.app().id().equals(appId) ? c : null;
  }

  /** Sends {@code frame} to the connection as one message. */
  @Override
  public Future<Posted> post(String appId, String connectionId, OutboundMessage frame) {
    GatewayConnection c = find(appId, connectionId);
    if (c == null) {
      return Future.succeededFuture(Posted.GONE);
    }
    Promise<Posted> p = Promise.promise();
    c.loop().execute(() -> {
      if (c.isClosed() || c.closing()) {
        p.complete(Posted.GONE);
      } else if (!c.socket().writable()) {
        p.complete(Posted.FULL); // the backend hears it is too fast instead of the socket being dropped
      } else {
        c.deliver(frame);
        p.complete(Posted.SENT);
      }
    });
    return p.future();
  }

  @Override
  public Future<Optional<Info>> info(String appId, String connectionId) {
    GatewayConnection c = find(appId, connectionId);
    if (c == null || c.isClosed()) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.succeededFuture(Optional.of(new Info(c.connectedAtMillis(), c.lastActiveAtMillis(), c.sourceIp(),
        c.userAgent())));
  }

  /** Closes the connection (presence and notifications see it go); false when it was not open. */
  @Override
  public Future<Boolean> delete(String appId, String connectionId) {
    GatewayConnection c = find(appId, connectionId);
    if (c == null) {
      return Future.succeededFuture(false);
    }
    Promise<Boolean> p = Promise.promise();
    c.loop().execute(() -> {
      boolean wasOpen = !c.isClosed() && !c.closing();
      c.close(1000, "Connection deleted");
      p.complete(wasOpen);
    });
    return p.future();
  }
}
