package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies what other nodes report to one app's runtime, and tells this node's clients what changed for
 * them through the mirror listener (member_added/removed, subscription_count, watchlist). Cluster-wide
 * transitions these changes cause (a channel occupied or vacated anywhere, a user's first or last socket
 * anywhere) go to the app's {@link ChannelActivity}, whose webhook consumer acts only for channels this node
 * owns. Called from the cluster broker's receive thread, in the order each node sent its messages.
 */
public final class RemoteSide {
  private final AppRuntime rt;
  /** While true (a full sync this node only catches up with) transitions are not reported as activity. */
  private boolean quiet;

  RemoteSide(AppRuntime rt) {
    this.rt = rt;
  }

  /** An event published on another node. */
  public void event(String channel, OutboundMessage m, String exceptSocketId) {
    rt.remember(channel, m);
    rt.publish(channel, m, exceptSocketId);
  }

  /** {@code number}: the id as the JSON number the client gave, or null for a string id (see PresenceRoster). */
  public void memberJoined(String node, String channel, String userId, JsonNode number, JsonNode info) {
    PresenceRoster.Change[] out = new PresenceRoster.Change[1];
    rt.rosters.compute(channel, (k, r) -> {
      PresenceRoster x = r != null ? r : new PresenceRoster();
      out[0] = x.joinRemote(node, userId, number, info);
      return x;
    });
    if (out[0] != PresenceRoster.Change.FIRST_ANYWHERE) {
      return;
    }
    JsonNode id = PresenceRoster.idJson(userId, number);
    Channel local = rt.channel(channel);
    if (local != null && !ChannelNames.isInternal(channel)) {
      mirror().memberAdded(rt, local, id, info, null);
    }
    activity().memberAdded(rt, channel, id);
  }

  public void memberLeft(String node, String channel, String userId) {
    PresenceRoster.Change[] out = new PresenceRoster.Change[1];
    JsonNode[] id = new JsonNode[1];
    rt.rosters.computeIfPresent(channel, (k, r) -> {
      id[0] = r.idOf(userId); // read before the member may go: member_removed repeats it
      out[0] = r.leaveRemote(node, userId);
      return r.isEmpty() ? null : r;
    });
    if (out[0] != PresenceRoster.Change.LAST_ANYWHERE) {
      return;
    }
    Channel local = rt.channel(channel);
    if (local != null && !ChannelNames.isInternal(channel)) {
      mirror().memberRemoved(rt, local, id[0]);
    }
    activity().memberRemoved(rt, channel, id[0]);
  }

  public void channelCount(String node, String channel, int count) {
    int delta = rt.remote.setCount(node, channel, count);
    if (delta != 0) {
      Channel local = rt.channel(channel);
      if (local != null) {
        mirror().subscriptionCountChanged(rt, local);
      }
      if (!ChannelNames.isInternal(channel)) {
        rt.countChanged(channel, delta, activity());
      }
    }
  }

  public void userOnline(String node, String userId) {
    boolean[] first = new boolean[1];
    rt.remote.users.compute(userId, (k, nodes) -> {
      Set<String> s = nodes != null ? nodes : ConcurrentHashMap.newKeySet();
      first[0] = s.isEmpty();
      s.add(node);
      return s;
    });
    if (first[0] && rt.connectionsOf(userId).isEmpty()) {
      mirror().userOnline(rt, userId);
    }
  }

  public void userOffline(String node, String userId) {
    boolean[] last = new boolean[1];
    rt.remote.users.computeIfPresent(userId, (k, nodes) -> {
      nodes.remove(node);
      last[0] = nodes.isEmpty();
      return last[0] ? null : nodes;
    });
    if (last[0] && rt.connectionsOf(userId).isEmpty()) {
      mirror().userOffline(rt, userId);
    }
  }

  public void connections(String node, int count) {
    if (count <= 0) {
      rt.remote.connections.remove(node);
    } else {
      rt.remote.connections.put(node, count);
    }
  }

  /** Another node ran terminate_connections: close this node's sockets of the user. */
  public void terminateUser(String userId, OutboundMessage notice, int code, String reason) {
    for (Connection c : rt.connectionsOf(userId)) {
      c.send(notice);
      c.close(code, reason);
    }
  }

  /** Forgets everything {@code node} reported, as if all its sockets closed. */
  public void dropNode(String node) {
    for (String channel : List.copyOf(rt.rosters.keySet())) {
      PresenceRoster r = rt.rosters.get(channel);
      if (r != null) {
        for (String user : r.usersOn(node)) {
          memberLeft(node, channel, user);
        }
      }
    }
    for (String channel : List.copyOf(rt.remote.counts.keySet())) {
      channelCount(node, channel, 0);
    }
    for (String user : List.copyOf(rt.remote.users.keySet())) {
      userOffline(node, user);
    }
    rt.remote.connections.remove(node);
  }

  /**
   * Makes {@code node}'s part of this app equal to {@code s}, its full state: what it no longer has is
   * removed (with member_removed where a user is gone everywhere), the rest is added. With {@code announce}
   * false the cluster-wide transitions it causes are not reported as activity: a node that just joined
   * learns state that already existed.
   */
  public void replaceNode(String node, Snapshot s, boolean announce) {
    quiet = !announce;
    try {
      replace(node, s);
    } finally {
      quiet = false;
    }
  }

  private void replace(String node, Snapshot s) {
    for (String channel : List.copyOf(rt.rosters.keySet())) {
      PresenceRoster r = rt.rosters.get(channel);
      Map<String, LocalMember> keep = s.members().getOrDefault(channel, Map.of());
      if (r != null) {
        for (String user : r.usersOn(node)) {
          if (!keep.containsKey(user)) {
            memberLeft(node, channel, user);
          }
        }
      }
    }
    s.members().forEach((channel, users) -> users.forEach((user, m) -> memberJoined(node, channel, user, m.number(),
        m.info())));
    for (String channel : List.copyOf(rt.remote.counts.keySet())) {
      if (!s.counts().containsKey(channel)) {
        channelCount(node, channel, 0);
      }
    }
    s.counts().forEach((channel, n) -> channelCount(node, channel, n));
    Set<String> online = Set.copyOf(s.users());
    for (String user : List.copyOf(rt.remote.users.keySet())) {
      if (!online.contains(user)) {
        userOffline(node, user);
      }
    }
    online.forEach(user -> userOnline(node, user));
    connections(node, s.connections());
  }

  /** This node's own state, for a node that joins the cluster. */
  public Snapshot snapshot() {
    Map<String, Map<String, LocalMember>> members = new HashMap<>();
    for (String ch : rt.rosters.keySet()) {
      rt.rosters.computeIfPresent(ch, (k, r) -> { // under the roster's lock: loops change it concurrently
        Map<String, LocalMember> local = r.localMembers();
        if (!local.isEmpty()) {
          members.put(ch, local);
        }
        return r;
      });
    }
    Map<String, Integer> counts = new HashMap<>();
    for (Channel ch : rt.localChannels()) {
      counts.put(ch.name(), ch.subscriptionCount());
    }
    return new Snapshot(members, counts, new ArrayList<>(rt.users.keySet()), rt.connectionCount());
  }

  /**
   * Whether {@code userId} has a socket on this node in {@code channel} right now, read under the roster's
   * lock: the replicator sends this state rather than the join/leave calls, which can race between loops.
   */
  public LocalMember localMember(String channel, String userId) {
    LocalMember[] out = new LocalMember[1];
    rt.rosters.computeIfPresent(channel, (k, r) -> {
      out[0] = r.localMember(userId);
      return r;
    });
    return out[0];
  }

  /**
   * A user present on this node, with the id as the JSON number the client gave (null for a string id) and
   * the user info other nodes show for them (may be null).
   */
  public record LocalMember(JsonNode number, JsonNode info) {}

  /** One node's state of one app. */
  public record Snapshot(Map<String, Map<String, LocalMember>> members, Map<String, Integer> counts,
      List<String> users, int connections) {}

  private HubListener mirror() {
    return rt.mirror;
  }

  private ChannelActivity activity() {
    return quiet ? ChannelActivity.NONE : rt.activity;
  }
}
