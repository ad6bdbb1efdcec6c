package dev.switchboard.signaling;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.app.App;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppStore;
import dev.switchboard.auth.AuthException;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import dev.switchboard.core.LoopWheels;
import dev.switchboard.signaling.auth.TopicPolicy;
import dev.switchboard.transport.Admission;
import dev.switchboard.transport.Dialect;
import dev.switchboard.transport.UpgradeRequest;
import dev.switchboard.ratelimit.IpConnectionLimiter;
import dev.switchboard.transport.VertxLoop;
import dev.switchboard.transport.WsHandler;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code ws /signaling[/...]}: the per-IP connection rate at the handshake (HTTP 429), then, with
 * the socket paused, the app (the built-in namespace, or the app whose key is the first path segment) and
 * the token, in parallel; then wires a {@link SignalingSocket} to its handlers and its loop's ping wheel.
 */
public final class SignalingEndpoint implements Dialect {
  private static final Logger LOG = LoggerFactory.getLogger(SignalingEndpoint.class);
  private final ServerConfig server;
  private final SignalingConfig config;
  private final Hub hub;
  private final SignalingPaths paths;
  private final SignalingApps apps;
  private final SignalingTokens tokens;
  private final SignalingContext ctx;
  private final SignalingFrameHandler frames;
  /** Ping deadlines, and the registry of open sockets {@link #drain()} goes through. */
  private final LoopWheels wheels;
  private final IpConnectionLimiter perIp;
  private final AtomicLong ids = new AtomicLong();
  private volatile boolean draining;

  public SignalingEndpoint(Vertx vertx, ServerConfig server, SignalingConfig config, AppStore apps, Hub hub,
      VertxLoop[] loops) {
    this.server = server;
    this.config = config;
    this.hub = hub;
    this.paths = new SignalingPaths(config.path());
    this.apps = new SignalingApps(apps, server, config);
    this.tokens = new SignalingTokens(vertx, config.auth());
    this.ctx = new SignalingContext(config, new SignalingStats());
    ctx.stats().topicsFrom(this::activeTopics);
    this.frames = new SignalingFrameHandler(ctx);
    this.perIp = new IpConnectionLimiter(config.maxConnectionsPerIpPerSecond());
    // no pong within one more interval closes the socket: the reference's 30 s ping, 30 s grace
    this.wheels = new LoopWheels(loops, config.pingIntervalSec(), config.pingIntervalSec() * 1000);
    loops[0].every(10_000, perIp::evictIdle);
  }

  /** True when {@code path} (path prefix removed) is a signaling path. */
  @Override
  public boolean matches(String path) {
    return paths.matches(path);
  }

  /** Refuses a flood from one IP (429) or any socket while draining (503) before the upgrade. */
  @Override
  public Future<Admission> admit(UpgradeRequest request) {
    if (draining) {
      ctx.stats().rejected();
      return Future.succeededFuture(Admission.refuse(503, "Connection refused"));
    }
    if (!perIp.tryAcquire(request.clientIp(config.ipHeader()))) {
      ctx.stats().rejected();
      return Future.succeededFuture(Admission.refuse(429, "Connection refused"));
    }
    return Admission.ACCEPT;
  }

  /** Handles an upgraded signaling socket; on its loop. */
  @Override
  public void accept(WsSocket ws, String path, Admission admitted) {
    Future<App> app = apps.resolve(paths.firstSegment(path));
    Future<TopicPolicy> grant = tokens.verify(ws);
    ws.openWhen(Future.join(app, grant), () -> open(ws, app, grant));
  }

  private void open(WsSocket ws, Future<App> app, Future<TopicPolicy> grant) {
    if (!ws.isOpen()) {
      return;
    }
    SignalingError refused = refusal(app, grant);
    if (refused != null) {
      reject(ws, refused);
      return;
    }
    AppRuntime rt = hub.runtime(app.result());
    if (!rt.tryOpen()) {
      reject(ws, SignalingError.OVER_QUOTA);
      return;
    }
    SignalingSocket s = new SignalingSocket("signaling-" + ids.incrementAndGet(), rt, ws, grant.result(),
        config.maxPublishPerSecond(), ctx.stats());
    ctx.stats().opened();
    ws.handler(new WsHandler() {
      @Override
      public void onText(String text) {
        frames.onText(s, text);
      }

      @Override
      public void onBinary(int length) {
        frames.onBinary(s, length);
      }

      @Override
      public void onPong() {
        s.touch();
      }

      @Override
      public void onClose() {
        s.onClosed();
      }
    });
    wheels.add(s);
  }

  /** Why the socket may not open, or null when it may. */
  private SignalingError refusal(Future<App> app, Future<TopicPolicy> grant) {
    if (draining) {
      return SignalingError.SHUTTING_DOWN;
    }
    if (app.failed()) {
      AppErrors.logLookupFailure(LOG, "signaling app lookup failed", app.cause());
      return SignalingError.STORE_UNAVAILABLE;
    }
    if (grant.failed()) {
      ctx.stats().authFailed();
      String why = grant.cause().getMessage();
      return grant.cause() instanceof AuthException a && a.kind() != AuthException.Kind.UNAVAILABLE
          ? SignalingError.unauthorized(why)
          : SignalingError.authUnavailable(why == null ? "cannot check the token" : why);
    }
    return app.result().enabled() ? null : SignalingError.APP_DISABLED;
  }

  private void reject(WsSocket ws, SignalingError e) {
    ctx.stats().rejected();
    ctx.stats().errorSent();
    ws.sendText(SignalingCodec.error(e.message()).json());
    ws.close(e.code(), SignalingError.closeReason(e.message()));
  }

  /** The web console's list of app {@code rt}'s topics with their subscribers, cluster-wide. */
  public List<ObjectNode> topics(AppRuntime rt) {
    List<ObjectNode> out = new ArrayList<>();
    for (String ch : rt.occupiedInternal(SignalingSocket.CHANNEL_PREFIX)) {
      String topic = ch.substring(SignalingSocket.CHANNEL_PREFIX.length());
      out.add(JsonNodeFactory.instance.objectNode().put("topic", topic).put("subscribers", rt.subscriptionCount(ch)));
    }
    return out;
  }

  private int activeTopics() {
    int n = 0;
    for (AppRuntime rt : hub.runtimes()) {
      for (var ch : rt.localChannels()) {
        if (ch.name().startsWith(SignalingSocket.CHANNEL_PREFIX)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Starts draining: refuses new sockets and tells every open one to reconnect elsewhere (4200). */
  @Override
  public void drain() {
    draining = true;
    SignalingError e = SignalingError.SHUTTING_DOWN;
    wheels.forEachOpen(s -> {
      s.send(SignalingCodec.error(e.message()));
      s.close(e.code(), SignalingError.closeReason(e.message()));
    });
  }

  public SignalingStats stats() {
    return ctx.stats();
  }
}
