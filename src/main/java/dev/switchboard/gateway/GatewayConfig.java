package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.auth.JwtConfig;
import dev.switchboard.config.ConfigException;
import dev.switchboard.config.ConfigTree;
import dev.switchboard.config.EnvAliases;
import dev.switchboard.config.ServerConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code gateway.*} section: the API-Gateway-style dialect.
 *
 * @param enabled whether {@code ws <path>[/{app-key}]} is served; by default only when the config has a
 *     {@code gateway} section (or a {@code SWITCHBOARD_GATEWAY_*} variable), so an upgrade never opens it
 * @param path WebSocket path below {@code path_prefix}; {@code <path>/{app-key}} selects an app by key
 * @param appId the app of sockets at {@code <path>} itself (default: the first configured app)
 * @param routeKey the frame field a route is chosen by (API Gateway's {@code $request.body.action})
 * @param routes route name → sink settings ({@code $default} takes unknown actions)
 * @param maxMessageBytes a larger client message closes the socket with 1009
 * @param idleTimeoutSec silence after which the socket is closed (API Gateway: 10 minutes)
 * @param maxLifetimeSec age at which the socket is closed (API Gateway: 2 hours)
 * @param timeoutCloseCode the close code of those two timeouts and of a draining server: API Gateway's 1001 by
 *     default; Sockette and similar clients do not reconnect after 1000, 1001 or 1005, so such deployments may
 *     choose e.g. 4000
 * @param maxConnectionsPerIpPerSecond new sockets per client IP per second (HTTP 429 above it), -1 unlimited
 * @param ipHeader header naming the client IP behind a proxy (its last entry); empty for the peer address
 * @param auth the token check; off when neither a JWKS URL nor an HMAC secret is set (anonymous sockets)
 * @param userClaim the claim that names the user
 * @param presenceSink where ONLINE/OFFLINE events go; null for none
 * @param offlineGraceMs how long a user's OFFLINE waits for a reconnect that cancels it
 * @param pusherEvent when set, a notification also reaches each named user's Pusher sockets as this event on
 *     {@code #server-to-user-{id}}
 * @param notificationQueue the queue notifications are consumed from; null for none (HTTP only)
 * @param notificationAppId the app of queued notifications that name none (default: {@code app_id})
 */
public record GatewayConfig(
    boolean enabled,
    String path,
    String appId,
    String routeKey,
    Map<String, JsonNode> routes,
    int maxMessageBytes,
    int idleTimeoutSec,
    int maxLifetimeSec,
    int timeoutCloseCode,
    int maxConnectionsPerIpPerSecond,
    String ipHeader,
    JwtConfig auth,
    String userClaim,
    JsonNode presenceSink,
    long offlineGraceMs,
    String pusherEvent,
    JsonNode notificationQueue,
    String notificationAppId) {

  /** The route API Gateway takes an unknown action to. */
  public static final String DEFAULT_ROUTE = "$default";
  private static final List<String> ENV_PATHS = List.of("gateway.enabled", "gateway.path", "gateway.app_id",
      "gateway.route_key", "gateway.max_message_kb", "gateway.idle_timeout_sec", "gateway.max_lifetime_sec",
      "gateway.timeout_close_code", "gateway.max_connections_per_ip_per_second", "gateway.ip_header",
      "gateway.auth.jwks_url",
      "gateway.auth.hmac_secret", "gateway.auth.audiences", "gateway.auth.issuer", "gateway.auth.clock_skew_sec",
      "gateway.auth.jwks_cache_ttl_sec", "gateway.auth.verify_expiration", "gateway.auth.user_claim",
      "gateway.presence.offline_grace_ms", "gateway.routes", "gateway.presence.sink",
      "gateway.notifications.pusher_event", "gateway.notifications.queue", "gateway.notifications.app_id");

  public GatewayConfig {
    if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.contains("?")) {
      throw ConfigException.invalid("gateway.path", path, "a path such as /gateway");
    }
    if (!routeKey.matches("[A-Za-z0-9_$-]{1,64}")) {
      throw ConfigException.invalid("gateway.route_key", routeKey, "a JSON field name such as action");
    }
    range("gateway.max_message_kb", maxMessageBytes / 1024, 1, 65_536);
    range("gateway.idle_timeout_sec", idleTimeoutSec, 1, 86_400);
    range("gateway.max_lifetime_sec", maxLifetimeSec, 1, 7 * 86_400);
    if (timeoutCloseCode != 1000 && timeoutCloseCode != 1001 && timeoutCloseCode != 1012
        && (timeoutCloseCode < 3000 || timeoutCloseCode > 4999)) {
      throw ConfigException.invalid("gateway.timeout_close_code", timeoutCloseCode,
          "1000, 1001, 1012 or a code from 3000 to 4999");
    }
    if (maxConnectionsPerIpPerSecond == 0 || maxConnectionsPerIpPerSecond < -1) {
      throw ConfigException.invalid("gateway.max_connections_per_ip_per_second", maxConnectionsPerIpPerSecond,
          "a positive integer or -1 for unlimited");
    }
    if (userClaim.isBlank()) {
      throw ConfigException.invalid("gateway.auth.user_claim", userClaim, "a claim name such as sub");
    }
    range("gateway.presence.offline_grace_ms", offlineGraceMs, 0, 3_600_000);
    routes = Map.copyOf(routes);
  }

  /**
   * Makes every {@code gateway.*} key settable as {@code SWITCHBOARD_GATEWAY_*} (routes and the presence sink
   * as JSON objects); call before loading.
   */
  public static void registerEnv() {
    ENV_PATHS.forEach(EnvAliases::register);
  }

  public static GatewayConfig from(ServerConfig server) {
    ConfigTree t = server.tree();
    String path = t.string("gateway.path", "/gateway").trim();
    while (path.endsWith("/") && path.length() > 1) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    int readableKb = (int) Math.min(Integer.MAX_VALUE, 4L * server.maxPayloadBytes() / 1024);
    int maxKb = t.integer("gateway.max_message_kb", Math.min(128, readableKb));
    if (maxKb > readableKb) {
      // the HTTP server reads frames up to 4x websocket_max_payload_kb; a larger limit could never apply
      throw ConfigException.invalid("gateway.max_message_kb", maxKb,
          "at most 4 x websocket_max_payload_kb (" + readableKb + ")");
    }
    String firstApp = server.apps().isEmpty() ? "app-id" : server.apps().get(0).id();
    return new GatewayConfig(
        t.bool("gateway.enabled", t.node("gateway") != null),
        path,
        t.string("gateway.app_id", firstApp).trim(),
        t.string("gateway.route_key", "action").trim(),
        routes(t),
        (int) Math.min(Integer.MAX_VALUE, maxKb * 1024L),
        t.integer("gateway.idle_timeout_sec", 600),
        t.integer("gateway.max_lifetime_sec", 7_200),
        t.integer("gateway.timeout_close_code", 1001),
        t.integer("gateway.max_connections_per_ip_per_second", -1),
        t.string("gateway.ip_header", "").trim(),
        JwtConfig.from(t, "gateway.auth"),
        t.string("gateway.auth.user_claim", "sub").trim(),
        t.node("gateway.presence.sink"),
        t.longValue("gateway.presence.offline_grace_ms", 0),
        t.string("gateway.notifications.pusher_event", "").trim(),
        t.node("gateway.notifications.queue"),
        t.string("gateway.notifications.app_id", t.string("gateway.app_id", firstApp)).trim());
  }

  private static Map<String, JsonNode> routes(ConfigTree t) {
    JsonNode n = t.node("gateway.routes");
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (n == null) {
      return out;
    }
    if (!n.isObject()) {
      throw ConfigException.invalid("gateway.routes", n, "an object of route name to sink settings");
    }
    n.fields().forEachRemaining(e -> {
      if (!e.getValue().isObject()) {
        throw ConfigException.invalid("gateway.routes." + e.getKey(), e.getValue(), "an object with a driver");
      }
      out.put(e.getKey(), e.getValue());
    });
    return out;
  }

  private static void range(String key, long v, long min, long max) {
    if (v < min || v > max) {
      throw ConfigException.invalid(key, v, "a number from " + min + " to " + max);
    }
  }
}
