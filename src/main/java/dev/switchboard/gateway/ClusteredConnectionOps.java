package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.NodeRequests;
import dev.switchboard.core.OutboundMessage;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The management API's operations on a connection anywhere in the cluster: a connection of this node is
 * served by the registry; any other is asked of the node its id names (the id's first bytes are a hash of
 * that node's id, see {@link GatewayConnectionIds}), which answers from its own registry. No live node by
 * that tag means the connection is gone (410); a node that cannot be asked now (broker down, no answer in
 * time) fails the call, which the API answers with 503, since a 410 tells a backend to forget a socket that
 * may still be open.
 */
final class ClusteredConnectionOps implements GatewayConnectionOps {
  static final String TOPIC = "gateway.connections";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_MS = 5_000;
  private final GatewayRegistry local;
  private final NodeRequests cluster;
  private final byte[] ownTag;

  ClusteredConnectionOps(GatewayRegistry local, NodeRequests cluster, String nodeId) {
    this.local = local;
    this.cluster = cluster;
    this.ownTag = GatewayConnectionIds.tag(nodeId);
    cluster.answer(TOPIC, this::answer);
  }

  @Override
  public Future<GatewayRegistry.Posted> post(String appId, String connectionId, OutboundMessage frame) {
    if (GatewayConnectionIds.madeBy(connectionId, ownTag)) {
      return local.post(appId, connectionId, frame);
    }
    ObjectNode q = question("post", appId, connectionId).put("data", frame.json());
    return ask(connectionId, q).map(a -> a == null ? GatewayRegistry.Posted.GONE
        : GatewayRegistry.Posted.valueOf(a.path("posted").asText("GONE")));
  }

  @Override
  public Future<Optional<GatewayRegistry.Info>> info(String appId, String connectionId) {
    if (GatewayConnectionIds.madeBy(connectionId, ownTag)) {
      return local.info(appId, connectionId);
    }
    return ask(connectionId, question("get", appId, connectionId)).map(a -> {
      JsonNode i = a == null ? null : a.get("info");
      return i == null || i.isNull() ? Optional.<GatewayRegistry.Info>empty()
          : Optional.of(new GatewayRegistry.Info(i.path("connected").asLong(), i.path("active").asLong(),
              i.path("ip").asText(), i.path("agent").isNull() ? null : i.path("agent").asText()));
    });
  }

  @Override
  public Future<Boolean> delete(String appId, String connectionId) {
    if (GatewayConnectionIds.madeBy(connectionId, ownTag)) {
      return local.delete(appId, connectionId);
    }
    return ask(connectionId, question("delete", appId, connectionId))
        .map(a -> a != null && a.path("deleted").asBoolean());
  }

  private static ObjectNode question(String op, String appId, String connectionId) {
    return JSON.createObjectNode().put("op", op).put("app", appId).put("id", connectionId);
  }

  /** The answer of the node holding {@code connectionId}; null when no live node holds it. */
  private Future<JsonNode> ask(String connectionId, ObjectNode question) {
    String holder = null;
    for (String peer : cluster.peerIds()) {
      if (GatewayConnectionIds.madeBy(connectionId, GatewayConnectionIds.tag(peer))) {
        holder = peer;
      }
    }
    if (holder == null) {
      return Future.succeededFuture(null);
    }
    return cluster.ask(holder, TOPIC, bytes(question), TIMEOUT_MS).map(ClusteredConnectionOps::parse);
  }

  /** A question from another node, answered from this node's registry. */
  private Future<byte[]> answer(byte[] request) {
    JsonNode q = parse(request);
    String app = q.path("app").asText();
    String id = q.path("id").asText();
    ObjectNode a = JSON.createObjectNode();
    return switch (q.path("op").asText()) {
      case "post" -> local.post(app, id, GatewayMessages.of(q.path("data").asText()))
          .map(p -> bytes(a.put("posted", p.name())));
      case "get" -> local.info(app, id).map(i -> {
        if (i.isPresent()) {
          a.putObject("info").put("connected", i.get().connectedAtMillis()).put("active",
              i.get().lastActiveAtMillis()).put("ip", i.get().sourceIp()).put("agent", i.get().userAgent());
        } else {
          a.putNull("info");
        }
        return bytes(a);
      });
      case "delete" -> local.delete(app, id).map(d -> bytes(a.put("deleted", d)));
      default -> Future.failedFuture("unknown gateway.connections operation");
    };
  }

  private static byte[] bytes(JsonNode n) {
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(byte[] b) {
    try {
      return JSON.readTree(new String(b, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
