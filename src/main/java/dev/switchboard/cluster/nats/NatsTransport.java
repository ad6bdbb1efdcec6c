package dev.switchboard.cluster.nats;

import dev.switchboard.cluster.ClusterTransport;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster messages over one NATS subject. jnats connects and reconnects in its own threads (never on an
 * event loop) and buffers publishes while reconnecting; its dispatcher thread delivers messages in order.
 */
public final class NatsTransport implements ClusterTransport {
  private static final Logger LOG = LoggerFactory.getLogger(NatsTransport.class);
  private final Vertx vertx;
  private final String servers;
  private final String user;
  private final String password;
  private final String token;
  private final String subject;
  private volatile Connection nc;
  private volatile boolean up;
  private Dispatcher dispatcher;
  private static final byte[] EMPTY = new byte[0];
  private static final long CONFIRM_TIMEOUT_MS = 2_000;
  private final String echoSubject;
  private final Object confirmLock = new Object();
  private List<Promise<Void>> waiting = new ArrayList<>();
  private List<Promise<Void>> inFlight;

  public NatsTransport(Vertx vertx, String servers, String user, String password, String token, String prefix) {
    this.vertx = vertx;
    this.servers = servers;
    this.user = user;
    this.password = password;
    this.token = token;
    this.subject = prefix + ".cluster";
    this.echoSubject = prefix + ".confirm." + UUID.randomUUID();
  }

  @Override
  public Future<Void> start(Consumer<byte[]> onMessage, Consumer<Boolean> onConnected) {
    ConnectionListener listener = (conn, type) -> {
      switch (type) {
        case CONNECTED, RECONNECTED, RESUBSCRIBED -> {
          if (!up && conn.getStatus() == Connection.Status.CONNECTED) {
            ensureSubscribed(conn, onMessage);
            up = true;
            LOG.info("cluster transport connected to NATS, subject {}", subject);
            onConnected.accept(true);
          }
        }
        case DISCONNECTED, CLOSED -> {
          if (up) {
            up = false;
            onConnected.accept(false);
          }
        }
        default -> { }
      }
    };
    Options.Builder b = new Options.Builder()
        .servers(servers.split(","))
        .connectionName("switchboard")
        .maxReconnects(-1)
        .reconnectWait(Duration.ofMillis(250))
        .connectionTimeout(Duration.ofSeconds(2))
        .connectionListener(listener);
    if (token != null && !token.isEmpty()) {
      b.token(token.toCharArray());
    } else if (user != null && !user.isEmpty()) {
      b.userInfo(user, password == null ? "" : password);
    }
    return vertx.executeBlocking(() -> {
      Nats.connectAsynchronously(b.build(), true);
      return null;
    });
  }

  private synchronized void ensureSubscribed(Connection conn, Consumer<byte[]> onMessage) {
    if (nc == conn && dispatcher != null) {
      return; // jnats resubscribes existing subscriptions after a reconnect
    }
    nc = conn;
    dispatcher = conn.createDispatcher(msg -> onMessage.accept(msg.getData()));
    dispatcher.subscribe(subject);
    dispatcher.subscribe(echoSubject, msg -> onMarker());
  }

  @Override
  public void publish(byte[] message) {
    Connection c = nc;
    if (c == null) {
      return;
    }
    try {
      c.publish(subject, message);
    } catch (IllegalStateException e) {
      LOG.debug("NATS publish dropped: {}", e.getMessage());
    }
  }

  /**
   * Core NATS has no per-message ack. After the message we publish a marker to a subject only this node
   * listens on: the server handles a connection's messages in order, so when the marker comes back the
   * message has been routed to every subscriber, and anything published later by any node lands after it.
   * Publishes waiting for confirmation share one marker (group commit).
   */
  @Override
  public Future<Void> publishConfirmed(byte[] message) {
    Connection c = nc;
    if (c == null || !up) {
      return Future.failedFuture("cluster broker disconnected");
    }
    publish(message);
    Promise<Void> p = Promise.promise();
    synchronized (confirmLock) {
      waiting.add(p);
      if (inFlight == null) {
        sendMarker(c);
      }
    }
    return p.future();
  }

  /** Under confirmLock. */
  private void sendMarker(Connection c) {
    List<Promise<Void>> batch = waiting;
    inFlight = batch;
    waiting = new ArrayList<>();
    try {
      c.publish(echoSubject, EMPTY);
    } catch (IllegalStateException e) {
      inFlight = null;
      batch.forEach(p -> p.tryFail("NATS publish failed: " + e.getMessage()));
      return;
    }
    vertx.setTimer(CONFIRM_TIMEOUT_MS, id -> {
      synchronized (confirmLock) {
        if (inFlight != batch) {
          return;
        }
        inFlight = null;
        if (!waiting.isEmpty() && nc != null) {
          sendMarker(nc);
        }
      }
      batch.forEach(p -> p.tryFail("NATS did not confirm within " + CONFIRM_TIMEOUT_MS + " ms"));
    });
  }

  private void onMarker() {
    List<Promise<Void>> done;
    synchronized (confirmLock) {
      done = inFlight;
      inFlight = null;
      if (!waiting.isEmpty() && nc != null) {
        sendMarker(nc);
      }
    }
    if (done != null) {
      done.forEach(Promise::tryComplete);
    }
  }

  @Override
  public boolean connected() {
    return up;
  }

  @Override
  public Future<Void> close() {
    Connection c = nc;
    if (c == null) {
      return Future.succeededFuture();
    }
    return vertx.executeBlocking(() -> {
      c.flush(Duration.ofSeconds(1));
      c.close();
      return null;
    });
  }
}
