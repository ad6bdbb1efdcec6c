package dev.switchboard;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.ChannelEventListener;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import com.pusher.rest.data.PresenceUser;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pusher-java-client connection for tests: channel auth is signed with pusher-http-java as a backend
 * would, received events and presence changes land in queues, and connection errors complete a future.
 */
public final class TestClient implements AutoCloseable {
  private final Pusher pusher;
  public final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  public final BlockingQueue<String> members = new LinkedBlockingQueue<>();
  public final CompletableFuture<String> errorCode = new CompletableFuture<>();
  /** Completes when the connection reaches DISCONNECTED: after a close, once the server answered it. */
  public final CompletableFuture<Void> disconnected = new CompletableFuture<>();

  private TestClient(Pusher pusher) {
    this.pusher = pusher;
  }

  /** Connects to {@code port} as {@code userId} (used for presence channels) and waits for CONNECTED. */
  public static TestClient connect(int port, String key, String secret, String userId) throws Exception {
    TestClient c = open(port, key, secret, userId);
    c.awaitConnected();
    return c;
  }

  /** Starts connecting without waiting, for tests that expect a refusal. */
  public static TestClient open(int port, String key, String secret, String userId) {
    com.pusher.rest.Pusher signer = new com.pusher.rest.Pusher("unused", key, secret);
    PusherOptions o = new PusherOptions().setHost("127.0.0.1").setWsPort(port).setUseTLS(false)
        .setMaxReconnectionAttempts(0);
    o.setUserAuthenticator(socketId -> {
      String userData = "{\"id\":\"" + userId + "\"}";
      String sig = dev.switchboard.pusher.PusherSignatures.hmacHex(secret, socketId + "::user::" + userData);
      return "{\"auth\":\"" + key + ":" + sig + "\",\"user_data\":" + quote(userData) + "}";
    });
    o.setChannelAuthorizer((channel, socketId) -> channel.startsWith("presence-")
        ? signer.authenticate(socketId, channel, new PresenceUser(userId, Map.of("name", userId)))
        : signer.authenticate(socketId, channel));
    return new TestClient(new Pusher(key, o));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private CompletableFuture<Void> connected;

  private void awaitConnected() throws Exception {
    start().get(10, TimeUnit.SECONDS);
  }

  /** Connects; the future completes on CONNECTED, and {@link #errorCode} on a pusher:error. */
  public CompletableFuture<Void> start() {
    connected = new CompletableFuture<>();
    pusher.connect(new ConnectionEventListener() {
      @Override
      public void onConnectionStateChange(ConnectionStateChange change) {
        if (change.getCurrentState() == ConnectionState.CONNECTED) {
          connected.complete(null);
        } else if (change.getCurrentState() == ConnectionState.DISCONNECTED) {
          disconnected.complete(null);
        }
      }

      @Override
      public void onError(String message, String code, Exception e) {
        errorCode.complete(code);
      }
    });
    return connected;
  }

  public String socketId() {
    return pusher.getConnection().getSocketId();
  }

  /** Subscribes to a public or private channel; events arrive in {@link #events} as "name:data". */
  public void subscribe(String channel, String... eventNames) throws Exception {
    CompletableFuture<Void> ok = new CompletableFuture<>();
    ChannelEventListener l = new com.pusher.client.channel.PrivateChannelEventListener() {
      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        ok.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String name) {
        ok.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {
        events.add(event.getEventName() + ":" + event.getData());
      }
    };
    if (channel.startsWith("private-")) {
      pusher.subscribePrivate(channel, (com.pusher.client.channel.PrivateChannelEventListener) l, eventNames);
    } else {
      pusher.subscribe(channel, l, eventNames);
    }
    ok.get(10, TimeUnit.SECONDS);
  }

  /** Joins a presence channel; returns the member ids it saw on joining. Changes go to {@link #members}. */
  public Set<String> join(String channel) throws Exception {
    CompletableFuture<Set<String>> ok = new CompletableFuture<>();
    pusher.subscribePresence(channel, new PresenceChannelEventListener() {
      @Override
      public void onUsersInformationReceived(String name, Set<User> users) {
        ok.complete(users.stream().map(User::getId).collect(java.util.stream.Collectors.toSet()));
      }

      @Override
      public void userSubscribed(String name, User user) {
        members.add("added:" + user.getId());
      }

      @Override
      public void userUnsubscribed(String name, User user) {
        members.add("removed:" + user.getId());
      }

      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        ok.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String name) {}

      @Override
      public void onEvent(PusherEvent event) {}
    });
    return ok.get(10, TimeUnit.SECONDS);
  }

  /** Sends a client event on a subscribed private or presence channel. */
  public void trigger(String channel, String event, String data) {
    com.pusher.client.channel.PrivateChannel ch = pusher.getPrivateChannel(channel);
    ch.trigger(event, data);
  }

  /** Signs in as the user this client was opened for and waits for signin_success. */
  public void signin() throws Exception {
    pusher.signin();
    long deadline = System.currentTimeMillis() + 10_000;
    while (pusher.user().userId() == null) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("signin did not succeed within 10 s");
      }
      Thread.sleep(20); // the client library offers no signin callback; bounded poll
    }
  }

  /** Closes and waits until the close handshake is done (the client library reports DISCONNECTED). */
  public void closeAndAwait() throws Exception {
    pusher.disconnect();
    disconnected.get(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    pusher.disconnect();
  }
}
