package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of one presence channel across the cluster: user id → user info, the user's sockets on this
 * node, and the other nodes where the user has sockets. member_added fires when a user appears anywhere
 * for the first time and member_removed after their last socket anywhere is gone, so each fires once per
 * user, not per tab and not per node. Mutations happen under the app's roster-map lock (see {@link
 * AppRuntime}); reads may come from any thread.
 */
public final class PresenceRoster {
  private static final class Member {
    final JsonNode info;
    /** The dialect's wire form of this member and the encoder that made it (see {@link #encoded}). */
    private volatile Encoded<?> encoded;
    int localSockets;
    final Set<String> nodes = new HashSet<>(2);

    Member(JsonNode info) {
      this.info = info;
    }

    boolean gone() {
      return localSockets == 0 && nodes.isEmpty();
    }
  }

  /** Turns one member into a dialect's wire form; called at most once per member and encoder. */
  @FunctionalInterface
  public interface MemberEncoder<T> {
    T encode(String userId, String infoJson);
  }

  private record Encoded<T>(MemberEncoder<T> by, T value) {}

  /** What a change meant for this node and for the cluster. */
  public enum Change { NONE, FIRST_ON_NODE, FIRST_ANYWHERE, LAST_ON_NODE, LAST_ANYWHERE, FULL }

  private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();

  /** Adds a local socket of {@code userId}; refuses a new user when {@code maxMembers} (≥0) are present. */
  Change joinLocal(String userId, JsonNode info, int maxMembers) {
    Member m = members.get(userId);
    if (m == null) {
      if (maxMembers >= 0 && members.size() >= maxMembers) {
        return Change.FULL;
      }
      m = new Member(info);
      members.put(userId, m);
      m.localSockets = 1;
      return Change.FIRST_ANYWHERE;
    }
    return ++m.localSockets == 1 ? Change.FIRST_ON_NODE : Change.NONE;
  }

  /** Removes a local socket of {@code userId}. */
  Change leaveLocal(String userId) {
    Member m = members.get(userId);
    if (m == null || m.localSockets == 0) {
      return Change.NONE;
    }
    if (--m.localSockets > 0) {
      return Change.NONE;
    }
    if (m.gone()) {
      members.remove(userId);
      return Change.LAST_ANYWHERE;
    }
    return Change.LAST_ON_NODE;
  }

  /** Another node reports the user's first socket there; FIRST_ANYWHERE when the user is new. */
  Change joinRemote(String node, String userId, JsonNode info) {
    Member m = members.get(userId);
    if (m == null) {
      m = new Member(info);
      m.nodes.add(node);
      members.put(userId, m);
      return Change.FIRST_ANYWHERE;
    }
    m.nodes.add(node);
    return Change.NONE;
  }

  /** Another node reports the user's last socket there left; LAST_ANYWHERE when nobody has the user now. */
  Change leaveRemote(String node, String userId) {
    Member m = members.get(userId);
    if (m == null || !m.nodes.remove(node)) {
      return Change.NONE;
    }
    if (m.gone()) {
      members.remove(userId);
      return Change.LAST_ANYWHERE;
    }
    return Change.NONE;
  }

  /** Users on {@code node}, for removing a node that died. */
  Set<String> usersOn(String node) {
    Set<String> out = new HashSet<>();
    members.forEach((id, m) -> {
      if (m.nodes.contains(node)) {
        out.add(id);
      }
    });
    return out;
  }

  /** Users with sockets on this node, with their info, for a full sync to a joining node. */
  Map<String, JsonNode> localMembers() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    members.forEach((id, m) -> {
      if (m.localSockets > 0) {
        out.put(id, m.info);
      }
    });
    return out;
  }

  /** The user when the user has a socket on this node, else null. */
  RemoteSide.LocalMember localMember(String userId) {
    Member m = members.get(userId);
    return m == null || m.localSockets == 0 ? null : new RemoteSide.LocalMember(m.info);
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  public int size() {
    return members.size();
  }

  public boolean contains(String userId) {
    return members.containsKey(userId);
  }

  /**
   * Every member in {@code encoder}'s form, encoded once per member and reused by every later roster: a
   * join's roster then costs a copy per member, not an encoding (a presence churn re-sends it per join).
   */
  @SuppressWarnings("unchecked")
  public <T> List<T> encoded(MemberEncoder<T> encoder) {
    List<T> out = new ArrayList<>(members.size());
    members.forEach((id, m) -> {
      Encoded<?> e = m.encoded;
      if (e == null || e.by() != encoder) {
        // a benign race: two readers may both encode the same immutable member
        e = new Encoded<>(encoder, encoder.encode(id, m.info == null ? null : m.info.toString()));
        m.encoded = e;
      }
      out.add((T) e.value());
    });
    return out;
  }

  /** The members' user ids, a snapshot. */
  public List<String> userIds() {
    return new ArrayList<>(members.keySet());
  }
}
