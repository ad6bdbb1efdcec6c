package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
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
 *
 * <p>A user id is looked up by its string (a number's decimal form), but each member keeps the id as the
 * client gave it: Laravel's ids are integers and soketi hands them on as numbers, so member events, the
 * roster, client-event stamps, webhooks and the users API repeat {@code 2}, not {@code "2"}.
 */
public final class PresenceRoster {
  private static final class Member {
    /** The id as a JSON number when the client gave a number; null for a string id (the usual case). */
    final JsonNode number;
    final JsonNode info;
    /** The dialect's wire form of this member and the encoder that made it (see {@link #encoded}). */
    private volatile Encoded<?> encoded;
    int localSockets;
    final Set<String> nodes = new HashSet<>(2);

    Member(JsonNode number, JsonNode info) {
      this.number = number;
      this.info = info;
    }

    boolean gone() {
      return localSockets == 0 && nodes.isEmpty();
    }
  }

  /** Turns one member into a dialect's wire form; called at most once per member and encoder. */
  @FunctionalInterface
  public interface MemberEncoder<T> {
    /** {@code id} is the id as the client gave it (see {@link #idJson}). */
    T encode(String userId, JsonNode id, String infoJson);
  }

  /**
   * A user id as JSON: {@code number} when the client gave one (see {@link PresenceRoster}), else the
   * string {@code userId}.
   */
  public static JsonNode idJson(String userId, JsonNode number) {
    return number != null ? number : TextNode.valueOf(userId);
  }

  private record Encoded<T>(MemberEncoder<T> by, T value) {}

  /** What a change meant for this node and for the cluster. */
  public enum Change { NONE, FIRST_ON_NODE, FIRST_ANYWHERE, LAST_ON_NODE, LAST_ANYWHERE, FULL }

  private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();

  /** {@link #joinLocal(String, JsonNode, JsonNode, int)} for a string id. */
  Change joinLocal(String userId, JsonNode info, int maxMembers) {
    return joinLocal(userId, null, info, maxMembers);
  }

  /**
   * Adds a local socket of {@code userId} ({@code number}: the id as a JSON number, or null for a string id);
   * refuses a new user when {@code maxMembers} (≥0) are present.
   */
  Change joinLocal(String userId, JsonNode number, JsonNode info, int maxMembers) {
    Member m = members.get(userId);
    if (m == null) {
      if (maxMembers >= 0 && members.size() >= maxMembers) {
        return Change.FULL;
      }
      m = new Member(number, info);
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
  Change joinRemote(String node, String userId, JsonNode number, JsonNode info) {
    Member m = members.get(userId);
    if (m == null) {
      m = new Member(number, info);
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
  Map<String, RemoteSide.LocalMember> localMembers() {
    Map<String, RemoteSide.LocalMember> out = new LinkedHashMap<>();
    members.forEach((id, m) -> {
      if (m.localSockets > 0) {
        out.put(id, new RemoteSide.LocalMember(m.number, m.info));
      }
    });
    return out;
  }

  /** The user when the user has a socket on this node, else null. */
  RemoteSide.LocalMember localMember(String userId) {
    Member m = members.get(userId);
    return m == null || m.localSockets == 0 ? null : new RemoteSide.LocalMember(m.number, m.info);
  }

  /** The member's id as the client gave it (see {@link #idJson}), or null when the user is no member. */
  JsonNode idOf(String userId) {
    Member m = members.get(userId);
    return m == null ? null : idJson(userId, m.number);
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
        String info = m.info == null ? null : m.info.toString();
        e = new Encoded<>(encoder, encoder.encode(id, idJson(id, m.number), info));
        m.encoded = e;
      }
      out.add((T) e.value());
    });
    return out;
  }

  /** The members' user ids as the clients gave them (see {@link #idJson}), a snapshot. */
  public List<JsonNode> userIds() {
    List<JsonNode> out = new ArrayList<>(members.size());
    members.forEach((id, m) -> out.add(idJson(id, m.number)));
    return out;
  }
}
