package dev.switchboard.signaling;

import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.EnvAliases;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.signaling.auth.SignalingAuthConfig;
import java.util.List;

/**
 * The {@code signaling.*} section. Limits of {@code -1} mean unlimited.
 *
 * @param path WebSocket path (below {@code path_prefix}); every path below it is accepted too
 * @param maxMessageBytes largest client message; a larger one closes the socket with 1009 (default 64 KB, or
 *     4 x websocket_max_payload_kb when that is smaller)
 * @param maxTopicsPerConnection topics one socket may be subscribed to at once
 * @param maxTopicLength longest topic name, in characters
 * @param maxPublishPerSecond publish messages per socket per second (token bucket, burst of the same size)
 * @param maxConnectionsPerIpPerSecond new sockets per client IP per second (HTTP 429 above it)
 * @param maxConnections concurrent sockets of the built-in namespace (apps use their max_connections)
 * @param pingIntervalSec silence after which a WebSocket ping is sent; no pong within as long closes the socket
 * @param ipHeader header naming the client IP when behind a proxy (its last entry: what the nearest proxy saw);
 *     empty to use the socket's peer address
 */
public record SignalingConfig(
    boolean enabled,
    String path,
    int maxMessageBytes,
    int maxTopicsPerConnection,
    int maxTopicLength,
    int maxPublishPerSecond,
    int maxConnectionsPerIpPerSecond,
    int maxConnections,
    int pingIntervalSec,
    String ipHeader,
    SignalingAuthConfig auth) {

  private static final int DEFAULT_MAX_MESSAGE_KB = 64;
  private static final List<String> ENV_PATHS = List.of("signaling.enabled", "signaling.path",
      "signaling.max_message_kb", "signaling.max_topics_per_connection", "signaling.max_topic_length",
      "signaling.max_publish_per_second", "signaling.max_connections_per_ip_per_second",
      "signaling.max_connections", "signaling.ping_interval_sec", "signaling.ip_header",
      "signaling.auth.jwks_url", "signaling.auth.hmac_secret", "signaling.auth.audience", "signaling.auth.issuer",
      "signaling.auth.topics_claim", "signaling.auth.clock_skew_sec", "signaling.auth.jwks_cache_ttl_sec");

  public SignalingConfig {
    if (!path.isEmpty() && (!path.startsWith("/") || path.endsWith("/") || path.contains("?"))) {
      throw ConfigException.invalid("signaling.path", path, "a path such as /signaling");
    }
    range("signaling.max_message_kb", maxMessageBytes / 1024, 1, 65_536);
    range("signaling.max_topics_per_connection", maxTopicsPerConnection, 1, 1_000_000);
    range("signaling.max_topic_length", maxTopicLength, 1, 1_000_000);
    limit("signaling.max_publish_per_second", maxPublishPerSecond);
    limit("signaling.max_connections_per_ip_per_second", maxConnectionsPerIpPerSecond);
    limit("signaling.max_connections", maxConnections);
    range("signaling.ping_interval_sec", pingIntervalSec, 1, 3_600);
  }

  /** Makes every {@code signaling.*} key settable as {@code SWITCHBOARD_SIGNALING_*}; call before loading. */
  public static void registerEnv() {
    ENV_PATHS.forEach(EnvAliases::register);
  }

  public static SignalingConfig from(ServerConfig server) {
    ConfigTree t = server.tree();
    String path = t.string("signaling.path", "/signaling").trim();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1); // "/" alone becomes "": every WebSocket path but /app/
    }
    if (!path.isEmpty() && !path.startsWith("/")) {
      path = "/" + path;
    }
    // the HTTP server reads frames up to 4x websocket_max_payload_kb; a larger message never reaches us, so
    // the default stops there and only a value the user chose can be wrong (a Pusher-only deployment with a
    // small websocket_max_payload_kb must not fail over a signaling key it never set)
    int readableKb = (int) Math.min(Integer.MAX_VALUE, 4L * server.maxPayloadBytes() / 1024);
    int maxKb = t.integer("signaling.max_message_kb", Math.min(DEFAULT_MAX_MESSAGE_KB, readableKb));
    if (maxKb > readableKb) {
      throw ConfigException.invalid("signaling.max_message_kb", maxKb,
          "at most 4 x websocket_max_payload_kb (" + readableKb + ")");
    }
    return new SignalingConfig(
        t.bool("signaling.enabled", true),
        path,
        (int) Math.min(Integer.MAX_VALUE, maxKb * 1024L),
        t.integer("signaling.max_topics_per_connection", 1_000),
        t.integer("signaling.max_topic_length", 256),
        t.integer("signaling.max_publish_per_second", 200),
        t.integer("signaling.max_connections_per_ip_per_second", 50),
        t.integer("signaling.max_connections", -1),
        t.integer("signaling.ping_interval_sec", 30),
        t.string("signaling.ip_header", "").trim(),
        SignalingAuthConfig.from(t));
  }

  private static void range(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw ConfigException.invalid(key, v, "a number from " + min + " to " + max);
    }
  }

  private static void limit(String key, int v) {
    if (v == 0 || v < -1) {
      throw ConfigException.invalid(key, v, "a positive integer or -1 for unlimited");
    }
  }
}
