package dev.switchboard.cluster;

import static dev.switchboard.cluster.ClusterSockets.joinFrame;
import static dev.switchboard.cluster.ClusterSockets.subscribeFrame;
import static dev.switchboard.cluster.ClusterSockets.unsubscribeFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.data.Result;
import dev.switchboard.NodeProcess;
import dev.switchboard.RawSocket;
import dev.switchboard.TestClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Cluster-wide answers that depend on state replicated between nodes: they must hold whichever node is
 * asked, also after sockets on several loops of a node change the same state at the same moment.
 */
abstract class CrossNodeContract extends ConfirmedStateContract {
  @Test
  @Order(12)
  void racingSubscribesAndPresenceRejoinsOnSeveralLoopsLeaveEveryNodeWithTheSameTrueState() throws Exception {
    awaitQuotaFreedOnEveryNode();
    TestClient watcher = client(nodes.get(2), "w");
    watcher.join("presence-race");
    // x has sockets on both nodes and two loops of node 1; y leaves for good; z rejoins on two loops of node 2
    String[] users = {"x", "x", "y", "x", "z", "z"};
    List<RawSocket> sockets = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < users.length; i++) {
      RawSocket s = RawSocket.pusher(nodes.get(i < 3 ? 0 : 1).port(), "app-key");
      sockets.add(s);
      ids.add(s.socketId());
    }
    int cycles = 150;
    ExecutorService pool = Executors.newFixedThreadPool(users.length);
    try {
      List<Future<JsonNode>> done = new ArrayList<>();
      for (int i = 0; i < users.length; i++) {
        int k = i;
        done.add(pool.submit(() -> {
          RawSocket s = sockets.get(k);
          String join = joinFrame(ids.get(k), "presence-race", users[k]);
          for (int j = 0; j < cycles; j++) {
            s.send(join);
            s.send(subscribeFrame("race-" + j % 4));
            s.send(unsubscribeFrame("race-" + j % 4));
            s.send(unsubscribeFrame("presence-race"));
          }
          s.send(subscribeFrame("race-" + k % 2));
          if (!users[k].equals("y")) {
            s.send(join);
          }
          s.send("{\"event\":\"pusher:ping\",\"data\":{}}");
          return s.next("pusher:pong", 60_000); // frames are handled in order: all of them are done
        }));
      }
      for (Future<JsonNode> f : done) {
        assertNotNull(f.get(90, TimeUnit.SECONDS), "every frame handled");
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, String> expected = Map.of("race-0", "sockets=3", "race-1", "sockets=3",
        "presence-race", "sockets=6 user_count=3 users=[w, x, z]");
    ClusterSockets.awaitView(nodes, expected);
    // member_added/member_removed reach node 3 once per change of the cluster-wide roster, ending as it ends
    Map<String, String> lastSeen = new HashMap<>();
    for (String e; (e = watcher.members.poll(500, TimeUnit.MILLISECONDS)) != null; ) {
      String user = e.substring(e.indexOf(':') + 1);
      String before = lastSeen.put(user, e.substring(0, e.indexOf(':')));
      assertTrue(before == null ? e.startsWith("added") : !e.startsWith(before), "alternates: " + e);
    }
    assertEquals("added", lastSeen.get("x"));
    assertEquals("added", lastSeen.get("z"));
    assertEquals("removed", lastSeen.getOrDefault("y", "removed"));
    sockets.forEach(RawSocket::close);
    watcher.close();
    awaitView(Map.of());
  }

  @Test
  @Order(13)
  void channelListingsAreAnsweredByANodeWithoutTheSubscribers() throws Exception {
    TestClient a = client(nodes.get(0), "ann");
    TestClient b = client(nodes.get(0), "bob");
    a.subscribe("list-a");
    a.subscribe("list-b");
    b.subscribe("list-b");
    awaitView(Map.of("list-a", "sockets=1", "list-b", "sockets=2"));
    Result r = api(nodes.get(2)).get("/channels", Map.of("filter_by_prefix", "list-"));
    assertEquals("{\"channels\":{\"list-a\":{\"subscription_count\":1,\"occupied\":true},"
        + "\"list-b\":{\"subscription_count\":2,\"occupied\":true}}}", r.getMessage());
    a.close();
    b.close();
    awaitView(Map.of());
  }

  @Test
  @Order(14)
  void watchlistEventsReportAUserSignedInOnAnotherNode() throws Exception {
    try (RawSocket wally = RawSocket.pusher(nodes.get(0).port(), "app-key")) {
      ClusterSockets.signin(wally, wally.socketId(), "wally", "olive");
      RawSocket olive = RawSocket.pusher(nodes.get(1).port(), "app-key");
      ClusterSockets.signin(olive, olive.socketId(), "olive");
      assertEquals("{\"events\":[{\"name\":\"online\",\"user_ids\":[\"olive\"]}]}", watchlistEvent(wally));
      olive.close();
      assertEquals("{\"events\":[{\"name\":\"offline\",\"user_ids\":[\"olive\"]}]}", watchlistEvent(wally));
    }
  }

  private static String watchlistEvent(RawSocket s) throws InterruptedException {
    JsonNode e = s.next("pusher_internal:watchlist_events", 10_000);
    assertNotNull(e, "a watchlist event");
    return e.get("data").asText();
  }

  @Test
  @Order(15)
  void anEventForAUserReachesTheirSocketOnAnotherNodeFromSignInOn() throws Exception {
    try (RawSocket sue = RawSocket.pusher(nodes.get(1).port(), "app-key")) {
      ClusterSockets.signin(sue, sue.socketId(), "sue");
      // not subscribed to #server-to-user-sue yet: the sign-in alone routes the user's events here
      toUser(nodes.get(0), "sue", "note");
      JsonNode note = sue.next("note", 10_000);
      assertNotNull(note, "the user's socket on node 2 gets the event sent through node 1 right after sign-in");
      assertEquals("#server-to-user-sue", note.get("channel").asText());
      assertEquals("{\"hi\":1}", note.get("data").asText());
      sue.send(subscribeFrame("#server-to-user-sue"));
      assertNotNull(sue.next("pusher_internal:subscription_succeeded", 10_000));
      toUser(nodes.get(2), "sue", "again");
      toUser(nodes.get(2), "sue", "marker");
      sue.expect("again");
      sue.expect("marker"); // the subscribed socket got "again" once, not once per route
    }
  }

  private static void toUser(NodeProcess via, String user, String event) throws Exception {
    Result r = api(via).post("/events", "{\"name\":\"" + event + "\",\"channels\":[\"#server-to-user-" + user
        + "\"],\"data\":\"{\\\"hi\\\":1}\"}");
    assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
  }

  @Test
  @Order(16)
  void thePresenceMemberLimitHoldsAcrossNodes() throws Exception {
    awaitQuotaFreedOnEveryNode(); // sockets of the tests before still count against max_connections
    List<TestClient> members = new ArrayList<>();
    for (int i = 0; i < MEMBER_LIMIT; i++) {
      NodeProcess n = nodes.get(i % 3);
      members.add(client(n, "m" + i));
      members.get(i).join("presence-full");
      for (NodeProcess other : nodes) {
        eventually(other, "/channels/presence-full", Map.of("info", "user_count"), "\"user_count\":" + (i + 1));
      }
    }
    try (RawSocket extra = RawSocket.pusher(nodes.get(1).port(), "app-key")) {
      String id = extra.socketId();
      extra.send(joinFrame(id, "presence-full", "late-comer"));
      JsonNode err = extra.next("pusher:subscription_error", 10_000);
      assertNotNull(err, "a member past the limit is refused on a node holding fewer members");
      assertEquals(4100, err.get("data").get("status").asInt());
      // a user already present (m0, on node 1) opening another tab on node 2 is no new member
      extra.send(joinFrame(id, "presence-full", "m0"));
      assertNotNull(extra.next("pusher_internal:subscription_succeeded", 10_000));
    }
    members.forEach(TestClient::close);
    awaitView(Map.of());
  }

  @Test
  @Order(17)
  void numericUserIdsStayNumbersOnEveryNode() throws Exception {
    try (RawSocket x = RawSocket.pusher(nodes.get(0).port(), "app-key");
        RawSocket y = RawSocket.pusher(nodes.get(1).port(), "app-key")) {
      x.send(joinFrame(x.socketId(), "presence-nums", 5L));
      assertNotNull(x.next("pusher_internal:subscription_succeeded", 10_000));
      for (NodeProcess n : nodes) {
        eventually(n, "/channels/presence-nums/users", Map.of(), "{\"users\":[{\"id\":5}]}");
      }
      y.send(joinFrame(y.socketId(), "presence-nums", 6L));
      JsonNode ok = y.next("pusher_internal:subscription_succeeded", 10_000);
      assertNotNull(ok, "node 2 answers the join");
      JsonNode ids = ClusterSockets.JSON.readTree(ok.get("data").asText()).path("presence").path("ids");
      assertEquals(2, ids.size(), ids.toString());
      ids.forEach(id -> assertTrue(id.isNumber(), "a member on node 1 is listed as a number on node 2: " + ids));
      JsonNode added = ClusterSockets.JSON.readTree(x.next("pusher_internal:member_added", 10_000)
          .get("data").asText());
      assertTrue(added.path("user_id").isNumber(), added.toString());
      assertEquals(6, added.path("user_id").asInt());
      x.close();
      JsonNode removed = y.next("pusher_internal:member_removed", 10_000);
      assertNotNull(removed, "node 2 hears that the member on node 1 left");
      JsonNode gone = ClusterSockets.JSON.readTree(removed.get("data").asText());
      assertTrue(gone.path("user_id").isNumber(), gone.toString());
      assertEquals(5, gone.path("user_id").asInt());
    }
    awaitView(Map.of());
  }

  static void awaitView(Map<String, String> expected) throws Exception {
    List<NodeProcess> all = new ArrayList<>(nodes);
    if (late != null) {
      all.add(late);
    }
    ClusterSockets.awaitView(all, expected);
  }
}
