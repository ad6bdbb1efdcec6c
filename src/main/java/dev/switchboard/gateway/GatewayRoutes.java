package dev.switchboard.gateway;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route name → the sink its frames go to, as API Gateway's routes → integrations. A frame is handed to its
 * sink with the attributes a backend needs to answer the sender (SUMU forwards no connection id; we do).
 * The sink retries and dead-letters on its own; the client is never told a frame was delivered or lost.
 */
final class GatewayRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayRoutes.class);
  private final Map<String, GatewaySink> sinks;
  private final GatewayStats stats;

  GatewayRoutes(Map<String, GatewaySink> sinks, GatewayStats stats) {
    this.sinks = new LinkedHashMap<>(sinks);
    this.stats = stats;
  }

  /** The route a frame with {@code action} takes: its own, else {@code $default}, else null (Forbidden). */
  String select(String action) {
    if (action != null && !action.equals(GatewayConfig.DEFAULT_ROUTE) && sinks.containsKey(action)) {
      return action;
    }
    return sinks.containsKey(GatewayConfig.DEFAULT_ROUTE) ? GatewayConfig.DEFAULT_ROUTE : null;
  }

  /** Hands {@code bodyJson} from {@code c} to {@code route}'s sink; never blocks. */
  void forward(String route, GatewayConnection c, String bodyJson) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("source", "gateway.route." + route);
    if (c.user() != null) {
      attrs.put("user_id", c.user());
    }
    attrs.put("connection_id", c.connectionId());
    attrs.put("app_id", c.app().id());
    attrs.put("timestamp", Long.toString(System.currentTimeMillis()));
    stats.routed(route);
    sinks.get(route).send(new GatewayMessage(bodyJson, attrs)).onFailure(e -> {
      stats.sinkFailed();
      LOG.atDebug().addKeyValue("app_id", c.app().id()).addKeyValue("socket_id", c.connectionId())
          .log("gateway route {} did not take a frame: {}", route, e.getMessage());
    });
  }

  /** Closes every sink. */
  Future<Void> close() {
    return Future.join(sinks.values().stream().map(GatewaySink::close).toList()).mapEmpty();
  }
}
