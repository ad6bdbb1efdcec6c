package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.cluster.NodeRequests;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.GatewaySinks;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * What the gateway needs from outside the dialect: the sinks its config names (created once, at start, so
 * a bad sink setting stops the server with one line) and the cluster's node id and owner test.
 *
 * @param owns (app id, key) → whether this node acts for that key; always true on a single node
 * @param cluster questions to other nodes (a connection held elsewhere); null on a single node
 */
public record GatewayParts(Map<String, GatewaySink> routeSinks, GatewaySink presenceSink, String nodeId,
    BiPredicate<String, String> owns, NodeRequests cluster, GatewayStats stats) {

  public static GatewayParts create(Vertx vertx, GatewayConfig config, String nodeId,
      BiPredicate<String, String> owns, NodeRequests cluster) {
    Map<String, GatewaySink> sinks = new LinkedHashMap<>();
    config.routes().forEach((name, sink) -> sinks.put(name, GatewaySinks.create(vertx, "gateway.routes." + name,
        sink)));
    JsonNode presence = config.presenceSink();
    GatewaySink presenceSink = presence == null ? null
        : GatewaySinks.create(vertx, "gateway.presence.sink", presence);
    return new GatewayParts(sinks, presenceSink, nodeId, owns, cluster,
        new GatewayStats(config.routes().keySet()));
  }
}
