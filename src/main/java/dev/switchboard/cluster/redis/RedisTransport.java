package dev.switchboard.cluster.redis;

import dev.switchboard.cluster.ClusterTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster messages over Redis pub/sub on one channel, with one connection to subscribe and one to publish.
 * Works against a single Redis and against any one node of a Redis Cluster (PUBLISH is broadcast over
 * the cluster bus, so plain connections suffice). Reconnects with back-off; messages published while disconnected
 * are dropped and the broker resynchronises after the reconnect.
 */
public final class RedisTransport implements ClusterTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RedisTransport.class);
  private final Vertx vertx;
  private final Redis client;
  private final String channel;
  private Consumer<byte[]> onMessage;
  private Consumer<Boolean> onConnected;
  private volatile RedisConnection sub;
  private volatile RedisConnection pub;
  private volatile boolean closed;
  private long backoffMs = 100;

  public RedisTransport(Vertx vertx, String url, String prefix) {
    this.vertx = vertx;
    this.client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
        .setMaxWaitingHandlers(200_000).setMaxPoolWaiting(10_000));
    this.channel = prefix + "#cluster";
  }

  @Override
  public Future<Void> start(Consumer<byte[]> onMessage, Consumer<Boolean> onConnected) {
    this.onMessage = onMessage;
    this.onConnected = onConnected;
    connect();
    return Future.succeededFuture();
  }

  private void connect() {
    if (closed) {
      return;
    }
    // the subscriber of this attempt, so a half-made attempt closes it: left open, it would keep
    // delivering beside the next attempt's subscriber, and every message would arrive twice
    RedisConnection[] made = new RedisConnection[1];
    AtomicBoolean subDead = new AtomicBoolean(); // before it is installed, lost() does not know it
    client.connect()
        .compose(s -> {
          made[0] = s;
          s.handler(this::onPush);
          s.exceptionHandler(e -> {
            subDead.set(true);
            lost(s, "subscriber error: " + e.getMessage());
          });
          s.endHandler(v -> {
            subDead.set(true);
            lost(s, "subscriber connection closed");
          });
          return s.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
        })
        .compose(x -> client.connect())
        .onSuccess(p -> {
          p.exceptionHandler(e -> lost(p, "publisher error: " + e.getMessage()));
          p.endHandler(v -> lost(p, "publisher connection closed"));
          synchronized (this) {
            if (closed || subDead.get()) {
              made[0].close();
              p.close();
              if (!closed) {
                retry("subscriber connection closed while connecting");
              }
              return;
            }
            this.sub = made[0];
            this.pub = p;
          }
          backoffMs = 100;
          LOG.info("cluster transport connected to Redis, channel {}", channel);
          onConnected.accept(true);
        })
        .onFailure(e -> {
          if (made[0] != null) {
            made[0].close(); // subscribed connections are closed, never pooled
          }
          retry("cannot connect to Redis: " + e.getMessage());
        });
  }

  private void onPush(Response r) {
    // subscriber pushes are ["message", channel, payload]; the SUBSCRIBE confirmation is skipped
    if (r.size() == 3 && "message".equals(r.get(0).toString())) {
      onMessage.accept(r.get(2).toBuffer().getBytes());
    }
  }

  /** A connection failed: drop both and start over, unless it belongs to an attempt already given up. */
  private synchronized void lost(RedisConnection which, String why) {
    if (which != sub && which != pub) {
      return;
    }
    RedisConnection s = sub;
    RedisConnection p = pub;
    sub = null;
    pub = null;
    if (s != null) {
      s.close();
    }
    if (p != null) {
      p.close();
    }
    if (!closed) {
      onConnected.accept(false);
      retry(why);
    }
  }

  private void retry(String why) {
    if (closed) {
      return;
    }
    LOG.atWarn().addKeyValue("retry_in_ms", backoffMs).log("cluster transport: {}; retrying in {} ms", why, backoffMs);
    long wait = backoffMs;
    backoffMs = Math.min(2_000, backoffMs * 2);
    vertx.setTimer(wait, id -> connect());
  }

  @Override
  public void publish(byte[] message) {
    RedisConnection p = pub;
    if (p == null) {
      return;
    }
    p.send(Request.cmd(Command.PUBLISH).arg(channel).arg(Buffer.buffer(message)))
        .onFailure(e -> LOG.debug("cluster publish failed: {}", e.getMessage()));
  }

  @Override
  public Future<Void> publishConfirmed(byte[] message) {
    RedisConnection p = pub;
    if (p == null) {
      return Future.failedFuture("cluster broker disconnected");
    }
    // one refused PUBLISH fails only itself; a broken connection is reported by its own handlers
    return p.send(Request.cmd(Command.PUBLISH).arg(channel).arg(Buffer.buffer(message))).mapEmpty();
  }

  @Override
  public boolean connected() {
    return pub != null && sub != null;
  }

  @Override
  public Future<Void> close() {
    RedisConnection s;
    RedisConnection p;
    synchronized (this) {
      closed = true;
      s = sub;
      p = pub;
      sub = null;
      pub = null;
    }
    Future<Void> a = s == null ? Future.succeededFuture() : s.close();
    // let the BYE already queued on the publisher go out before closing it
    Future<Void> b = p == null ? Future.succeededFuture()
        : p.send(Request.cmd(Command.PING)).transform(x -> p.close());
    return Future.join(a, b).transform(x -> {
      client.close();
      return Future.succeededFuture();
    });
  }
}
