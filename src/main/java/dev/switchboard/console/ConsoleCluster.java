package dev.switchboard.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.NodeRequests;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The console across a cluster: a page open on one node reads every other node's log of the same app with a
 * node-to-node request ({@value #TOPIC}) once a second. Asking watches the app on the node asked, under a lease
 * of {@value #LEASE_MS} ms that each question renews, so a node stops logging by itself once no page asks. The
 * answer also carries that node's message counters, so the page's rates are the cluster's.
 */
final class ConsoleCluster {
  static final String TOPIC = "console.log";
  static final long LEASE_MS = 5_000;
  static final long ASK_TIMEOUT_MS = 2_000;
  private final NodeRequests nodes;
  private final String nodeId;
  private final Hub hub;
  private final ConsoleWatchers watchers;
  /** app id → when its lease runs out. */
  private final Map<String, Long> leases = new HashMap<>();

  ConsoleCluster(Vertx vertx, NodeRequests nodes, String nodeId, Hub hub, ConsoleWatchers watchers) {
    this.nodes = nodes;
    this.nodeId = nodeId;
    this.hub = hub;
    this.watchers = watchers;
    nodes.answer(TOPIC, this::answer);
    vertx.setPeriodic(LEASE_MS / 2, id -> expire());
  }

  String nodeId() {
    return nodeId;
  }

  Set<String> peers() {
    return nodes.peerIds();
  }

  /** One node's answer: its lines since the number asked for, and its message counters for the app. */
  record Answer(String node, ConsoleRing.Read read, long messagesIn, long messagesOut) {}

  Future<Answer> ask(String node, String appId, long since) {
    byte[] req = ConsoleLog.JSON.createObjectNode().put("app", appId).put("since", since).toString()
        .getBytes(StandardCharsets.UTF_8);
    return nodes.ask(node, TOPIC, req, ASK_TIMEOUT_MS).map(bytes -> {
      try {
        JsonNode n = ConsoleLog.JSON.readTree(bytes);
        List<String> lines = new ArrayList<>();
        n.path("lines").forEach(l -> lines.add(l.asText()));
        return new Answer(node, new ConsoleRing.Read(lines, n.path("next").asLong(), n.path("missed").asLong()),
            n.path("in").asLong(), n.path("out").asLong());
      } catch (IOException e) {
        throw new ConsoleException(502, "unreadable console answer from node " + node);
      }
    });
  }

  private Future<byte[]> answer(byte[] request) {
    JsonNode req;
    try {
      req = ConsoleLog.JSON.readTree(request);
    } catch (IOException e) {
      return Future.failedFuture(new ConsoleException(400, "unreadable console question"));
    }
    AppRuntime rt = hub.runtime(req.path("app").asText());
    ConsoleRing ring = lease(rt);
    ConsoleRing.Read read = ring.since(req.path("since").asLong());
    ObjectNode out = ConsoleLog.JSON.createObjectNode().put("next", read.next()).put("missed", read.missed())
        .put("in", rt.meters().messagesReceived()).put("out", rt.meters().messagesSent());
    read.lines().forEach(out.putArray("lines")::add);
    return Future.succeededFuture(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private synchronized ConsoleRing lease(AppRuntime rt) {
    ConsoleRing ring = leases.containsKey(rt.id()) ? watchers.ring(rt) : watchers.watch(rt);
    leases.put(rt.id(), System.currentTimeMillis() + LEASE_MS);
    return ring;
  }

  private synchronized void expire() {
    long now = System.currentTimeMillis();
    leases.entrySet().removeIf(e -> {
      if (e.getValue() > now) {
        return false;
      }
      watchers.unwatch(hub.runtime(e.getKey()));
      return true;
    });
  }
}
