package dev.switchboard.cluster;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Channel;
import dev.switchboard.core.RemoteSide;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * This node's replicated state that changed and is not sent yet. The core reports a change from the loop
 * that made it, after releasing the lock that decided it, so two loops' reports can reach the broker in
 * either order; sending the values they carry could leave peers with the older one (a ghost channel, a
 * wrong count, a member who left and rejoined missing). So a report only marks the key, and a flush on
 * the broker's context sends what the core holds at that moment. A key is unmarked before its value is
 * read, so a change racing with a flush marks it again: the last flush after the last change always sends
 * the final state, and every message about state leaves from one thread, in order with full syncs. Peers
 * apply these messages idempotently (a member already there is not added twice), so a leave and rejoin
 * between two flushes is sent as "present" and fires no member_removed/member_added elsewhere.
 */
final class StateOutbox {
  /** Subscription and connection counts change with every socket: coalesced for this long. */
  private static final long COALESCE_MS = 20;

  private record Member(AppRuntime rt, String channel, String user) {}

  private record Count(AppRuntime rt, String channel) {}

  private record User(AppRuntime rt, String user) {}

  private final String node;
  private final Vertx vertx;
  private final Context ctx;
  private final Consumer<ClusterMessage.Writer> send;
  private final Set<Member> members = ConcurrentHashMap.newKeySet();
  private final Set<User> users = ConcurrentHashMap.newKeySet();
  private final Set<Count> counts = ConcurrentHashMap.newKeySet();
  private final Set<AppRuntime> connections = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean soonScheduled = new AtomicBoolean();
  private final AtomicBoolean timerScheduled = new AtomicBoolean();

  /** {@code send} is called on {@code ctx} only. */
  StateOutbox(String node, Vertx vertx, Context ctx, Consumer<ClusterMessage.Writer> send) {
    this.node = node;
    this.vertx = vertx;
    this.ctx = ctx;
    this.send = send;
  }

  void member(AppRuntime rt, String channel, String user) {
    members.add(new Member(rt, channel, user));
    soon();
  }

  void user(AppRuntime rt, String user) {
    users.add(new User(rt, user));
    soon();
  }

  void count(AppRuntime rt, String channel) {
    counts.add(new Count(rt, channel));
    later();
  }

  void connections(AppRuntime rt) {
    connections.add(rt);
    later();
  }

  /** Presence and sign-ins go out on the next turn of the context: members see each other promptly. */
  private void soon() {
    if (soonScheduled.compareAndSet(false, true)) {
      ctx.runOnContext(v -> {
        soonScheduled.set(false);
        flushPresence();
      });
    }
  }

  private void later() {
    if (timerScheduled.compareAndSet(false, true)) {
      ctx.runOnContext(v -> vertx.setTimer(COALESCE_MS, id -> {
        timerScheduled.set(false);
        flushCounts();
      }));
    }
  }

  /** Sends everything marked now, counts included; on the context, before a confirmation marker. */
  void flush() {
    flushPresence();
    flushCounts();
  }

  private void flushPresence() {
    for (Member k : members) {
      if (members.remove(k)) {
        RemoteSide.LocalMember m = k.rt.remoteSide().localMember(k.channel, k.user);
        // a numeric id's JSON goes last: nodes that do not know the field stop reading before it
        send.accept(m != null
            ? new ClusterMessage.Writer(ClusterMessage.MEMBER_JOINED, node).str(k.rt.id()).str(k.channel)
                .str(k.user).str(m.info() == null ? null : m.info().toString())
                .str(m.number() == null ? null : m.number().toString())
            : new ClusterMessage.Writer(ClusterMessage.MEMBER_LEFT, node).str(k.rt.id()).str(k.channel)
                .str(k.user));
      }
    }
    for (User k : users) {
      if (users.remove(k)) {
        byte type = k.rt.connectionsOf(k.user).isEmpty() ? ClusterMessage.USER_OFFLINE : ClusterMessage.USER_ONLINE;
        send.accept(new ClusterMessage.Writer(type, node).str(k.rt.id()).str(k.user));
      }
    }
  }

  private void flushCounts() {
    for (Count k : counts) {
      if (counts.remove(k)) {
        Channel ch = k.rt.channel(k.channel);
        send.accept(new ClusterMessage.Writer(ClusterMessage.COUNT, node).str(k.rt.id()).str(k.channel)
            .num(ch == null ? 0 : ch.subscriptionCount()));
      }
    }
    for (AppRuntime rt : connections) {
      if (connections.remove(rt)) {
        send.accept(new ClusterMessage.Writer(ClusterMessage.CONNECTIONS, node).str(rt.id()).num(rt.connectionCount()));
      }
    }
  }
}
