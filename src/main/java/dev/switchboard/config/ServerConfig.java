package dev.switchboard.config;

import dev.switchboard.app.App;
import java.util.List;
import java.util.Set;

/**
 * The validated server configuration. Built once at start from a {@link ConfigTree}; drivers read their
 * own sections from {@link #tree()}.
 *
 * @param activityTimeoutSec seconds of silence before the server pings a client (sent in connection_established)
 * @param pongTimeoutMs how long a pinged client has to answer before it is closed with 4201
 * @param maxPayloadBytes largest WebSocket message accepted from a client
 * @param maxOutboundBufferBytes bytes queued to one socket before it counts as a slow consumer (closed, 4100)
 * @param transport socket interface: auto (epoll, else NIO), io_uring, epoll or nio
 * @param clientLimits per-address limits: request head deadline, pending heads, Pusher sockets per IP
 * @param tls TLS on the public port (and optionally the metrics port); {@link TlsConfig#OFF} without it
 */
public record ServerConfig(
    String host,
    int port,
    String pathPrefix,
    int activityTimeoutSec,
    int pongTimeoutMs,
    int shutdownGraceMs,
    int userAuthTimeoutMs,
    int maxPayloadBytes,
    int maxOutboundBufferBytes,
    int eventLoops,
    String transport,
    int httpBodyLimitBytes,
    int cacheChannelTtlSec,
    ServerLimits limits,
    String appManagerDriver,
    boolean appCacheEnabled,
    int appCacheTtlSec,
    List<App> apps,
    MetricsConfig metrics,
    ClientLimits clientLimits,
    TlsConfig tls,
    ConfigTree tree) {

  public static final Set<String> APP_DRIVERS = Set.of("memory", "array", "mysql", "postgres", "postgresql",
      "dynamodb", "scylladb", "cassandra");
  private static final Set<String> TRANSPORTS = Set.of("auto", "io_uring", "epoll", "nio");

  public ServerConfig {
    range("port", port, 0, 65535);
    range("activity_timeout", activityTimeoutSec, 1, 86_400);
    range("pong_timeout_ms", pongTimeoutMs, 100, 600_000);
    range("shutdown_grace_period_ms", shutdownGraceMs, 0, 600_000);
    range("user_authentication_timeout_ms", userAuthTimeoutMs, 100, 86_400_000);
    range("websocket_max_payload_kb", maxPayloadBytes / 1024, 1, 65_536);
    range("max_outbound_buffer_kb", maxOutboundBufferBytes / 1024, 16, 1_048_576);
    range("event_loops", eventLoops, 1, 1024);
    if (httpBodyLimitBytes < 1) {
      // only -1 (read as unlimited) and sizes that round to 0 bytes get here
      throw ConfigException.invalid("http_api.request_limit_in_mb", httpBodyLimitBytes < 0 ? "-1" : "0",
          "a size of at least one byte (1/1048576 MB)");
    }
    if (!TRANSPORTS.contains(transport)) {
      throw ConfigException.invalid("transport", transport, "one of auto, io_uring, epoll, nio");
    }
    if (!APP_DRIVERS.contains(appManagerDriver)) {
      throw ConfigException.invalid("app_manager.driver", appManagerDriver,
          "one of memory, mysql, postgres, dynamodb, scylladb");
    }
    apps = List.copyOf(apps);
  }

  private static void range(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw ConfigException.invalid(key, v, "a number from " + min + " to " + max);
    }
  }

  /** A size in bytes as an int: sizes past 2 GiB are clamped there (the range checks then refuse them). */
  private static int intBytes(long bytes) {
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  /** Builds the config from a merged tree; every failure names its key. */
  public static ServerConfig from(ConfigTree t) {
    ServerLimits limits = ServerLimits.from(t);
    String prefix = t.string("path_prefix", "");
    if (prefix.equals("/")) {
      prefix = "";
    }
    if (!prefix.isEmpty() && !prefix.startsWith("/")) {
      prefix = "/" + prefix;
    }
    if (prefix.endsWith("/")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    String driver = t.string("app_manager.driver", "memory").toLowerCase(java.util.Locale.ROOT);
    return new ServerConfig(
        t.string("host", "0.0.0.0"),
        t.integer("port", 6001),
        prefix,
        t.integer("activity_timeout", 120),
        t.integer("pong_timeout_ms", 30_000),
        t.integer("shutdown_grace_period_ms", 3_000),
        t.integer("user_authentication_timeout_ms", 30_000),
        intBytes(t.bytes("websocket_max_payload_kb", 100, 1024)),
        intBytes(t.bytes("max_outbound_buffer_kb", 1024, 1024)),
        t.integer("event_loops", Runtime.getRuntime().availableProcessors()),
        t.string("transport", "auto").trim().toLowerCase(java.util.Locale.ROOT),
        intBytes(t.bytes("http_api.request_limit_in_mb", 10, 1024 * 1024)),
        t.integer("channel_limits.cache_ttl", 3600),
        limits,
        driver,
        t.bool("app_manager.cache.enabled", true),
        t.integer("app_manager.cache.ttl", 300),
        ConfigApps.parse(t, limits),
        MetricsConfig.from(t),
        ClientLimits.from(t),
        TlsConfig.from(t),
        t);
  }
}
