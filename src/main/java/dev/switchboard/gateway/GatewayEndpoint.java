package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppStore;
import dev.switchboard.auth.AuthException;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.ChannelActivity;
import dev.switchboard.core.Hub;
import dev.switchboard.core.LoopWheels;
import dev.switchboard.gateway.GatewayStats.Refusal;
import dev.switchboard.http.AppApiEndpoint;
import dev.switchboard.ratelimit.IpConnectionLimiter;
import dev.switchboard.transport.Admission;
import dev.switchboard.transport.Dialect;
import dev.switchboard.transport.HttpRoute;
import dev.switchboard.transport.UpgradeRequest;
import dev.switchboard.transport.UriComponent;
import dev.switchboard.transport.VertxLoop;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway dialect at {@code ws <gateway.path>[/{app-key}]}. An upgrade is decided before the 101, as API
 * Gateway's authorizer does: the per-IP rate, then the app and the token in parallel, then the app's flag
 * and connection quota; any refusal is an HTTP answer. An admitted socket gets its connection id, joins
 * the app's gateway presence roster when it has a user, and is watched for idleness (the activity wheel)
 * and for its maximum lifetime (a sweep every few seconds).
 */
public final class GatewayEndpoint implements Dialect {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayEndpoint.class);
  private static final long LIFETIME_SWEEP_MS = 5_000;
  private final GatewayConfig config;
  private final AppStore apps;
  private final Hub hub;
  private final GatewayStats stats;
  private final GatewayTokens tokens;
  private final GatewayRoutes routes;
  private final GatewayFrameHandler frames;
  private final GatewayPresence presence;
  private final GatewayConnectionIds ids;
  private final GatewayNotifier notifier;
  private final GatewayRegistry registry = new GatewayRegistry();
  private final GatewayConnectionsApi connectionsApi;
  /** Null when gateway.notifications.queue is not set. */
  private final GatewayNotificationQueue queue;
  private final LoopWheels wheels;
  private final IpConnectionLimiter perIp;
  private volatile boolean draining;

  /**
   * @param parts the sinks and cluster hooks, made by {@link GatewayParts}
   */
  public GatewayEndpoint(Vertx vertx, GatewayConfig config, AppStore apps, Hub hub, VertxLoop[] loops,
      GatewayParts parts) {
    this.config = config;
    this.apps = apps;
    this.hub = hub;
    this.stats = parts.stats();
    this.tokens = new GatewayTokens(vertx, config);
    this.routes = new GatewayRoutes(parts.routeSinks(), stats);
    this.frames = new GatewayFrameHandler(config, routes, stats);
    this.presence = new GatewayPresence(vertx, parts.presenceSink(), parts.owns(), config.offlineGraceMs(), stats);
    this.ids = new GatewayConnectionIds(parts.nodeId());
    this.notifier = new GatewayNotifier(config.pusherEvent(), stats);
    this.queue = config.notificationQueue() == null ? null : new GatewayNotificationQueue(vertx,
        config.notificationQueue(), apps, hub, notifier, config.notificationAppId());
    this.connectionsApi = new GatewayConnectionsApi(apps, parts.cluster() == null ? registry
        : new ClusteredConnectionOps(registry, parts.cluster(), parts.nodeId()), stats);
    if (queue != null) {
      stats.queueFrom(queue.source()::received, queue.source()::deadLettered);
    }
    // no pong is awaited: the "ping" is the close itself (see GatewayConnection.sendActivityPing)
    this.wheels = new LoopWheels(loops, config.idleTimeoutSec(), 1_000);
    int perSecond = config.maxConnectionsPerIpPerSecond();
    this.perIp = perSecond < 0 ? null : new IpConnectionLimiter(perSecond);
    if (perIp != null) {
      loops[0].every(10_000, perIp::evictIdle);
    }
    loops[0].every(LIFETIME_SWEEP_MS, this::closeExpired);
    if (!tokens.enabled()) {
      LOG.info("gateway on {}: no gateway.auth.jwks_url or hmac_secret set, sockets are anonymous", config.path());
    }
  }

  /** Hears the core's cluster-wide roster transitions; the server adds it to the hub's activity. */
  public ChannelActivity presence() {
    return presence;
  }

  /** {@code <any prefix>/@connections/{id}}, for the router to serve. */
  public HttpRoute connectionsApi() {
    return connectionsApi;
  }

  /** {@code POST /apps/{id}/notifications}, for the HTTP API to serve. */
  public AppApiEndpoint notifications() {
    return new GatewayNotificationsEndpoint(notifier);
  }

  /** The web console's list of app {@code appId}'s gateway sockets on this node. */
  public List<ObjectNode> connections(String appId) {
    return registry.list(appId);
  }

  public GatewayStats stats() {
    return stats;
  }

  @Override
  public boolean matches(String path) {
    String base = config.path();
    return path.equals(base) || path.startsWith(base) && path.charAt(base.length()) == '/';
  }

  @Override
  public Future<Admission> admit(UpgradeRequest r) {
    if (draining) {
      return refused(Refusal.DRAINING, "the server is shutting down; connect again");
    }
    String ip = r.clientIp(config.ipHeader());
    if (perIp != null && !perIp.tryAcquire(ip)) {
      return refused(Refusal.RATE, "too many connections from this address; retry with backoff");
    }
    String key = appKey(r.path());
    if (key != null && key.contains("/")) {
      return refused(Refusal.UNKNOWN_APP, "no gateway endpoint at this path");
    }
    Future<Optional<App>> app = key == null ? apps.findById(config.appId()) : apps.findByKey(key);
    Future<String> user = tokens.user(r);
    return Future.join(app, user).transform(done -> Future.succeededFuture(decide(app, user, key, ip)));
  }

  private Admission decide(Future<Optional<App>> app, Future<String> user, String key, String ip) {
    if (user.failed()) {
      AuthException e = user.cause() instanceof AuthException a ? a
          : new AuthException(AuthException.Kind.INVALID, "malformed token");
      Refusal why = switch (e.kind()) {
        case INVALID -> Refusal.UNAUTHORIZED;
        case FORBIDDEN -> Refusal.FORBIDDEN;
        case UNAVAILABLE -> Refusal.UNAVAILABLE;
      };
      return GatewayAdmission.refuse(stats, why, e.getMessage());
    }
    if (app.failed()) {
      AppErrors.logLookupFailure(LOG, "gateway app lookup failed", app.cause());
      return GatewayAdmission.refuse(stats, Refusal.UNAVAILABLE, "the app store cannot be reached; retry");
    }
    App a = app.result().orElse(null);
    if (a == null) {
      return GatewayAdmission.refuse(stats, Refusal.UNKNOWN_APP,
          key == null ? "gateway.app_id names no app" : "no app has this key");
    }
    if (!a.enabled()) {
      return GatewayAdmission.refuse(stats, Refusal.APP_DISABLED, "the app is disabled");
    }
    AppRuntime rt = hub.runtime(a);
    if (!rt.tryOpen()) {
      return GatewayAdmission.refuse(stats, Refusal.QUOTA, "the app has reached its max_connections");
    }
    return Admission.accept(new GatewayTicket(rt, user.result(), ip), rt::cancelOpen);
  }

  private Future<Admission> refused(Refusal why, String reason) {
    return Future.succeededFuture(GatewayAdmission.refuse(stats, why, reason));
  }

  @Override
  public void accept(WsSocket ws, String path, Admission admitted) {
    GatewayTicket t = (GatewayTicket) admitted.ticket();
    if (!ws.isOpen() || draining) {
      admitted.release();
      ws.close(config.timeoutCloseCode(), "Going away");
      return;
    }
    GatewayConnection c = new GatewayConnection(ids.next(), t.app(), ws, t.userId(), t.clientIp(), stats,
        config.timeoutCloseCode(), registry);
    stats.opened();
    registry.add(c);
    AppRuntime rt = t.app();
    // internal channels: notifications reach every socket, a user's sockets, or the anonymous ones through
    // the core's fan-out and the cluster's events; the roster gives presence
    rt.subscribe(c, GatewayNotifier.ALL, null, null, -1);
    if (c.user() == null) {
      rt.subscribe(c, GatewayNotifier.ANONYMOUS, null, null, -1);
      attach(ws, c);
      return;
    }
    rt.subscribe(c, GatewayNotifier.user(c.user()), null, null, -1);
    rt.subscribe(c, GatewayPresence.CHANNEL, c.user(), JsonNodeFactory.instance.objectNode(), -1);
    // in a cluster the socket answers its first frame only once every node has it in the roster: a client
    // that then closes its other device elsewhere must not make that node think the user left (OFFLINE, then
    // ONLINE again); on a single node this is complete at once
    CompletableFuture<Void> joined = rt.confirmed().toCompletableFuture();
    if (joined.isDone()) {
      attach(ws, c);
      return;
    }
    ws.openWhen(Future.fromCompletionStage(joined), () -> {
      if (!ws.isOpen() || draining) {
        c.onClosed(); // no handler is attached yet to do it: leave the roster and the channels, once
        if (ws.isOpen()) {
          ws.close(config.timeoutCloseCode(), "Going away");
        }
        return;
      }
      attach(ws, c);
    });
  }

  private void attach(WsSocket ws, GatewayConnection c) {
    ws.handler(new GatewaySocketHandler(c, frames));
    wheels.add(c);
  }

  /** API Gateway's maximum connection duration: sockets past it are closed so the client reconnects. */
  private void closeExpired() {
    long oldest = System.currentTimeMillis() - config.maxLifetimeSec() * 1000L;
    wheels.forEachOpen(conn -> {
      if (conn instanceof GatewayConnection g && !g.isClosed() && g.connectedAtMillis() <= oldest) {
        stats.expired();
        g.close(config.timeoutCloseCode(), "Going away");
      }
    });
  }

  @Override
  public void drain() {
    draining = true;
    // the code clients reconnect after (timeout_close_code), so a restart behind a load balancer is a blip
    wheels.forEachOpen(c -> c.close(config.timeoutCloseCode(), "Going away"));
  }

  /** The decoded app key below the gateway path, or null at the path itself. */
  private String appKey(String path) {
    String rest = path.substring(config.path().length());
    while (rest.startsWith("/")) {
      rest = rest.substring(1);
    }
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    return rest.isEmpty() ? null : UriComponent.decodeOrNull(rest); // malformed escapes name no app
  }

  /** Starts consuming queued notifications; fails, naming the key, when the queue cannot be reached. */
  public Future<Void> start() {
    return queue == null ? Future.succeededFuture() : queue.start();
  }

  /** Stops the notification queue, then the sinks; after the listener closed. */
  public Future<Void> close() {
    Future<Void> stopped = queue == null ? Future.succeededFuture() : queue.stop().otherwiseEmpty();
    return stopped.compose(v -> routes.close());
  }
}
