package dev.switchboard;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.console.ConsoleConfig;
import dev.switchboard.signaling.SignalingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real server on a free loopback port, configured from a JSON config text the way a user would write
 * it. Close it to stop the server.
 */
public final class TestServer implements AutoCloseable {
  /** Apps used by most tests: the default app with every feature on, and a disabled one. */
  public static final String DEFAULT_CONFIG = """
      {"host":"127.0.0.1","port":0,"event_loops":2,"shutdown_grace_period_ms":200,
       "app_manager":{"driver":"memory","array":{"apps":[
         {"id":"app-id","key":"app-key","secret":"app-secret","enable_client_messages":true,
          "enable_user_authentication":false,"enable_watchlist_events":true,"enable_subscription_count":true},
         {"id":"off-id","key":"off-key","secret":"off-secret","enabled":false}]}}}
      """;

  private final SwitchboardServer server;

  private TestServer(SwitchboardServer server) {
    this.server = server;
  }

  public static TestServer start() {
    return start(DEFAULT_CONFIG, Map.of());
  }

  public static TestServer start(String json, Map<String, String> env) {
    try {
      SignalingConfig.registerEnv();
      ConsoleConfig.registerEnv();
      Path file = Files.createTempFile("switchboard-test", ".json");
      Files.writeString(file, json);
      // metrics on a free loopback port unless the test names one, so servers never fight over 9601
      Map<String, String> withMetrics = new java.util.HashMap<>(env);
      withMetrics.putIfAbsent("SWITCHBOARD_METRICS_PORT", "0");
      withMetrics.putIfAbsent("SWITCHBOARD_METRICS_HOST", "127.0.0.1");
      if (!json.contains("shutdown_grace_period")) {
        // stop() holds the whole grace period (3 s by default); a test server has no load balancer to wait for
        withMetrics.putIfAbsent("SWITCHBOARD_SHUTDOWN_GRACE_PERIOD_MS", "100");
      }
      ServerConfig config = ConfigLoader.load(file, withMetrics);
      Files.delete(file);
      return new TestServer(SwitchboardServer.start(config).await(20, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("server did not start", e);
    }
  }

  public int port() {
    return server.port();
  }

  public String hostPort() {
    return "127.0.0.1:" + port();
  }

  /** The port serving /metrics, or -1 when the config disables metrics. */
  public int metricsPort() {
    return server.metricsPort();
  }

  public SwitchboardServer server() {
    return server;
  }

  /** A pusher-http-java client for the default app on this server (the caller closes it). */
  public com.pusher.rest.Pusher api() {
    com.pusher.rest.Pusher p = new com.pusher.rest.Pusher("app-id", "app-key", "app-secret");
    p.setHost(hostPort());
    p.setEncrypted(false);
    return p;
  }

  @Override
  public void close() {
    try {
      server.stop().await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
