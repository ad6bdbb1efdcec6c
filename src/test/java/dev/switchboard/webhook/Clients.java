package dev.switchboard.webhook;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.ChannelEventListener;
import com.pusher.client.channel.PresenceChannel;
import com.pusher.client.channel.PresenceChannelEventListener;
import com.pusher.client.channel.PrivateChannel;
import com.pusher.client.channel.PrivateChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.channel.User;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import com.pusher.rest.data.PresenceUser;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Real pusher-java-client sockets for the webhook tests, authorised with pusher-http-java. */
final class Clients {
  private final int port;
  private final String key;
  private final com.pusher.rest.Pusher api;

  Clients(int port) {
    this(port, "app-id", "app-key", "app-secret");
  }

  Clients(int port, String appId, String key, String secret) {
    this.port = port;
    this.key = key;
    this.api = new com.pusher.rest.Pusher(appId, key, secret);
  }

  /** A connected client; presence channels join as {@code userId}. */
  Pusher connect(String userId) throws Exception {
    return connect(new PresenceUser(userId, Map.of("name", userId)));
  }

  /** A connected client; presence channels join as the numeric {@code userId} (Laravel's ids are integers). */
  Pusher connect(long userId) throws Exception {
    return connect(new PresenceUser(userId, Map.of("name", "n" + userId)));
  }

  private Pusher connect(PresenceUser user) throws Exception {
    PusherOptions o = new PusherOptions().setHost("127.0.0.1").setWsPort(port).setUseTLS(false);
    o.setChannelAuthorizer((channel, socketId) -> channel.startsWith("presence-")
        ? api.authenticate(socketId, channel, user)
        : api.authenticate(socketId, channel));
    Pusher p = new Pusher(key, o);
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

  static void subscribe(Pusher p, String channel) throws Exception {
    CompletableFuture<Void> ok = new CompletableFuture<>();
    p.subscribe(channel, new ChannelEventListener() {
      @Override
      public void onSubscriptionSucceeded(String name) {
        ok.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {}
    });
    ok.get(10, TimeUnit.SECONDS);
  }

  static PrivateChannel subscribePrivate(Pusher p, String channel) throws Exception {
    CompletableFuture<Void> ok = new CompletableFuture<>();
    PrivateChannel ch = p.subscribePrivate(channel, new PrivateChannelEventListener() {
      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        ok.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String name) {
        ok.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {}
    });
    ok.get(10, TimeUnit.SECONDS);
    return ch;
  }

  static PresenceChannel subscribePresence(Pusher p, String channel) throws Exception {
    CompletableFuture<Void> ok = new CompletableFuture<>();
    PresenceChannel ch = p.subscribePresence(channel, new PresenceChannelEventListener() {
      @Override
      public void onUsersInformationReceived(String name, Set<User> users) {}

      @Override
      public void userSubscribed(String name, User user) {}

      @Override
      public void userUnsubscribed(String name, User user) {}

      @Override
      public void onAuthenticationFailure(String message, Exception e) {
        ok.completeExceptionally(new IllegalStateException(message));
      }

      @Override
      public void onSubscriptionSucceeded(String name) {
        ok.complete(null);
      }

      @Override
      public void onEvent(PusherEvent event) {}
    });
    ok.get(10, TimeUnit.SECONDS);
    return ch;
  }
}
