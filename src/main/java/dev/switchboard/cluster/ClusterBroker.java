package dev.switchboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.Replicator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster logic, written once over a byte {@link ClusterTransport}. Outbound: events go out at once;
 * state changes the core reports ({@link Replicator}) are sent as the state they leave, read on this
 * broker's context ({@link StateOutbox}), so reports racing between loops cannot leave peers behind; what a
 * client is told has happened (connected, subscribed, closed) waits until every peer has acked a marker sent
 * after that state ({@link Confirmations}), so every node already holds it.
 * Inbound: messages from other nodes are applied in order on one context. Liveness: each node sends a
 * heartbeat; a node silent for {@code node_timeout_ms} is dropped as if all its sockets closed. A node
 * that starts (or reconnects) says HELLO and every node answers with its full state.
 */
public final class ClusterBroker implements Replicator, NodeRequests {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterBroker.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String node = UUID.randomUUID().toString().substring(0, 13);
  private final ClusterConfig config;
  private final ClusterTransport transport;
  private final Hub hub;
  private final Vertx vertx;
  private final ContextInternal ctx;
  private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
  private final StateOutbox outbox;
  private final OwnEvents own = new OwnEvents();
  private final NodeQuestions questions;
  private final Confirmations confirmations;
  /**
   * When the broker first answered (MAX_VALUE until then, so a later connect is a reconnect); until
   * node_timeout later, full syncs only catch this node up.
   */
  private volatile long firstConnectedMs = Long.MAX_VALUE;

  public ClusterBroker(Vertx vertx, ClusterConfig config, ClusterTransport transport, Hub hub) {
    this.vertx = vertx;
    this.config = config;
    this.transport = transport;
    this.hub = hub;
    this.ctx = ((VertxInternal) vertx).createEventLoopContext();
    this.outbox = new StateOutbox(node, vertx, ctx, this::send);
    this.questions = new NodeQuestions(node, vertx, this::send);
    this.confirmations = new Confirmations(vertx, ctx, this::publishMarker);
  }

  public String nodeId() {
    return node;
  }

  /** Connected to the broker. */
  public boolean healthy() {
    return transport.connected();
  }

  /** Nodes heard from recently, this one excluded. */
  public int peers() {
    return lastSeen.size();
  }

  @Override
  public java.util.Set<String> peerIds() {
    return java.util.Set.copyOf(lastSeen.keySet());
  }

  @Override
  public Future<byte[]> ask(String target, String topic, byte[] request, long timeoutMs) {
    if (!transport.connected()) {
      return Future.failedFuture(new ClusterException("cluster broker disconnected"));
    }
    return questions.ask(target, topic, request, timeoutMs);
  }

  @Override
  public void answer(String topic, java.util.function.Function<byte[], Future<byte[]>> handler) {
    questions.answer(topic, handler);
  }

  /**
   * Whether this node owns {@code channel} of {@code appId} among the live nodes (this one and the peers
   * heard within node_timeout), so that cluster-wide side effects such as webhooks happen on one node.
   * While the broker is down every node owns every channel: peers are still "live" until node_timeout, but
   * the owner among them cannot hear of this node's transitions, so they would be lost (a duplicate after the
   * outage is what at-least-once allows; a loss is not).
   */
  public boolean owns(String appId, String channel) {
    if (!transport.connected()) {
      return true;
    }
    return node.equals(ChannelOwners.owner(node, lastSeen.keySet(), appId, channel));
  }

  public Future<Void> start() {
    return transport.start(bytes -> ctx.runOnContext(v -> receive(bytes)), up -> ctx.runOnContext(v -> connected(up)))
        .onSuccess(v -> ctx.runOnContext(x -> {
          vertx.setPeriodic(config.heartbeatMs(), id -> heartbeat());
          LOG.info("cluster node {} joined via {}", node, config.driver());
        }));
  }

  public Future<Void> stop() {
    transport.publish(new ClusterMessage.Writer(ClusterMessage.BYE, node).done());
    return transport.close();
  }

  private void connected(boolean up) {
    if (!up) {
      LOG.warn("cluster broker connection lost; serving local clients, reconnecting");
      own.deliverAll();
      confirmations.releaseAll();
      return;
    }
    boolean reconnect = firstConnectedMs != Long.MAX_VALUE;
    if (!reconnect) {
      firstConnectedMs = System.currentTimeMillis();
    }
    send(hello());
    if (reconnect) {
      LOG.info("cluster broker reconnected; resynchronising");
    }
    // Clients may have connected and subscribed before the first connection too (the listener does not
    // wait for the broker), and after an outage others may have dropped this node: either way, publish it all.
    syncTo(null);
  }

  private void heartbeat() {
    send(new ClusterMessage.Writer(ClusterMessage.HEARTBEAT, node).num(ClusterMessage.ACKS_CONFIRMATIONS));
    long now = System.currentTimeMillis();
    lastSeen.forEach((peer, seen) -> {
      if (now - seen > config.nodeTimeoutMs()) {
        LOG.atWarn().addKeyValue("silent_ms", now - seen)
            .log("cluster node {} silent for {} ms; removing its connections' state", peer, now - seen);
        drop(peer);
      }
    });
  }

  private ClusterMessage.Writer hello() {
    return new ClusterMessage.Writer(ClusterMessage.HELLO, node).num(ClusterMessage.ACKS_CONFIRMATIONS);
  }

  private void drop(String peer) {
    lastSeen.remove(peer);
    confirmations.peerGone(peer);
    for (AppRuntime rt : hub.runtimes()) {
      rt.remoteSide().dropNode(peer);
    }
  }

  /**
   * On this broker's context, like the outbox's flushes: a snapshot is newer than every state message sent
   * before it, and any change it missed is still marked in the outbox and follows it.
   */
  private void syncTo(String target) {
    for (AppRuntime rt : hub.runtimes()) {
      send(new ClusterMessage.Writer(ClusterMessage.SYNC, node).str(target).str(rt.id())
          .bytes(SyncCodec.encode(rt.remoteSide().snapshot())));
    }
  }

  private void send(ClusterMessage.Writer w) {
    transport.publish(w.done());
  }

  // ---- inbound -----------------------------------------------------------------------------------

  private void receive(byte[] bytes) {
    ClusterMessage.Reader r;
    try {
      r = new ClusterMessage.Reader(bytes);
      if (r.node != null && r.node.equals(node)) {
        if (r.type == ClusterMessage.EVENT) {
          ownEchoed(r);
        } else if (r.type == ClusterMessage.CONFIRM) {
          confirmations.echoed(r.num());
        }
        return;
      }
      if (r.node == null) {
        return;
      }
      boolean known = lastSeen.put(r.node, System.currentTimeMillis()) != null;
      if (!known && r.type != ClusterMessage.HELLO && r.type != ClusterMessage.BYE) {
        send(hello()); // a peer we hold no state for: ask
      }
      apply(r);
    } catch (RuntimeException e) {
      LOG.warn("ignoring a cluster message that cannot be read: {}", e.getMessage());
    }
  }

  /** This node's own event, back from the broker in the cluster-wide order: now local subscribers get it. */
  private void ownEchoed(ClusterMessage.Reader r) {
    r.skip(); // app
    r.skip(); // channel
    r.skip(); // except
    r.skip(); // frame: this node still holds its own encoded copy
    own.release(r.num());
  }

  private void apply(ClusterMessage.Reader r) {
    switch (r.type) {
      case ClusterMessage.EVENT -> {
        String app = r.str();
        String channel = r.str();
        String except = r.str();
        hub.runtime(app).remoteSide().event(channel, OutboundMessage.ofFrame(r.bytes()), except);
      }
      case ClusterMessage.MEMBER_JOINED -> {
        AppRuntime rt = hub.runtime(r.str());
        String channel = r.str();
        String user = r.str();
        JsonNode info = json(r.str());
        JsonNode number = r.more() ? json(r.str()) : null; // a node that predates numeric ids sends none
        rt.remoteSide().memberJoined(r.node, channel, user, number != null && number.isNumber() ? number : null,
            info);
      }
      case ClusterMessage.MEMBER_LEFT -> hub.runtime(r.str()).remoteSide().memberLeft(r.node, r.str(), r.str());
      case ClusterMessage.COUNT -> hub.runtime(r.str()).remoteSide().channelCount(r.node, r.str(), r.num());
      case ClusterMessage.USER_ONLINE -> hub.runtime(r.str()).remoteSide().userOnline(r.node, r.str());
      case ClusterMessage.USER_OFFLINE -> hub.runtime(r.str()).remoteSide().userOffline(r.node, r.str());
      case ClusterMessage.CONNECTIONS -> hub.runtime(r.str()).remoteSide().connections(r.node, r.num());
      case ClusterMessage.TERMINATE -> {
        AppRuntime rt = hub.runtime(r.str());
        String user = r.str();
        int code = r.num();
        String reason = r.str();
        rt.remoteSide().terminateUser(user, OutboundMessage.ofFrame(r.bytes()), code, reason);
      }
      case ClusterMessage.HEARTBEAT -> ackingPeer(r); // lastSeen already updated
      // another node's marker: everything it sent before is applied here now, so say so
      case ClusterMessage.CONFIRM -> send(new ClusterMessage.Writer(ClusterMessage.CONFIRMED, node).str(r.node)
          .num(r.num()));
      case ClusterMessage.CONFIRMED -> {
        if (node.equals(r.str())) {
          confirmations.acked(r.node, r.num());
        }
      }
      case ClusterMessage.HELLO -> {
        ackingPeer(r);
        syncTo(r.node);
      }
      case ClusterMessage.SYNC -> {
        String target = r.str();
        if (target == null || target.equals(node)) {
          // a node that just started learns existing state: not a change to announce (no webhooks)
          boolean settling = System.currentTimeMillis() - firstConnectedMs < config.nodeTimeoutMs();
          hub.runtime(r.str()).remoteSide().replaceNode(r.node, SyncCodec.decode(r.bytes()), !settling);
        }
      }
      case ClusterMessage.ASK -> questions.asked(r.node, r);
      case ClusterMessage.ANSWER -> questions.answered(r);
      case ClusterMessage.BYE -> {
        LOG.info("cluster node {} left", r.node);
        drop(r.node);
      }
      default -> LOG.debug("unknown cluster message type {}", r.type);
    }
  }

  /** A HELLO or HEARTBEAT that says its sender acks confirmation markers. */
  private void ackingPeer(ClusterMessage.Reader r) {
    if (r.more() && r.num() == ClusterMessage.ACKS_CONFIRMATIONS) {
      confirmations.peerUp(r.node);
    }
  }

  private static JsonNode json(String s) {
    if (s == null) {
      return null;
    }
    try {
      return JSON.readTree(s);
    } catch (Exception e) {
      return null;
    }
  }

  // ---- outbound (Replicator) ---------------------------------------------------------------------

  /**
   * Local subscribers get the event when the broker echoes it (see {@link OwnEvents}), or directly while
   * the broker is down or when it refuses the publish.
   */
  @Override
  public CompletionStage<Void> event(AppRuntime app, String channel, OutboundMessage m, String exceptSocketId,
      long receivedNanos) {
    if (!transport.connected()) {
      app.publish(channel, m, exceptSocketId, receivedNanos);
      return CompletableFuture.failedFuture(new ClusterException("cluster broker disconnected"));
    }
    int id = own.hold(app, channel, m, exceptSocketId, receivedNanos);
    // the number goes last: nodes that do not know it stop reading before it
    return transport.publishConfirmed(new ClusterMessage.Writer(ClusterMessage.EVENT, node).str(app.id())
        .str(channel).str(exceptSocketId).bytes(m.frame()).num(id).done())
        .onFailure(e -> own.release(id))
        .toCompletionStage();
  }

  /** See {@link Confirmations}: the state marked so far, then the marker, in one stream. */
  @Override
  public CompletionStage<Void> confirmed() {
    return confirmations.await();
  }

  /** On the broker's context: false when the broker is down and no echo can come. */
  private boolean publishMarker(int n) {
    if (!transport.connected()) {
      return false;
    }
    outbox.flush();
    send(new ClusterMessage.Writer(ClusterMessage.CONFIRM, node).num(n));
    return true;
  }

  @Override
  public void memberJoined(AppRuntime app, String channel, String userId, JsonNode info) {
    outbox.member(app, channel, userId);
  }

  @Override
  public void memberLeft(AppRuntime app, String channel, String userId) {
    outbox.member(app, channel, userId);
  }

  @Override
  public void channelCount(AppRuntime app, String channel, int localCount) {
    outbox.count(app, channel);
  }

  @Override
  public void userOnline(AppRuntime app, String userId) {
    outbox.user(app, userId);
  }

  @Override
  public void userOffline(AppRuntime app, String userId) {
    outbox.user(app, userId);
  }

  @Override
  public void connections(AppRuntime app, int localCount) {
    outbox.connections(app);
  }

  @Override
  public void terminateUser(AppRuntime app, String userId, OutboundMessage notice, int code, String reason) {
    send(new ClusterMessage.Writer(ClusterMessage.TERMINATE, node).str(app.id()).str(userId).num(code).str(reason)
        .bytes(notice.frame()));
  }
}
