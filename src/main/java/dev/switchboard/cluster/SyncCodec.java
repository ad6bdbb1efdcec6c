package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.RemoteSide.Snapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node's state of one app as compact JSON, for full syncs (rare, so clarity beats bytes here). */
final class SyncCodec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SyncCodec() {}

  static byte[] encode(Snapshot s) {
    ObjectNode o = JSON.createObjectNode();
    ObjectNode members = o.putObject("m");
    s.members().forEach((ch, users) -> {
      ObjectNode u = members.putObject(ch);
      users.forEach((id, info) -> u.set(id, info == null ? JSON.nullNode() : info));
    });
    ObjectNode counts = o.putObject("c");
    s.counts().forEach(counts::put);
    s.users().forEach(o.putArray("u")::add);
    o.put("n", s.connections());
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new ClusterException("cannot encode sync: " + e.getMessage());
    }
  }

  static Snapshot decode(byte[] bytes) {
    JsonNode o;
    try {
      o = JSON.readTree(bytes);
    } catch (IOException e) {
      throw new ClusterException("malformed sync message");
    }
    Map<String, Map<String, JsonNode>> members = new HashMap<>();
    for (Map.Entry<String, JsonNode> ch : o.path("m").properties()) {
      Map<String, JsonNode> users = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> u : ch.getValue().properties()) {
        users.put(u.getKey(), u.getValue().isNull() ? null : u.getValue());
      }
      members.put(ch.getKey(), users);
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Map.Entry<String, JsonNode> c : o.path("c").properties()) {
      counts.put(c.getKey(), c.getValue().asInt());
    }
    List<String> users = new ArrayList<>();
    o.path("u").forEach(u -> users.add(u.asText()));
    return new Snapshot(members, counts, users, o.path("n").asInt());
  }
}
