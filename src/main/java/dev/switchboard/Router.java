package dev.switchboard;

import dev.switchboard.config.ServerConfig;
import dev.switchboard.http.HttpApi;
import dev.switchboard.transport.Admission;
import dev.switchboard.transport.Dialect;
import dev.switchboard.transport.HttpExchange;
import dev.switchboard.transport.HttpRoute;
import dev.switchboard.transport.ServerRoutes;
import dev.switchboard.transport.UpgradeRequest;
import dev.switchboard.transport.WsSocket;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;

/**
 * Sends each request or WebSocket to its surface by path, after removing the server's path prefix: a
 * WebSocket to the first dialect that matches its path, everything else to HTTP.
 */
final class Router implements ServerRoutes {
  private static final Future<Admission> NO_DIALECT =
      Future.succeededFuture(Admission.refuse(404, "No WebSocket endpoint at this path"));
  private final String prefix;
  private final List<Dialect> dialects;
  private final HttpApi api;
  private final List<HttpRoute> routes;

  /**
   * {@code dialects} in the order they are asked (one that matches every path goes last); {@code routes}
   * are HTTP surfaces of dialects, asked before the Pusher API.
   */
  Router(ServerConfig config, List<Dialect> dialects, HttpApi api, List<HttpRoute> routes) {
    this.prefix = config.pathPrefix();
    this.dialects = List.copyOf(dialects);
    this.api = api;
    this.routes = List.copyOf(routes);
  }

  private String strip(String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    return path.startsWith(prefix) ? path.substring(prefix.length()) : null;
  }

  private Dialect dialectAt(String path) {
    if (path == null) {
      return null;
    }
    for (Dialect d : dialects) {
      if (d.matches(path)) {
        return d;
      }
    }
    return null;
  }

  @Override
  public Future<Admission> admit(UpgradeRequest request) {
    String path = strip(request.path());
    Dialect d = dialectAt(path);
    if (d == null) {
      return NO_DIALECT;
    }
    return d.admit(new UpgradeRequest(path, request.query(), request.remoteIp(), request.header()));
  }

  @Override
  public void webSocket(WsSocket ws, Admission admitted) {
    String path = strip(ws.path());
    Dialect d = dialectAt(path);
    if (d != null) {
      d.accept(ws, path, admitted);
    } else {
      admitted.release();
      ws.close(1008, "Unknown path");
    }
  }

  @Override
  public void request(HttpExchange x) {
    for (HttpRoute r : routes) {
      if (r.matches(x.path())) {
        r.handle(x);
        return;
      }
    }
    String path = strip(x.path());
    if (path == null) {
      x.respond(404, "application/json", "{\"error\":\"Not found\",\"code\":404}", Map.of());
      return;
    }
    api.handle(x, path);
  }
}
