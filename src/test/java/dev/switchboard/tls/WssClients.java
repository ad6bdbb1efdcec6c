package dev.switchboard.tls;

import com.pusher.client.Pusher;
import com.pusher.client.PusherOptions;
import com.pusher.client.channel.ChannelEventListener;
import com.pusher.client.channel.PusherEvent;
import com.pusher.client.connection.ConnectionEventListener;
import com.pusher.client.connection.ConnectionState;
import com.pusher.client.connection.ConnectionStateChange;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The real SDKs over TLS: pusher-java-client on wss:// and pusher-http-java on https://. pusher-java-client
 * takes no SSLContext (it builds a default one per connection), so it trusts the test certificate through the
 * JDK's trust-store properties, set for the length of a {@link #trusting} block and restored after.
 */
final class WssClients {
  private WssClients() {}

  /** Runs {@code body} with the JVM's default trust store holding {@code certs} only. */
  static <T> T trusting(Path dir, Path[] certs, ThrowingSupplier<T> body) throws Exception {
    String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword"};
    String[] saved = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      saved[i] = System.getProperty(keys[i]);
    }
    System.setProperty(keys[0], TlsFiles.trustStore(dir, certs).toString());
    System.setProperty(keys[1], "PKCS12");
    System.setProperty(keys[2], "changeit");
    try {
      return body.get();
    } finally {
      for (int i = 0; i < keys.length; i++) {
        if (saved[i] == null) {
          System.clearProperty(keys[i]);
        } else {
          System.setProperty(keys[i], saved[i]);
        }
      }
    }
  }

  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  /**
   * A pusher-java-client connected over wss:// and subscribed to {@code channel}; its {@code event} events
   * land in {@code into}.
   */
  static Pusher connect(int port, String channel, String event, BlockingQueue<PusherEvent> into) throws Exception {
    PusherOptions o = new PusherOptions().setHost("127.0.0.1").setWssPort(port).setUseTLS(true);
    Pusher p = new Pusher("app-key", o);
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
        up.completeExceptionally(new IllegalStateException(code + " " + message, e));
      }
    });
    up.get(15, TimeUnit.SECONDS);
    CompletableFuture<Void> subscribed = new CompletableFuture<>();
    p.subscribe(channel, new ChannelEventListener() {
      @Override
      public void onSubscriptionSucceeded(String name) {
        subscribed.complete(null);
      }

      @Override
      public void onEvent(PusherEvent e) {
        into.add(e);
      }
    }, event);
    subscribed.get(10, TimeUnit.SECONDS);
    return p;
  }

  static BlockingQueue<PusherEvent> queue() {
    return new LinkedBlockingQueue<>();
  }

  /** pusher-http-java on https://127.0.0.1:port, trusting {@code ctx}'s certificates. */
  static com.pusher.rest.Pusher api(int port, SSLContext ctx) {
    com.pusher.rest.Pusher api = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    api.setHost("127.0.0.1:" + port);
    api.setEncrypted(true);
    // not defaultHttpClientBuilder(): the connection manager it sets would make the builder ignore the SSLContext
    api.configureHttpClient(org.apache.http.impl.client.HttpClientBuilder.create().setSSLContext(ctx)
        .disableRedirectHandling());
    return api;
  }
}
