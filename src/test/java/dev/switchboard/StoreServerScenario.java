package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import com.pusher.rest.data.Event;
import com.pusher.rest.data.Result;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.TcpProxy;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server configured by environment variables alone against a real database, with apps inserted the way
 * each store's documentation writes them; driven with pusher-java-client and pusher-http-java. The database
 * sits behind a {@link TcpProxy} so a test can cut it off. Each driver's IT extends this.
 */
public abstract class StoreServerScenario {
  protected TcpProxy proxy;
  private TestServer server;

  /** Env vars that point the server at the database through {@code proxyPort}. */
  protected abstract Map<String, String> storeEnv(int proxyPort);

  /** The real database port the proxy forwards to. */
  protected abstract int databasePort();

  /** Inserts an app in the store's documented layout, directly (not through Switchboard). */
  protected abstract void insertApp(String id, String key, String secret, int maxConnections);

  protected Map<String, String> env() {
    if (proxy == null) {
      proxy = new TcpProxy(databasePort());
    }
    Map<String, String> env = new HashMap<>(storeEnv(proxy.port()));
    env.put("APP_MANAGER_CACHE_TTL", "1");
    env.put("SWITCHBOARD_APP_MANAGER_CACHE_NEGATIVE_TTL", "1");
    return env;
  }

  protected TestServer server() {
    if (server == null) {
      server = TestServer.start("{\"host\":\"127.0.0.1\",\"port\":0,\"event_loops\":2,"
          + "\"shutdown_grace_period_ms\":200}", env());
    }
    return server;
  }

  @AfterEach
  void stopAll() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
  }

  protected static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private com.pusher.rest.Pusher api(String id, String key, String secret) {
    com.pusher.rest.Pusher api = new com.pusher.rest.Pusher(id, key, secret);
    api.setHost(server().hostPort());
    api.setEncrypted(false);
    return api;
  }

  private Pusher client(String key, com.pusher.rest.Pusher api) {
    PusherOptions o = new PusherOptions().setHost("127.0.0.1").setWsPort(server().port()).setUseTLS(false);
    o.setChannelAuthorizer((channel, socketId) -> api.authenticate(socketId, channel));
    return new Pusher(key, o);
  }

  /** Connects and completes with "connected" or the pusher:error code the server sent. */
  private static CompletableFuture<String> connect(Pusher p) {
    CompletableFuture<String> outcome = new CompletableFuture<>();
    p.connect(new ConnectionEventListener() {
      @Override
      public void onConnectionStateChange(ConnectionStateChange change) {
        if (change.getCurrentState() == ConnectionState.CONNECTED) {
          outcome.complete("connected");
        }
      }

      @Override
      public void onError(String message, String code, Exception e) {
        outcome.complete(String.valueOf(code));
      }
    });
    return outcome;
  }

  protected String connectOutcome(String key) throws Exception {
    Pusher p = client(key, api("x", key, "x"));
    try {
      return connect(p).get(15, TimeUnit.SECONDS);
    } finally {
      p.disconnect();
    }
  }

  /** Polls {@code probe} until it yields {@code expected}; fails after 40 s (a loaded CI box is slow). */
  protected static void eventually(String expected, Supplier<String> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    String last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (expected.equals(last)) {
        return;
      }
      Thread.sleep(200); // polling an outcome that changes with time (cache TTL), not synchronising threads
    }
    assertEquals(expected, last);
  }

  private String outcome(String key) {
    try {
      return connectOutcome(key);
    } catch (Exception e) {
      return e.toString();
    }
  }

  /** A connected client subscribed to {@code channel}, collecting "event:data". */
  private Pusher subscribed(String key, com.pusher.rest.Pusher api, String channel, BlockingQueue<String> got)
      throws Exception {
    Pusher p = client(key, api);
    assertEquals("connected", connect(p).get(15, TimeUnit.SECONDS));
    CompletableFuture<Void> ok = new CompletableFuture<>();
    p.subscribePrivate(channel, new PrivateChannelEventListener() {
      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        ok.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String channelName) {
        ok.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {
        got.add(event.getEventName() + ":" + event.getData());
      }
    }, "created");
    ok.get(15, TimeUnit.SECONDS);
    return p;
  }

  protected int cli(String... args) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    return new AppsCommand(new PrintStream(buf), System.err).run(List.of(args), env());
  }

  @Test
  void storedAppServesPrivateChannelsAndEventsFromTheHttpApi() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "secret-" + id, 100);
    try (com.pusher.rest.Pusher api = api(id, key, "secret-" + id)) {
      BlockingQueue<String> got = new LinkedBlockingQueue<>();
      Pusher p = subscribed(key, api, "private-orders", got);
      Result r = api.trigger("private-orders", "created", Map.of("n", 1));
      assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
      assertEquals("created:{\"n\":1}", got.poll(15, TimeUnit.SECONDS));
      p.disconnect();
    }
    assertEquals("4001", connectOutcome(unique("unknown")));
  }

  @Test
  void perAppConnectionLimitFromTheStoreIsEnforced() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "s", 1);
    try (com.pusher.rest.Pusher api = api(id, key, "s")) {
      Pusher first = client(key, api);
      assertEquals("connected", connect(first).get(15, TimeUnit.SECONDS));
      assertEquals("4100", connectOutcome(key));
      first.disconnect();
    }
  }

  @Test
  void perAppEventLimitsFromTheStoreAreEnforced() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "s", 100);
    assertEquals(0, cli("update", id, "--max-event-batch-size", "5", "--max-client-events-per-second", "2",
        "--enable-client-messages", "true")); // written in the store's own layout, before the server reads it
    try (com.pusher.rest.Pusher api = api(id, key, "s")) {
      List<Event> six = new java.util.ArrayList<>();
      for (int i = 0; i < 6; i++) {
        six.add(new Event("limits", "e", Map.of("i", i)));
      }
      Result tooMany = api.trigger(six);
      assertEquals(400, tooMany.getHttpStatus(), tooMany.getMessage());
      Result five = api.trigger(six.subList(0, 5));
      assertEquals(Result.Status.SUCCESS, five.getStatus(), five.getMessage());
    }
    try (TestClient c = TestClient.connect(server().port(), key, "s", "u")) {
      c.subscribe("private-limits");
      for (int i = 0; i < 5; i++) {
        c.trigger("private-limits", "client-burst", "{}");
      }
      assertEquals("4301", c.errorCode.get(15, TimeUnit.SECONDS), "the third client event in a second is refused");
    }
  }

  @Test
  void anAppChangedWithTheCliIsSeenWithinTheCacheTtl() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "s", 100);
    assertEquals("connected", connectOutcome(key));
    assertEquals(0, cli("update", id, "--enabled", "false"));
    eventually("4003", () -> outcome(key));
    String created = unique("c");
    assertEquals(0, cli("create", "--id", created, "--key", created + "-key", "--secret", "s"));
    eventually("connected", () -> outcome(created + "-key"));
  }

  @Test
  void aDatabaseOutageKeepsConnectedClientsAndKnownAppsWorkingAndHealsItself() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "s", 100);
    try (com.pusher.rest.Pusher api = api(id, key, "s"); LogCapture logs = new LogCapture()) {
      BlockingQueue<String> got = new LinkedBlockingQueue<>();
      Pusher p = subscribed(key, api, "private-outage", got);
      proxy.cut();
      try (com.pusher.rest.Pusher unknownApi = api(unique("i"), unique("k"), "s")) {
        for (int i = 0; i < 10; i++) {
          assertEquals("4100", connectOutcome(unique("unknown")), "an unknown key cannot be checked: back off");
          assertEquals(503, unknownApi.trigger("c", "e", Map.of()).getHttpStatus());
        }
      }
      Result r = api.trigger("private-outage", "created", Map.of("during", "outage"));
      assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
      assertEquals("created:{\"during\":\"outage\"}", got.poll(15, TimeUnit.SECONDS));
      assertEquals(ConnectionState.CONNECTED, p.getConnection().getState());
      assertEquals("connected", connectOutcome(key), "a known app still connects");
      proxy.restore();
      eventually("4001", () -> outcome(unique("unknown")));
      assertOutageLoggedOnce(logs);
      p.disconnect();
    }
  }

  /** One WARN naming the store when it stopped answering and one INFO when it came back; nothing per request. */
  private static void assertOutageLoggedOnce(LogCapture logs) {
    List<String> warns = logs.lines(Level.WARN, "dev.switchboard");
    assertEquals(1, warns.size(), "warnings: " + logs.warnings());
    assertTrue(warns.get(0).contains("app store ") && warns.get(0).contains(" is unavailable: "), warns.get(0));
    assertEquals(1, logs.lines(Level.INFO, "dev.switchboard").stream()
        .filter(l -> l.contains(" is available again")).count(), "recovery: " + logs.lines(Level.INFO, ""));
  }

  @Test
  void aDatabaseThatHangsDoesNotHoldUpConnectsOrTheApiAndHealsItself() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "s", 100);
    try (com.pusher.rest.Pusher api = api(id, key, "s"); LogCapture logs = new LogCapture()) {
      assertEquals("connected", connectOutcome(key));
      proxy.hang();
      Thread.sleep(1500); // past the 1 s cache TTL, so the known app must be refreshed from the hung database
      long t0 = System.nanoTime();
      assertEquals("connected", connectOutcome(key), "the last known app is served while it is refreshed");
      assertEquals(Result.Status.SUCCESS, api.trigger("c", "e", Map.of()).getStatus());
      assertFast(t0, "a known app during the hang");
      // the first unknown key waits for the lookup timeout; once the store has failed, the rest do not wait
      eventually("4100", () -> outcome(unique("unknown")));
      for (int i = 0; i < 5; i++) {
        long t = System.nanoTime();
        assertEquals("4100", connectOutcome(unique("unknown")));
        assertFast(t, "an unknown key while the store is known to hang");
      }
      proxy.restore();
      eventually("4001", () -> outcome(unique("unknown")));
      assertEquals("connected", connectOutcome(key));
      assertOutageLoggedOnce(logs);
    }
  }

  private static void assertFast(long startNanos, String what) {
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    assertTrue(ms < 2500, what + " took " + ms + " ms; the lookup timeout is 5000 ms");
  }

  @Test
  void aDatabaseDownAtStartDoesNotStopTheServerWhichRecoversByItself() throws Exception {
    String id = unique("i");
    String key = unique("k");
    insertApp(id, key, "s", 100);
    env();
    proxy.cut();
    server();
    assertEquals("4100", connectOutcome(key));
    proxy.restore();
    eventually("connected", () -> outcome(key));
    assertTrue(server().server().vertx() != null);
  }
}
