package dev.switchboard.cluster;

import static dev.switchboard.cluster.ClusterSockets.joinFrame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.pusher.rest.data.Result;
import dev.switchboard.NodeProcess;
import dev.switchboard.RawSocket;
import dev.switchboard.TestClient;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * What a node has confirmed to a client, every node knows: right after connection_established,
 * subscription_succeeded or a completed close, the next node asked (the HTTP API, its connection quota, its
 * presence limit) already holds the change. Nodes 1 and 2 play soketi's two servers with the backend calling
 * the first. Each assertion follows the client-side confirmation directly: no polling, no sleeps.
 */
abstract class ConfirmedStateContract extends ClusterFixture {

  @Test
  @Order(17)
  void aConnectionConfirmedOnOneNodeFillsTheQuotaOnAnotherAtOnceAndItsCompletedCloseFreesIt() throws Exception {
    TestClient first = clientOf(ONE_CONNECTION, nodes.get(0), "first");
    first.start().get(10, TimeUnit.SECONDS);
    assertEquals("4100", outcome(clientOf(ONE_CONNECTION, nodes.get(1), "second")),
        "refused on node 2 right after node 1 established the app's only connection");
    first.closeAndAwait();
    TestClient third = clientOf(ONE_CONNECTION, nodes.get(1), "third");
    assertEquals("connected", outcome(third), "let in on node 2 right after the first connection's close completed");
    third.closeAndAwait();
  }

  @Test
  @Order(18)
  void aMemberConfirmedOnOneNodeFillsAOneMemberChannelOnAnotherAtOnceAndLeavingFreesIt() throws Exception {
    TestClient ann = clientOf(ONE_MEMBER, nodes.get(0), "ann");
    ann.start().get(10, TimeUnit.SECONDS);
    ann.join("presence-solo");
    try (RawSocket bob = RawSocket.pusher(nodes.get(1).port(), ONE_MEMBER + "-key")) {
      String join = joinFrame(ONE_MEMBER + "-key", ONE_MEMBER + "-secret", bob.socketId(), "presence-solo", "bob");
      bob.send(join);
      JsonNode refused = subscribeAnswer(bob);
      assertEquals("pusher:subscription_error", refused.path("event").asText(), refused.toString());
      assertEquals(4100, refused.path("data").path("status").asInt(), refused.toString());
      ann.closeAndAwait();
      bob.send(join);
      JsonNode admitted = subscribeAnswer(bob);
      assertEquals("pusher_internal:subscription_succeeded", admitted.path("event").asText(),
          "let in on node 2 right after the only member's close completed on node 1: " + admitted);
    }
  }

  @Test
  @Order(19)
  void usersAskedOfOneNodeRightAfterAJoinOrACloseOnAnotherAreTheNewRoster() throws Exception {
    NodeProcess a = nodes.get(0);
    NodeProcess b = nodes.get(1);
    TestClient ann = client(a, "ann");
    ann.join("presence-confirmed");
    assertEquals(List.of("ann"), users(b, "presence-confirmed"), "node 2 right after ann's join on node 1");
    TestClient bob = client(b, "bob");
    bob.join("presence-confirmed");
    assertEquals(List.of("ann", "bob"), users(a, "presence-confirmed"), "node 1 right after bob's join on node 2");
    bob.closeAndAwait();
    assertEquals(List.of("ann"), users(a, "presence-confirmed"), "node 1 right after bob's close on node 2");
    ann.closeAndAwait();
    assertEquals(List.of(), users(b, "presence-confirmed"), "node 2 right after ann's close on node 1");
  }

  /** "connected", or the pusher:error code the server refused the connection with. */
  private static String outcome(TestClient c) throws Exception {
    CompletableFuture<Void> up = c.start();
    CompletableFuture.anyOf(up, c.errorCode).get(10, TimeUnit.SECONDS);
    return up.isDone() ? "connected" : c.errorCode.getNow("none");
  }

  /** The answer to a subscribe: subscription_succeeded or subscription_error, whichever comes first. */
  private static JsonNode subscribeAnswer(RawSocket s) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      JsonNode n = s.received.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
      String event = n == null ? "" : n.path("event").asText();
      if (event.equals("pusher_internal:subscription_succeeded") || event.equals("pusher:subscription_error")) {
        return n;
      }
    }
    throw new AssertionError("no answer to the subscribe within 10 s");
  }

  /** The user ids of {@code channel} that node {@code n} answers, sorted. */
  private static List<String> users(NodeProcess n, String channel) throws Exception {
    Result r = api(n).get("/channels/" + channel + "/users", Map.of());
    assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
    TreeSet<String> ids = new TreeSet<>();
    ClusterSockets.JSON.readTree(r.getMessage()).path("users").forEach(u -> ids.add(u.path("id").asText()));
    return List.copyOf(ids);
  }
}
