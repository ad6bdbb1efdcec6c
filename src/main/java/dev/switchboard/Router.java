package dev.switchboard;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.http.HttpApi;
import dev.switchboard.pusher.PusherEndpoint;
import dev.switchboard.signaling.SignalingEndpoint;
import dev.switchboard.transport.HttpExchange;
import dev.switchboard.transport.ServerRoutes;
import dev.switchboard.transport.WsSocket;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends each request or WebSocket to its surface by path, after removing the server's path prefix:
 * {@code /app/{key}} to the Pusher dialect, the signaling path to y-webrtc signaling, the rest to HTTP.
 */
final class Router implements ServerRoutes {
  private final String prefix;
  private final PusherEndpoint pusher;
  private final HttpApi api;
  /** Null when signaling.enabled is false. */
  private final SignalingEndpoint signaling;

  Router(ServerConfig config, PusherEndpoint pusher, HttpApi api, SignalingEndpoint signaling) {
    this.prefix = config.pathPrefix();
    this.pusher = pusher;
    this.api = api;
    this.signaling = signaling;
  }

  private String strip(String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
  }

  private boolean isSignaling(String path) {
    return path != null && signaling != null && signaling.matches(path);
  }

  @Override
  public int acceptUpgrade(String path, String remoteIp, Function<String, String> header) {
    String p = strip(path);
    if (p != null && appKey(p) != null) {
      return 0;
    }
    return isSignaling(p) ? signaling.acceptUpgrade(remoteIp, header) : 404;
  }

  @Override
  public void webSocket(WsSocket ws) {
    String path = strip(ws.path());
    String key = path == null ? null : appKey(path);
    if (key != null) {
      pusher.accept(ws, key);
    } else if (isSignaling(path)) {
      signaling.accept(ws, path);
    } else {
      ws.close(1008, "Unknown path");
    }
  }

  @Override
  public void request(HttpExchange x) {
    String path = strip(x.path());
    if (path == null) {
      x.respond(404, "application/json", "{\"error\":\"Not found\",\"code\":404}", Map.of());
      return;
    }
    api.handle(x, path);
  }

  /** The key of {@code /app/{key}}, or null for other paths. */
  private static String appKey(String path) {
    if (!path.startsWith("/app/")) {
      return null;
    }
    String key = path.substring("/app/".length());
    if (key.endsWith("/")) {
      key = key.substring(0, key.length() - 1);
    }
    return key.isEmpty() || key.contains("/") ? null : QueryStringDecoder.decodeComponent(key);
  }
}
