package dev.switchboard;

import dev.switchboard.app.AppStore;
import dev.switchboard.app.AppStores;
import dev.switchboard.cache.EventCaches;
import dev.switchboard.cluster.Brokers;
import dev.switchboard.cluster.ClusterBroker;
import dev.switchboard.cluster.ClusterConfig;
import dev.switchboard.cluster.redis.StandaloneRedisCheck;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.console.Console;
import dev.switchboard.console.ConsoleConfig;
import dev.switchboard.console.ConsoleTab;
import dev.switchboard.core.ChannelActivity;
import dev.switchboard.core.Hub;
import dev.switchboard.core.HubListener;
import dev.switchboard.gateway.GatewayConfig;
import dev.switchboard.gateway.GatewayEndpoint;
import dev.switchboard.gateway.GatewayParts;
import dev.switchboard.gateway.GatewayStats;
import dev.switchboard.http.HttpApi;
import dev.switchboard.metrics.MetricsServer;
import dev.switchboard.metrics.ServerMetrics;
import dev.switchboard.pusher.PusherDialect;
import dev.switchboard.pusher.PusherEndpoint;
import dev.switchboard.pusher.PusherHubListener;
import dev.switchboard.ratelimit.RateLimiters;
import dev.switchboard.signaling.SignalingConfig;
import dev.switchboard.signaling.SignalingEndpoint;
import dev.switchboard.signaling.SignalingStats;
import dev.switchboard.tls.MetricsPortTls;
import dev.switchboard.tls.ServerTls;
import dev.switchboard.transport.Dialect;
import dev.switchboard.transport.Loops;
import dev.switchboard.transport.NettyServer;
import dev.switchboard.transport.SocketTransport;
import dev.switchboard.webhook.Webhooks;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
  private final ClusterBroker broker;
  private final Hub hub;
  private final NettyServer listener;
  private final Webhooks webhooks;
  /** Null when signaling.enabled is false. */
  private final SignalingEndpoint signaling;
  /** Null when gateway.enabled is false. */
  private final GatewayEndpoint gateway;
  private volatile int port;
  private volatile boolean draining;
  /** Every WebSocket dialect this node serves, in the router's order. */
  private volatile List<Dialect> dialects = List.of();
  private final Promise<Void> stopped = Promise.promise();
  /** Null when metrics are disabled. */
  private volatile ServerMetrics metrics;
  private volatile MetricsServer metricsServer;
  /** Null without TLS. */
  private volatile ServerTls tls;

  private SwitchboardServer(ServerConfig config, Vertx vertx, AppStore apps,
      ClusterBroker broker, Hub hub, NettyServer listener, Webhooks webhooks, SignalingEndpoint signaling,
      GatewayEndpoint gateway) {
    this.config = config;
    this.vertx = vertx;
    this.apps = apps;
    this.broker = broker;
    this.hub = hub;
    this.listener = listener;
    this.webhooks = webhooks;
    this.signaling = signaling;
    this.gateway = gateway;
  }

  public static Future<SwitchboardServer> start(ServerConfig config) {
    SocketTransport transport = SocketTransport.resolve(config.transport());
    Vertx vertx = Vertx.builder()
        .with(new VertxOptions().setEventLoopPoolSize(config.eventLoops()))
        .withTransport(transport.vertx())
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
      ServerTls tls = config.tls().enabled() ? ServerTls.load(config.tls()) : null;
      NettyServer listener = new NettyServer(vertx, loops, transport, tls);
      GatewayConfig gatewayConfig = GatewayConfig.from(config);
      GatewayEndpoint gateway = gatewayConfig.enabled() ? new GatewayEndpoint(vertx, gatewayConfig, apps, hub,
          loops.all(), GatewayParts.create(vertx, gatewayConfig,
              broker == null ? UUID.randomUUID().toString() : broker.nodeId(),
              broker == null ? (app, key) -> true : broker::owns, broker)) : null;
      // before the first connection, like every hub setting: the runtimes read it when they are created
      hub.activity(gateway == null ? webhooks.activity()
          : ChannelActivity.both(webhooks.activity(), gateway.presence()));
      if (metrics != null && gateway != null) {
        register(metrics, gateway.stats());
      }
      SignalingConfig signalingConfig = SignalingConfig.from(config);
      SignalingEndpoint signaling = signalingConfig.enabled()
          ? new SignalingEndpoint(vertx, config, signalingConfig, apps, hub, loops.all()) : null;
      if (metrics != null && signaling != null) {
        register(metrics, signaling.stats());
      }
      SwitchboardServer server = new SwitchboardServer(config, vertx, apps, broker, hub, listener, webhooks,
          signaling, gateway);
      server.metrics = metrics;
      server.tls = tls;
      HttpApi api = new HttpApi(config, apps, hub, RateLimiters.create(vertx, config.tree()), () -> server.draining,
          () -> broker == null || broker.healthy());
      if (metrics != null) {
        metrics.readiness(() -> api.health("/ready").status() == 200); // what /ready answers, by construction
        metrics.loopLag(loops.all());
        webhooks.stats().series().forEach(s -> metrics.counter(s.name(), s.help(), s.value()));
      }
      List<Dialect> dialects =
          new ArrayList<>(List.of(new PusherDialect(pusher, config.clientLimits(), loops.all())));
      if (gateway != null) {
        dialects.add(gateway);
      }
      if (signaling != null) {
        dialects.add(signaling); // its path may be empty (every path): last
      }
      if (gateway != null) {
        api.register("notifications", gateway.notifications());
      }
      ConsoleConfig consoleConfig = ConsoleConfig.from(config.tree());
      if (consoleConfig.enabled() && metrics == null) {
        throw ConfigException.invalid("console.enabled", true,
            "metrics.enabled=true as well: the console is served on the metrics port");
      }
      List<ConsoleTab> tabs = new ArrayList<>();
      if (signaling != null) {
        tabs.add(new ConsoleTab("signaling", "Signaling topics", signaling::topics));
      }
      if (gateway != null) {
        tabs.add(new ConsoleTab("gateway", "Gateway connections", rt -> gateway.connections(rt.id())));
      }
      Console console = consoleConfig.enabled()
          ? new Console(vertx, consoleConfig, apps, hub, api, webhooks, config.appManagerDriver(), tabs, broker,
              broker == null ? null : broker.nodeId()) : null;
      Router router = new Router(config, dialects, api,
          gateway == null ? List.of() : List.of(gateway.connectionsApi()));
      server.dialects = List.copyOf(dialects);
      // frames up to 4x the payload limit are read, so an oversized message gets a pusher:error, not a cut
      int hardLimit = (int) Math.min(Integer.MAX_VALUE, 4L * config.maxPayloadBytes());
      return StandaloneRedisCheck.run(vertx, config.tree())
          .compose(v -> broker == null ? Future.<Void>succeededFuture() : broker.start())
          .compose(v -> webhooks.start())
          .compose(v -> gateway == null ? Future.<Void>succeededFuture() : gateway.start())
          .compose(v -> listener.listen(config.host(), port, router, config.httpBodyLimitBytes(), hardLimit,
              config.maxOutboundBufferBytes(), config.clientLimits().requestHeadTimeoutMs(),
              config.clientLimits().maxPendingRequestsPerIp()))
          .compose(bound -> metrics == null ? Future.succeededFuture(bound)
              : MetricsServer.start(vertx, config.metrics(), config.pathPrefix(), metrics, api::health,
                  opts -> {
                    if (tls != null && config.tls().metrics()) {
                      MetricsPortTls.apply(tls, opts);
                    }
                  },
                  console == null ? (req, path) -> false : console::handle)
                  .map(ms -> {
                    server.metricsServer = ms;
                    return bound;
                  }))
          .map(bound -> {
            server.port = bound;
            if (tls != null) {
              tls.start(vertx);
            }
            LOG.info("switchboard listening on {}:{} ({} event loops, transport: {}, apps: {}, tls: {})",
                config.host(), port, config.eventLoops(), transport, config.appManagerDriver(),
                tls == null ? "off" : tls.provider().toString().toLowerCase(java.util.Locale.ROOT));
            if (server.metricsServer != null) {
              LOG.info("prometheus metrics on {}:{}/metrics", config.metrics().host(), server.metricsPort());
              if (console != null) {
                LOG.info("web console on {}:{}/console/", config.metrics().host(), server.metricsPort());
              }
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

  /** Every app's live state on this node. */
  public Hub hub() {
    return hub;
  }

  /** The cluster broker, or null on a single node. */
  public ClusterBroker broker() {
    return broker;
  }

  public boolean draining() {
    return draining;
  }

  /** The public port's TLS, or null when it is off. */
  public ServerTls tls() {
    return tls;
  }

  /** The gateway endpoint, or null when gateway.enabled is false. */
  public GatewayEndpoint gateway() {
    return gateway;
  }

  /** The y-webrtc signaling endpoint, or null when signaling.enabled is false. */
  public SignalingEndpoint signaling() {
    return signaling;
  }

  /**
   * Graceful stop, as soketi does it on SIGTERM: /ready answers 500 at once so the load balancer takes the
   * node out, every socket gets 4200 (reconnect, elsewhere) and new ones are refused with 4200, while the
   * HTTP API keeps answering for the whole grace period; then the node closes. The period is held even when
   * no socket is left, because the load balancer only notices /ready on its next health check.
   */
  public synchronized Future<Void> stop() {
    if (draining) {
      return stopped.future();
    }
    draining = true;
    LOG.atInfo().addKeyValue("grace_ms", config.shutdownGraceMs())
        .log("draining: /ready answers 500, sockets get 4200; closing in {} ms", config.shutdownGraceMs());
    dialects.forEach(Dialect::drain);
    Promise<Void> drained = Promise.promise();
    vertx.setTimer(Math.max(1, config.shutdownGraceMs()), id -> drained.complete());
    if (tls != null) {
      tls.stop(vertx);
    }
    drained.future()
        .compose(v -> listener.close())
        .compose(v -> webhooks.close())
        .compose(v -> gateway == null ? Future.<Void>succeededFuture() : gateway.close().otherwiseEmpty())
        .compose(v -> broker == null ? Future.<Void>succeededFuture() : broker.stop().otherwiseEmpty())
        .compose(v -> apps.close())
        .eventually(vertx::close)
        .eventually(() -> {
          if (metrics != null) {
            metrics.close();
          }
          return Future.succeededFuture();
        })
        .<Void>mapEmpty()
        .onComplete(stopped);
    return stopped.future();
  }

  /** Puts the gateway's counters on /metrics. */
  private static void register(ServerMetrics metrics, GatewayStats stats) {
    for (GatewayStats.Series s : stats.series()) {
      if (!s.counter()) {
        metrics.gauge(s.name(), s.help(), s.value());
      } else if (s.label() == null) {
        metrics.counter(s.name(), s.help(), s.value());
      } else {
        metrics.counter(s.name(), s.help(), s.label(), s.labelValue(), s.value());
      }
    }
  }

  /** Puts the signaling endpoint's counters on /metrics (metrics never imports a dialect, so it is wired here). */
  private static void register(ServerMetrics metrics, SignalingStats stats) {
    for (SignalingStats.Series s : stats.series()) {
      if (s.counter()) {
        metrics.counter(s.name(), s.help(), s.value());
      } else {
        metrics.gauge(s.name(), s.help(), s.value());
      }
    }
  }

  private static int freePort(String host) {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
