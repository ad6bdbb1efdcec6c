package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import com.pusher.rest.data.PresenceUser;
import com.pusher.rest.data.Result;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official Java SDKs (pusher-java-client, pusher-http-java) against a real server. */
class PusherSdkIT {
  static TestServer server;
  private static com.pusher.rest.Pusher api;

  @BeforeAll
  static void start() {
    startWith(Map.of());
  }

  /** Starts the default test server with {@code env} (a subclass runs these checks on another set-up). */
  static void startWith(Map<String, String> env) {
    server = TestServer.start(TestServer.DEFAULT_CONFIG, env);
    api = server.api();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    server.close();
  }

  private static Pusher client(String key) {
    PusherOptions o = new PusherOptions().setHost("127.0.0.1").setWsPort(server.port()).setUseTLS(false);
    o.setChannelAuthorizer((channel, socketId) -> channel.startsWith("presence-")
        ? api.authenticate(socketId, channel, new PresenceUser("user-" + socketId, Map.of("name", "n")))
        : api.authenticate(socketId, channel));
    return new Pusher(key, o);
  }

  private static Pusher connected(String key) throws Exception {
    Pusher p = client(key);
    CompletableFuture<Void> up = new CompletableFuture<>();
    p.connect(new ConnectionEventListener() {
      @Override
      public void onConnectionStateChange(ConnectionStateChange change) {
        if (change.getCurrentState() == ConnectionState.CONNECTED) {
          up.complete(null);
        }
      }

      @Override
      public void onError(String message, String code, Exception e) {
        up.completeExceptionally(new IllegalStateException(code + " " + message));
      }
    });
    up.get(10, TimeUnit.SECONDS);
    return p;
  }

  @Test
  void publicChannelReceivesEventTriggeredThroughTheHttpApi() throws Exception {
    Pusher p = connected("app-key");
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    p.subscribe("news", new com.pusher.client.channel.ChannelEventListener() {
      @Override
      public void onSubscriptionSucceeded(String channel) {
        subscribed.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {
        got.add(event.getData());
      }
    }, "headline");
    subscribed.get(10, TimeUnit.SECONDS);
    Result r = api.trigger("news", "headline", Map.of("title", "hello"));
    assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
    assertEquals("{\"title\":\"hello\"}", got.poll(10, TimeUnit.SECONDS));
    p.disconnect();
  }

  @Test
  void privateChannelSignedWithTheAppSecretReceivesEvents() throws Exception {
    Pusher p = connected("app-key");
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    p.subscribePrivate("private-orders", new PrivateChannelEventListener() {
      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        subscribed.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String channel) {
        subscribed.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {
        got.add(event.getEventName() + ":" + event.getData());
      }
    }, "created");
    subscribed.get(10, TimeUnit.SECONDS);
    api.trigger("private-orders", "created", Map.of("id", 7));
    assertEquals("created:{\"id\":7}", got.poll(10, TimeUnit.SECONDS));
    p.disconnect();
  }

  @Test
  void presenceMembersSeeEachOtherJoinAndLeave() throws Exception {
    Pusher a = connected("app-key");
    Pusher b = connected("app-key");
    BlockingQueue<String> seenByA = new LinkedBlockingQueue<>();
    CompletableFuture<Set<User>> aJoined = new CompletableFuture<>();
    a.subscribePresence("presence-room", listener(seenByA, aJoined));
    assertEquals(1, aJoined.get(10, TimeUnit.SECONDS).size());
    CompletableFuture<Set<User>> bJoined = new CompletableFuture<>();
    b.subscribePresence("presence-room", listener(new LinkedBlockingQueue<>(), bJoined));
    assertEquals(2, bJoined.get(10, TimeUnit.SECONDS).size());
    String bUser = "user-" + b.getConnection().getSocketId();
    assertEquals("added:" + bUser, seenByA.poll(10, TimeUnit.SECONDS));
    b.disconnect();
    assertEquals("removed:" + bUser, seenByA.poll(10, TimeUnit.SECONDS));
    a.disconnect();
  }

  private static PresenceChannelEventListener listener(BlockingQueue<String> seen,
      CompletableFuture<Set<User>> joined) {
    return new PresenceChannelEventListener() {
      @Override
      public void onUsersInformationReceived(String channel, Set<User> users) {
        joined.complete(users);
      }

      @Override
      public void userSubscribed(String channel, User user) {
        seen.add("added:" + user.getId());
      }

      @Override
      public void userUnsubscribed(String channel, User user) {
        seen.add("removed:" + user.getId());
      }

      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        joined.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String channel) {}

      @Override
      public void onEvent(PusherEvent event) {}
    };
  }

  @Test
  void requestsSignedWithTheWrongSecretGet401() throws Exception {
    try (com.pusher.rest.Pusher wrong = new com.pusher.rest.Pusher("app-id", "app-key", "not-the-secret")) {
      wrong.setHost(server.hostPort());
      wrong.setEncrypted(false);
      Result r = wrong.trigger("news", "headline", Map.of("a", 1));
      assertEquals(401, r.getHttpStatus());
    }
  }

  @Test
  void unknownAppKeyIsRefusedWith4001() throws Exception {
    Pusher p = client("no-such-key");
    CompletableFuture<String> error = new CompletableFuture<>();
    p.connect(new ConnectionEventListener() {
      @Override
      public void onConnectionStateChange(ConnectionStateChange change) {}

      @Override
      public void onError(String message, String code, Exception e) {
        error.complete(code);
      }
    });
    assertEquals("4001", error.get(10, TimeUnit.SECONDS));
    p.disconnect();
  }

  @Test
  void channelQueriesReportSubscriptionCounts() throws Exception {
    Pusher p = connected("app-key");
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    p.subscribe("counted", new com.pusher.client.channel.ChannelEventListener() {
      @Override
      public void onSubscriptionSucceeded(String channel) {
        subscribed.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {}
    });
    subscribed.get(10, TimeUnit.SECONDS);
    Result r = api.get("/channels/counted", Map.of("info", "subscription_count"));
    assertEquals(Result.Status.SUCCESS, r.getStatus(), r.getMessage());
    assertTrue(r.getMessage().contains("\"subscription_count\":1"), r.getMessage());
    assertTrue(r.getMessage().contains("\"occupied\":true"), r.getMessage());
    p.disconnect();
  }
}
