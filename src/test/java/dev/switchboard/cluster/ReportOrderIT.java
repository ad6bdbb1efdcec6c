package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.app.App;
import dev.switchboard.app.AppParser;
import dev.switchboard.config.ServerLimits;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Connection;
import dev.switchboard.core.Hub;
import dev.switchboard.core.HubListener;
import dev.switchboard.core.Loop;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.testing.InlineLoop;
import io.vertx.core.Vertx;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two brokers over the machine's Redis. The core reports a change after releasing the lock that decided
 * it, so on a busy node the report of an earlier change can reach the broker after a later one. Such a late
 * report is replayed here on purpose, at the moment the race would deliver it: the peer must still end up
 * with node A's true state, not with the value the late report carried.
 */
class ReportOrderIT {
  private static final Loop LOOP = InlineLoop.INSTANCE;

  private static final class Socket extends Connection {
    Socket(String id, AppRuntime app) {
      super(id, app, LOOP);
    }

    @Override
    public void deliver(OutboundMessage message) {}

    @Override
    protected void closeTransport(int code, String reason) {}

    @Override
    protected void sendActivityPing() {}
  }

  private Vertx vertx;
  private ClusterBroker a;
  private ClusterBroker b;
  private AppRuntime onA;
  private AppRuntime onB;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    ClusterConfig config = new ClusterConfig("redis", "redis://127.0.0.1:6379", "it-order-" + UUID.randomUUID(),
        null, null, null, null, 250, 2000);
    App app = AppParser.parse(new ObjectMapper().readTree("{\"id\":\"a\",\"key\":\"k\",\"secret\":\"s\"}"),
        ServerLimits.DEFAULTS);
    Hub hubA = new Hub(new Loop[] {LOOP}, new HubListener() {}, new HubListener() {}, 1000);
    Hub hubB = new Hub(new Loop[] {LOOP}, new HubListener() {}, new HubListener() {}, 1000);
    a = Brokers.create(vertx, config, hubA);
    b = Brokers.create(vertx, config, hubB);
    hubA.replicator(a);
    hubB.replicator(b);
    a.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    b.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    onA = hubA.runtime(app);
    onB = hubB.runtime(app);
    await(() -> a.peers() == 1 && b.peers() == 1, "the brokers hear each other");
  }

  @AfterEach
  void stop() throws Exception {
    a.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    b.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Polls; what node A sends crosses Redis and is applied on B's own thread. */
  private static void await(BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    while (!done.getAsBoolean()) {
      assertTrue(System.currentTimeMillis() < deadline, what);
      Thread.sleep(20); // no event to wait on from outside the brokers; bounded poll
    }
  }

  /**
   * Changes made after the late report, each sent after the one before: once B shows the second, B has
   * applied everything A sent with or before the first.
   */
  private void barrier(Socket s, String name) throws InterruptedException {
    onA.subscribe(s, name, null, null, -1);
    await(() -> onB.subscriptionCount(name) == 1, "B caught up with A");
    onA.unsubscribe(s, name);
    await(() -> onB.subscriptionCount(name) == 0, "B caught up with A again");
  }

  @Test
  void aMemberWhoLeftAndRejoinedStaysPresentWhenTheLeaveIsReportedLast() throws Exception {
    Socket tab1 = new Socket("1.1", onA);
    Socket tab2 = new Socket("1.2", onA);
    onA.subscribe(tab1, "presence-r", "u", null, -1);
    await(() -> onB.roster("presence-r") != null && onB.roster("presence-r").contains("u"), "u joined on B");
    onA.unsubscribe(tab1, "presence-r");
    onA.subscribe(tab2, "presence-r", "u", null, -1);
    a.memberLeft(onA, "presence-r", "u"); // tab 1's leave, reported after tab 2's join
    barrier(tab2, "after-member");
    assertTrue(onB.roster("presence-r") != null && onB.roster("presence-r").contains("u"), "u is present on B");
  }

  @Test
  void aStaleCountReportedLastLeavesNoGhostChannelAndNoWrongCount() throws Exception {
    Socket s1 = new Socket("2.1", onA);
    Socket s2 = new Socket("2.2", onA);
    onA.subscribe(s1, "news", null, null, -1);
    onA.subscribe(s2, "news", null, null, -1);
    onA.subscribe(s1, "ghost", null, null, -1);
    await(() -> onB.subscriptionCount("news") == 2 && onB.subscriptionCount("ghost") == 1, "B counts A's sockets");
    onA.unsubscribe(s2, "news");
    onA.unsubscribe(s1, "ghost");
    a.channelCount(onA, "news", 2); // reports of earlier moments, arriving after the later ones
    a.channelCount(onA, "ghost", 1);
    barrier(s1, "after-count");
    assertEquals(1, onB.subscriptionCount("news"));
    assertFalse(onB.occupiedChannels(null).contains("ghost"), "no ghost channel on B");
  }

  @Test
  void aUserSignedInAgainStaysOnlineWhenTheEarlierSignOutIsReportedLast() throws Exception {
    Socket first = new Socket("3.1", onA);
    Socket second = new Socket("3.2", onA);
    onA.signin(first, "u", Set.of());
    await(() -> onB.isOnline("u"), "u online on B");
    first.onClosed();
    onA.signin(second, "u", Set.of());
    a.userOffline(onA, "u");
    barrier(second, "after-user");
    assertTrue(onB.isOnline("u"), "u is online on B");
  }
}
