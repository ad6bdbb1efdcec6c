package dev.switchboard.core;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What other nodes report about one app: their subscription counts per channel, the users signed in
 * there and their connection counts. Empty on a single node.
 */
final class RemoteState {
  /** channel → node → sockets subscribed on that node. */
  final ConcurrentHashMap<String, ConcurrentHashMap<String, Integer>> counts = new ConcurrentHashMap<>();
  /** user → nodes where the user has a connection. */
  final ConcurrentHashMap<String, Set<String>> users = new ConcurrentHashMap<>();
  /** node → connections of the app there. */
  final ConcurrentHashMap<String, Integer> connections = new ConcurrentHashMap<>();

  int count(String channel) {
    Map<String, Integer> byNode = counts.get(channel);
    if (byNode == null) {
      return 0;
    }
    int n = 0;
    for (int c : byNode.values()) {
      n += c;
    }
    return n;
  }

  /** Records a node's count; returns how much the cluster-wide remote total changed (0: unchanged). */
  int setCount(String node, String channel, int n) {
    int[] delta = new int[1];
    counts.compute(channel, (k, byNode) -> {
      ConcurrentHashMap<String, Integer> m = byNode != null ? byNode : new ConcurrentHashMap<>();
      Integer old = n == 0 ? m.remove(node) : m.put(node, n);
      delta[0] = n - (old == null ? 0 : old);
      return m.isEmpty() ? null : m;
    });
    return delta[0];
  }

  int connections() {
    int n = 0;
    for (int c : connections.values()) {
      n += c;
    }
    return n;
  }

  boolean online(String user) {
    return users.containsKey(user);
  }
}
