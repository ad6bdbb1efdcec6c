package dev.switchboard.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.App;
import dev.switchboard.app.AppParser;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.testing.InlineLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A client's close leaves the connection's state at once and is answered when other nodes have confirmed it;
 * what other nodes cannot see, and a single node, answer at once.
 */
class ConfirmedCloseTest {
  private static final Loop LOOP = InlineLoop.INSTANCE;

  /** A cluster whose confirmations complete when the test says so. */
  private static final class PendingCluster implements Replicator {
    final CompletableFuture<Void> confirmation = new CompletableFuture<>();
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public CompletionStage<Void> confirmed() {
      asked.incrementAndGet();
      return confirmation;
    }

    @Override
    public CompletionStage<Void> event(AppRuntime app, String channel, OutboundMessage m, String exceptSocketId,
        long receivedNanos) {
      return NONE.event(app, channel, m, exceptSocketId, receivedNanos);
    }

    @Override
    public void memberJoined(AppRuntime app, String channel, String userId, JsonNode info) {}

    @Override
    public void memberLeft(AppRuntime app, String channel, String userId) {}

    @Override
    public void channelCount(AppRuntime app, String channel, int localCount) {}

    @Override
    public void userOnline(AppRuntime app, String userId) {}

    @Override
    public void userOffline(AppRuntime app, String userId) {}

    @Override
    public void connections(AppRuntime app, int localCount) {}

    @Override
    public void terminateUser(AppRuntime app, String userId, OutboundMessage notice, int code, String reason) {}
  }

  private static final class Plain extends Connection {
    Plain(AppRuntime app) {
      super("1.1", app, LOOP);
    }

    @Override
    public void deliver(OutboundMessage message) {}

    @Override
    protected void closeTransport(int code, String reason) {}

    @Override
    protected void sendActivityPing() {}
  }

  private static AppRuntime runtime(Replicator r, int maxConnections) throws Exception {
    App app = AppParser.parse(new ObjectMapper().readTree("{\"id\":\"a\",\"key\":\"k\",\"secret\":\"s\","
        + "\"max_connections\":" + maxConnections + "}"), ServerLimits.DEFAULTS);
    HubListener quiet = new HubListener() {};
    Hub hub = new Hub(new Loop[] {LOOP}, quiet, quiet, 1000);
    hub.replicator(r);
    return hub.runtime(app);
  }

  @Test
  void aClientsCloseLeavesAtOnceAndIsAnsweredWhenOtherNodesConfirmIt() throws Exception {
    PendingCluster cluster = new PendingCluster();
    AppRuntime rt = runtime(cluster, -1);
    assertTrue(rt.tryOpen());
    Plain c = new Plain(rt);
    rt.subscribe(c, "news", null, null, -1);
    CompletableFuture<Void> answered = c.closeRequested(1000).toCompletableFuture();
    assertEquals(0, rt.connectionCount());
    assertNull(rt.channel("news"), "left before the answer");
    assertFalse(answered.isDone());
    cluster.confirmation.complete(null);
    assertTrue(answered.isDone());
  }

  @Test
  void aSocketThatGoesAwayWhileItsCloseWaitsIsCleanedUpOnce() throws Exception {
    AppRuntime rt = runtime(new PendingCluster(), 10);
    assertTrue(rt.tryOpen());
    assertTrue(rt.tryOpen());
    Plain c = new Plain(rt);
    c.closeRequested(1000);
    c.onClosed(); // the TCP connection ended before the confirmation came
    c.closeRequested(1000);
    assertEquals(1, rt.connectionCount(), "the other connection is still counted");
  }

  @Test
  void aConnectionNoOtherNodeCanSeeIsAnsweredAtOnce() throws Exception {
    PendingCluster cluster = new PendingCluster();
    AppRuntime rt = runtime(cluster, -1);
    assertTrue(rt.tryOpen());
    assertTrue(new Plain(rt).closeRequested(1000).toCompletableFuture().isDone());
    assertTrue(rt.openConfirmed().toCompletableFuture().isDone(), "no quota: its count is nobody's business");
    assertEquals(0, cluster.asked.get());
  }

  @Test
  void aConnectionOfAnAppWithAQuotaWaitsBothWays() throws Exception {
    PendingCluster cluster = new PendingCluster();
    AppRuntime rt = runtime(cluster, 10);
    assertTrue(rt.tryOpen());
    assertFalse(rt.openConfirmed().toCompletableFuture().isDone());
    assertFalse(new Plain(rt).closeRequested(1000).toCompletableFuture().isDone());
  }

  @Test
  void onASingleNodeEverythingIsConfirmedAtOnce() throws Exception {
    AppRuntime rt = runtime(Replicator.NONE, 10);
    assertTrue(rt.tryOpen());
    Plain c = new Plain(rt);
    rt.subscribe(c, "news", null, null, -1);
    assertTrue(rt.openConfirmed().toCompletableFuture().isDone());
    assertTrue(rt.confirmed().toCompletableFuture().isDone());
    assertTrue(c.closeRequested(1000).toCompletableFuture().isDone());
  }
}
