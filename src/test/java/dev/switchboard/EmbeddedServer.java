package dev.switchboard;

import dev.switchboard.app.AppStore;
import dev.switchboard.app.store.memory.MemoryAppStore;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.core.Hub;
import dev.switchboard.http.HttpApi;
import dev.switchboard.pusher.PusherDialect;
import dev.switchboard.pusher.PusherEndpoint;
import dev.switchboard.pusher.PusherHubListener;
import dev.switchboard.ratelimit.LocalRateLimiter;
import dev.switchboard.transport.EmbeddedHttp;
import dev.switchboard.transport.VertxLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.Map;

/**
 * The Pusher server (WebSocket dialect, HTTP API, memory app store, one hub) wired as {@link SwitchboardServer}
 * wires it, but with no socket and no Vert.x: each {@link #connect()} is an {@link EmbeddedChannel} whose
 * bytes a test writes, so fuzz tests drive the real request and frame paths thousands of times a second.
 */
public final class EmbeddedServer {
  private final ServerConfig config;
  private final EmbeddedChannel home = new EmbeddedChannel();
  private final Router router;

  /** {@code env} as the server would read it (e.g. SWITCHBOARD_DEFAULT_APP_* for the app). */
  public EmbeddedServer(Map<String, String> env) {
    config = ConfigLoader.load(null, env);
    VertxLoop[] loops = {new VertxLoop(0, home.eventLoop())};
    AppStore apps = new MemoryAppStore(config.apps(), config.limits());
    PusherHubListener pusherEvents = new PusherHubListener(loops);
    Hub hub = new Hub(loops, pusherEvents, pusherEvents, config.cacheChannelTtlSec() * 1000L);
    PusherEndpoint pusher = new PusherEndpoint(config, apps, hub, loops);
    HttpApi api = new HttpApi(config, apps, hub, new LocalRateLimiter(), () -> false, () -> true);
    router = new Router(config, List.of(new PusherDialect(pusher, config.clientLimits(), loops)), api, List.of());
  }

  public ServerConfig config() {
    return config;
  }

  /** A new client connection, before its first byte. */
  public EmbeddedChannel connect() {
    int hardLimit = (int) Math.min(Integer.MAX_VALUE, 4L * config.maxPayloadBytes());
    return EmbeddedHttp.connect(router, config.httpBodyLimitBytes(), hardLimit);
  }

  /** Runs what is due on the connection and on the hub's loop until nothing is left. */
  public void settle(EmbeddedChannel ch) {
    for (int i = 0; i < 3; i++) {
      ch.runPendingTasks();
      home.runPendingTasks();
    }
  }
}
