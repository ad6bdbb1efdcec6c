package dev.switchboard;

import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStores;
import dev.switchboard.cache.EventCaches;
import dev.switchboard.cluster.Brokers;
import dev.switchboard.cluster.ClusterBroker;
import dev.switchboard.cluster.ClusterConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.core.Hub;
import dev.switchboard.core.HubListener;
import dev.switchboard.http.HttpApi;
import dev.switchboard.metrics.MetricsServer;
import dev.switchboard.metrics.ServerMetrics;
import dev.switchboard.pusher.PusherEndpoint;
import dev.switchboard.pusher.PusherHubListener;
import dev.switchboard.ratelimit.RateLimiters;
import dev.switchboard.signaling.SignalingConfig;
import dev.switchboard.signaling.SignalingEndpoint;
import dev.switchboard.transport.Loops;
import dev.switchboard.transport.NettyServer;
import dev.switchboard.webhook.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires one node: Vert.x with one event loop per core (native transport when present), the app store,
 * the hub, the cluster broker, the dialect endpoints and the HTTP API, all served by one Netty listener on
 * Vert.x's event loops.
 */
public final class SwitchboardServer {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardServer.class);
  private final ServerConfig config;
  private final Vertx vertx;
  private final AppStore apps;
  private final PusherEndpoint pusher;
  private final ClusterBroker broker;
  private final NettyServer listener;
  private final Webhooks webhooks;
  /** Null when signaling.enabled is false. */
  private final SignalingEndpoint signaling;
  private volatile int port;
  private volatile boolean draining;
  /** Null when metrics are disabled. */
  private volatile ServerMetrics metrics;
  private volatile MetricsServer metricsServer;

  private SwitchboardServer(ServerConfig config, Vertx vertx, AppStore apps, PusherEndpoint pusher,
      ClusterBroker broker, NettyServer listener, Webhooks webhooks, SignalingEndpoint signaling) {
    this.config = config;
    this.vertx = vertx;
    this.apps = apps;
    this.pusher = pusher;
    this.broker = broker;
    this.listener = listener;
    this.webhooks = webhooks;
    this.signaling = signaling;
  }

  public static Future<SwitchboardServer> start(ServerConfig config) {
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(config.eventLoops()).setPreferNativeTransport(true))
        .build();
    try {
      Loops loops = new Loops(vertx);
      AppStore apps = AppStores.create(vertx, config);
      PusherHubListener pusherEvents = new PusherHubListener(loops.all());
      Webhooks webhooks = new Webhooks(vertx, config, apps);
      // client events and cache misses come from this node's listener; channel and member webhooks from the
      // cluster-wide transitions, emitted in a cluster only by the channel's owner, so each fires once
      Hub hub = new Hub(loops.all(), HubListener.all(pusherEvents, webhooks.listener()), pusherEvents,
          config.cacheChannelTtlSec() * 1000L);
      hub.activity(webhooks.activity());
      ClusterBroker broker = Brokers.create(vertx, ClusterConfig.from(config.tree()), hub);
      if (broker != null) {
        hub.replicator(broker);
        webhooks.ownedBy(broker::owns);
      }
      hub.eventCache(EventCaches.create(vertx, config.tree()));
      // a port of 0 is resolved first, so the metrics' port label and the listener agree
      int port = config.port() == 0 ? freePort(config.host()) : config.port();
      // after everything that can throw here, so a failed start leaves no JVM listeners behind
      ServerMetrics metrics = config.metrics().enabled()
          ? new ServerMetrics(config.metrics().prefix(), port, loops.all().length) : null;
      if (metrics != null) {
        hub.meters(metrics);
        if (broker != null) {
          metrics.clusterBroker(broker::healthy, broker::peers);
        }
      }
      PusherEndpoint pusher = new PusherEndpoint(config, apps, hub, loops.all());
      NettyServer listener = new NettyServer(vertx, loops);
      SignalingConfig signalingConfig = SignalingConfig.from(config);
      SignalingEndpoint signaling = signalingConfig.enabled()
          ? new SignalingEndpoint(vertx, config, signalingConfig, apps, hub, loops.all()) : null;
      SwitchboardServer server = new SwitchboardServer(config, vertx, apps, pusher, broker, listener, webhooks,
          signaling);
      server.metrics = metrics;
      HttpApi api = new HttpApi(config, apps, hub, RateLimiters.create(vertx, config.tree()), () -> server.draining,
          () -> broker == null || broker.healthy());
      Router router = new Router(config, pusher, api, signaling);
      // frames up to 4x the payload limit are read, so an oversized message gets a pusher:error, not a cut
      int hardLimit = (int) Math.min(Integer.MAX_VALUE, 4L * config.maxPayloadBytes());
      Future<Void> cluster = broker == null ? Future.succeededFuture() : broker.start();
      return cluster
          .compose(v -> webhooks.start())
          .compose(v -> listener.listen(config.host(), port, router, config.httpBodyLimitBytes(), hardLimit,
              config.maxOutboundBufferBytes()))
          .compose(bound -> metrics == null ? Future.succeededFuture(bound)
              : MetricsServer.start(vertx, config.metrics(), config.pathPrefix(), metrics, api::health)
                  .map(ms -> {
                    server.metricsServer = ms;
                    return bound;
                  }))
          .map(bound -> {
            server.port = bound;
            LOG.info("switchboard listening on {}:{} ({} event loops, native transport: {}, apps: {})",
                config.host(), port, config.eventLoops(), vertx.isNativeTransportEnabled(), config.appManagerDriver());
            if (server.metricsServer != null) {
              LOG.info("prometheus metrics on {}:{}/metrics", config.metrics().host(), server.metricsPort());
            }
            return server;
          })
          .recover(err -> {
            if (metrics != null) {
              metrics.close();
            }
            return vertx.close().transform(v -> Future.failedFuture(err));
          });
    } catch (RuntimeException e) {
      vertx.close();
      return Future.failedFuture(e);
    }
  }

  public int port() {
    return port;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The port serving /metrics (the one chosen when metrics.port is 0), or -1 when metrics are disabled. */
  public int metricsPort() {
    MetricsServer ms = metricsServer;
    return ms == null ? -1 : ms.port();
  }

  /** The node's metrics, or null when metrics are disabled. */
  public ServerMetrics metrics() {
    return metrics;
  }

  /** The cluster broker, or null on a single node. */
  public ClusterBroker broker() {
    return broker;
  }

  public boolean draining() {
    return draining;
  }

  /** The y-webrtc signaling endpoint, or null when signaling.enabled is false. */
  public SignalingEndpoint signaling() {
    return signaling;
  }

  /**
   * Graceful stop: /ready turns 500, every socket gets 4200, then the process waits until the sockets are
   * gone or the grace period ends, and closes.
   */
  public Future<Void> stop() {
    draining = true;
    pusher.drain();
    if (signaling != null) {
      signaling.drain();
    }
    Promise<Void> drained = Promise.promise();
    long deadline = System.currentTimeMillis() + config.shutdownGraceMs();
    vertx.setPeriodic(50, id -> {
      int live = pusher.liveSockets() + (signaling == null ? 0 : signaling.liveSockets());
      if (live == 0 || System.currentTimeMillis() >= deadline) {
        vertx.cancelTimer(id);
        drained.tryComplete();
      }
    });
    return drained.future()
        .compose(v -> listener.close())
        .compose(v -> webhooks.close())
        .compose(v -> broker == null ? Future.<Void>succeededFuture() : broker.stop().otherwiseEmpty())
        .compose(v -> apps.close())
        .eventually(vertx::close)
        .eventually(() -> {
          if (metrics != null) {
            metrics.close();
          }
          return Future.succeededFuture();
        })
        .mapEmpty();
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
