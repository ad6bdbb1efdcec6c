package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.RemoteSide.LocalMember;
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
    // ids given as JSON numbers, apart ("mn", per channel): a node that predates them reads "m" as before
    ObjectNode numbers = o.putObject("mn");
    s.members().forEach((ch, users) -> {
      ObjectNode u = members.putObject(ch);
      users.forEach((id, m) -> {
        u.set(id, m.info() == null ? JSON.nullNode() : m.info());
        if (m.number() != null) {
          (numbers.has(ch) ? (ObjectNode) numbers.get(ch) : numbers.putObject(ch)).set(id, m.number());
        }
      });
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
    Map<String, Map<String, LocalMember>> members = new HashMap<>();
    for (Map.Entry<String, JsonNode> ch : o.path("m").properties()) {
      Map<String, LocalMember> users = new LinkedHashMap<>();
      JsonNode numbers = o.path("mn").path(ch.getKey());
      for (Map.Entry<String, JsonNode> u : ch.getValue().properties()) {
        JsonNode number = numbers.path(u.getKey());
        users.put(u.getKey(), new LocalMember(number.isNumber() ? number : null,
            u.getValue().isNull() ? null : u.getValue()));
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
