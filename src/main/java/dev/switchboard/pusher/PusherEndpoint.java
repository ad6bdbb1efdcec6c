package dev.switchboard.pusher;

import dev.switchboard.app.App;
import dev.switchboard.app.AppErrors;
import dev.switchboard.app.AppStore;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Hub;
import dev.switchboard.core.LoopWheels;
import dev.switchboard.logging.LogSafe;
import dev.switchboard.transport.VertxLoop;
import dev.switchboard.transport.WsHandler;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts {@code ws /app/{key}}: looks the app up (async, socket paused meanwhile), applies the
 * connection rules (protocol version, disabled app, origin, quota, draining) and wires a {@link
 * PusherSocket} to its handlers, its loop's activity wheel and the sign-in deadline.
 */
public final class PusherEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(PusherEndpoint.class);
  private final ServerConfig config;
  private final AppStore apps;
  private final Hub hub;
  private final PusherFrameHandler frames;
  /** Activity timeouts, and the registry of open sockets {@link #drain()} goes through. */
  private final LoopWheels wheels;
  private volatile boolean draining;

  public PusherEndpoint(ServerConfig config, AppStore apps, Hub hub, VertxLoop[] loops) {
    this.config = config;
    this.apps = apps;
    this.hub = hub;
    this.frames = new PusherFrameHandler(new PusherContext(config));
    this.wheels = new LoopWheels(loops, config.activityTimeoutSec(), config.pongTimeoutMs());
  }

  /** Handles an upgraded socket whose path was {@code /app/{key}}; on its loop. */
  public void accept(WsSocket ws, String key) {
    // an app already known opens at once, so connection_established leaves in the 101's write
    Future<Optional<App>> found = apps.findByKey(key);
    ws.openWhen(found, () -> open(ws, key, found));
  }

  private void open(WsSocket ws, String key, AsyncResult<Optional<App>> ar) {
    if (!ws.isOpen()) {
      return;
    }
    if (draining) {
      reject(ws, PusherError.SHUTTING_DOWN);
      return;
    }
    if (ar.failed()) {
      AppErrors.logLookupFailure(LOG, "app lookup failed for key " + LogSafe.text(key), ar.cause());
      reject(ws, PusherError.STORE_UNAVAILABLE);
      return;
    }
    if (!protocolSupported(ws.query())) {
      reject(ws, PusherError.UNSUPPORTED_PROTOCOL);
      return;
    }
    App app = ar.result().orElse(null);
    if (app == null) {
      reject(ws, PusherError.unknownApp(key));
      return;
    }
    if (!app.enabled()) {
      reject(ws, PusherError.APP_DISABLED);
      return;
    }
    if (!Origins.allowed(app.allowedOrigins(), ws.header("Origin"))) {
      reject(ws, PusherError.ORIGIN_NOT_ALLOWED);
      return;
    }
    AppRuntime rt = hub.runtime(app);
    if (!rt.tryOpen()) {
      reject(ws, PusherError.OVER_QUOTA);
      return;
    }
    PusherSocket s = new PusherSocket(newSocketId(), rt, ws);
    // in a cluster, connection_established waits until other nodes' quota checks count this connection (only
    // for an app with a quota; at once on a single node), reading paused meanwhile
    CompletableFuture<Void> counted = rt.openConfirmed().toCompletableFuture();
    if (counted.isDone()) {
      established(ws, s, app);
    } else {
      ws.openWhen(Future.fromCompletionStage(counted), () -> {
        if (!ws.isOpen() || draining) {
          s.onClosed(); // no handler is attached yet to do it: give the counted connection back, once
          if (ws.isOpen()) {
            reject(ws, PusherError.SHUTTING_DOWN);
          }
          return;
        }
        established(ws, s, app);
      });
    }
  }

  private void established(WsSocket ws, PusherSocket s, App app) {
    VertxLoop loop = ws.loop();
    // queued before the handler attaches: attaching decodes frames the client sent early, and their replies
    // must come after connection_established
    s.deliver(PusherMessages.connectionEstablished(s.socketId(), config.activityTimeoutSec()));
    ws.handler(new WsHandler() {
      @Override
      public void onText(String text) {
        frames.onText(s, text, s.countReceived(text));
      }

      @Override
      public void onBinary(int length) {
        s.countReceived(length);
        frames.onBinary(s);
      }

      @Override
      public CompletionStage<Void> onCloseFrame(int code) {
        s.cancelSigninDeadline();
        return s.closeRequested(code); // the close is answered once other nodes see this connection gone
      }

      @Override
      public void onClose() {
        s.cancelSigninDeadline();
        s.onClosed();
      }
    });
    wheels.add(s);
    if (app.enableUserAuthentication()) {
      s.signinDeadline(loop.eventLoop().schedule(() -> {
        if (!s.isClosed() && s.userId() == null) {
          s.fail(PusherError.SIGNIN_TIMEOUT);
        }
      }, config.userAuthTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }
  }

  private static boolean protocolSupported(String query) {
    String p = QueryParams.first(query, "protocol");
    if (p == null) {
      return true; // some clients omit it; treat as the current protocol
    }
    try {
      int v = Integer.parseInt(p);
      return v >= 5 && v <= 7;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static void reject(WsSocket ws, PusherError e) {
    ws.sendText(PusherMessages.error(e).json());
    ws.close(e.code(), e.message());
  }

  /** Pusher socket ids: two decimal numbers joined by a dot. */
  private static String newSocketId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return r.nextLong(1, 10_000_000_000L) + "." + r.nextLong(1, 10_000_000_000L);
  }

  /** Starts draining: refuses new sockets and tells every open socket to reconnect elsewhere (4200). */
  public void drain() {
    draining = true;
    wheels.forEachOpen(c -> {
      c.send(PusherMessages.error(PusherError.SHUTTING_DOWN));
      c.close(PusherError.SHUTTING_DOWN.code(), PusherError.SHUTTING_DOWN.message());
    });
  }
}
