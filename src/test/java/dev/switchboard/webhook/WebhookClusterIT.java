package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.pusher.client.Pusher;
import com.pusher.rest.data.Validity;
import dev.switchboard.NodeProcess;
import dev.switchboard.cluster.BrokerProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three nodes in their own JVMs on a private Redis, one webhook receiver: channel and member webhooks come
 * once for the cluster, whichever nodes the sockets are on, including after a node holding the last member
 * is SIGKILLed. Every request is checked with pusher-http-java's validator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookClusterIT {
  private static final long QUIET_MS = 1_500;
  private static WebhookReceiver receiver;
  private static BrokerProcess redis;
  private static final List<NodeProcess> nodes = new ArrayList<>();
  private static final List<Pusher> sockets = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
    redis = BrokerProcess.redis();
    String hooks = """
        [{"url":"%s","event_types":["channel_occupied","channel_vacated","member_added","member_removed",
          "subscription_count"]}]""".formatted(receiver.url("/all"));
    for (int i = 1; i <= 3; i++) {
      nodes.add(NodeProcess.start("webhook-node" + i, NodeProcess.env("ADAPTER_DRIVER", "redis",
          "REDIS_URL", "redis://127.0.0.1:" + redis.port(), "SWITCHBOARD_ADAPTER_REDIS_PREFIX", "it-hooks",
          "SWITCHBOARD_ADAPTER_HEARTBEAT_INTERVAL_MS", "250", "SWITCHBOARD_ADAPTER_NODE_TIMEOUT_MS", "2000",
          "SWITCHBOARD_DEFAULT_APP_ID", "app-id", "SWITCHBOARD_DEFAULT_APP_WEBHOOKS", hooks,
          "SWITCHBOARD_DEFAULT_APP_ENABLE_USER_AUTHENTICATION", "false")));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    sockets.forEach(Pusher::disconnect);
    for (NodeProcess n : nodes) {
      n.close();
    }
    if (redis != null) {
      redis.close();
    }
    for (var r : receiver.requests()) {
      assertEquals(Validity.VALID, r.validity(), r.body());
    }
    receiver.close();
  }

  private static Pusher connect(int node, String user) throws Exception {
    Pusher p = new Clients(nodes.get(node).port()).connect(user);
    sockets.add(p);
    return p;
  }

  private static Predicate<WebhookReceiver.Event> is(String name, String channel) {
    return e -> e.name().equals(name) && e.channel().equals(channel);
  }

  private static Predicate<WebhookReceiver.Event> member(String name, String channel, String user) {
    return is(name, channel).and(e -> e.json().path("user_id").asText().equals(user));
  }

  /** Waits for the event, then proves no second copy of it came from another node meanwhile. */
  private static void once(Predicate<WebhookReceiver.Event> p) throws Exception {
    WebhookReceiver.Event e = receiver.await(p);
    Thread.sleep(QUIET_MS); // a duplicate from another node would arrive within this; nothing to wait on
    assertEquals(1, received(p), "sent more than once: " + e.json());
  }

  /** Events matching {@code p} in every request received so far (awaited ones included). */
  private static long received(Predicate<WebhookReceiver.Event> p) {
    return receiver.requests().stream().flatMap(r -> {
      List<WebhookReceiver.Event> es = new ArrayList<>();
      r.json().path("events").forEach(e -> es.add(new WebhookReceiver.Event(r.path(), e, r)));
      return es.stream();
    }).filter(p).count();
  }

  @Test
  @Order(1)
  void simultaneousFirstJoinsAndLastLeavesOnThreeNodesGiveOneOccupiedAndOneVacated() throws Exception {
    List<Pusher> ps = List.of(connect(0, "x"), connect(1, "y"), connect(2, "z"));
    List<CompletableFuture<Void>> subs = new ArrayList<>();
    for (Pusher p : ps) {
      subs.add(CompletableFuture.runAsync(() -> subscribe(p, "news")));
    }
    CompletableFuture.allOf(subs.toArray(CompletableFuture[]::new)).get();
    once(is("channel_occupied", "news"));
    // subscription_count is the cluster-wide count: it reaches 3 though no node has more than 1 socket
    receiver.await(is("subscription_count", "news").and(e -> e.json().path("subscription_count").asInt() == 3));
    ps.forEach(p -> p.unsubscribe("news"));
    once(is("channel_vacated", "news"));
    assertEquals(1, received(is("channel_occupied", "news")), "occupied again");
  }

  private static void subscribe(Pusher p, String channel) {
    try {
      Clients.subscribe(p, channel);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Order(2)
  void membersOnDifferentNodesAreAddedAndRemovedOncePerUser() throws Exception {
    Pusher ann1 = connect(0, "ann");
    Pusher bob = connect(1, "bob");
    Pusher ann2 = connect(2, "ann"); // a second tab of ann, on another node
    Clients.subscribePresence(ann1, "presence-room");
    once(is("channel_occupied", "presence-room"));
    Clients.subscribePresence(bob, "presence-room");
    Clients.subscribePresence(ann2, "presence-room");
    once(member("member_added", "presence-room", "ann"));
    once(member("member_added", "presence-room", "bob"));
    ann1.unsubscribe("presence-room");
    bob.unsubscribe("presence-room");
    once(member("member_removed", "presence-room", "bob"));
    assertEquals(0, received(member("member_removed", "presence-room", "ann")),
        "ann still has a socket on another node");
    ann2.unsubscribe("presence-room");
    once(member("member_removed", "presence-room", "ann"));
    once(is("channel_vacated", "presence-room"));
  }

  @Test
  @Order(3)
  void killingTheNodeWithTheLastMemberRemovesItAndVacatesTheChannel() throws Exception {
    Pusher ann = connect(0, "ann");
    Pusher dan = connect(2, "dan");
    Clients.subscribePresence(ann, "presence-kill");
    Clients.subscribePresence(dan, "presence-kill");
    once(member("member_added", "presence-kill", "dan"));
    ann.unsubscribe("presence-kill");
    once(member("member_removed", "presence-kill", "ann"));
    nodes.get(2).kill(); // dan's socket is still open there: the node vanishes without telling anyone
    dan.disconnect(); // stops the client's reconnecting
    // the survivors drop the silent node after node_timeout_ms and the channel's owner among them reports it
    once(member("member_removed", "presence-kill", "dan"));
    once(is("channel_vacated", "presence-kill"));
  }
}
