package dev.switchboard.app.store.cassandra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of the ScyllaDB/Cassandra store from {@code app_manager.scylladb.*}.
 *
 * @param nodes contact points as {@code host:port} (port 9042 when omitted)
 * @param localDatacenter the data centre the driver routes to (java-driver needs it with explicit contact points)
 */
public record CassandraStoreConfig(List<InetSocketAddress> nodes, String localDatacenter, String keyspace,
    String table, String username, String password, String replicationClass, int replicationFactor) {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");
  private static final String P = "app_manager.scylladb.";

  public CassandraStoreConfig {
    nodes = List.copyOf(nodes);
    if (nodes.isEmpty()) {
      throw ConfigException.invalid(P + "nodes", "[]", "at least one host:port");
    }
    if (!IDENTIFIER.matcher(keyspace).matches()) {
      throw ConfigException.invalid(P + "keyspace", keyspace, "a keyspace name of letters, digits and _");
    }
    if (!IDENTIFIER.matcher(table).matches()) {
      throw ConfigException.invalid(P + "table_name", table, "a table name of letters, digits and _");
    }
    if (!replicationClass.matches("[A-Za-z.]+")) {
      throw ConfigException.invalid(P + "replication_class", replicationClass, "a replication strategy class");
    }
    if (replicationFactor < 1) {
      throw ConfigException.invalid(P + "replication_factor", replicationFactor, "a positive integer");
    }
  }

  public static CassandraStoreConfig from(ConfigTree t) {
    List<InetSocketAddress> nodes = new ArrayList<>();
    JsonNode n = t.node(P + "nodes");
    List<String> raw = new ArrayList<>();
    if (n == null) {
      raw.add("127.0.0.1:9042");
    } else if (n.isArray()) {
      n.forEach(x -> raw.add(x.asText()));
    } else {
      for (String s : n.asText().split(",")) {
        raw.add(s.trim());
      }
    }
    for (String s : raw) {
      nodes.add(address(s));
    }
    return new CassandraStoreConfig(nodes, t.string(P + "local_datacenter", "datacenter1"),
        t.string(P + "keyspace", "sockudo"), t.string(P + "table_name", "applications"),
        t.string(P + "username", ""), t.string(P + "password", ""),
        t.string(P + "replication_class", "SimpleStrategy"), t.integer(P + "replication_factor", 3));
  }

  private static InetSocketAddress address(String s) {
    String host = s;
    int port = 9042;
    int colon = s.lastIndexOf(':');
    if (colon > 0 && !s.endsWith("]")) {
      host = s.substring(0, colon);
      try {
        port = Integer.parseInt(s.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw ConfigException.invalid(P + "nodes", s, "host:port");
      }
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw ConfigException.invalid(P + "nodes", s, "host:port");
    }
    return InetSocketAddress.createUnresolved(host.replace("[", "").replace("]", ""), port);
  }

  String describe() {
    return "scylladb " + nodes.get(0).getHostString() + ":" + nodes.get(0).getPort() + "/" + keyspace + "." + table;
  }

  @Override
  public String toString() {
    return describe(); // never print the password
  }
}
