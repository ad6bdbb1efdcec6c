package dev.switchboard.transport;

import io.vertx.core.Future;

/** What the transport asks the application: which upgrades to accept, and where requests go. */
public interface ServerRoutes {
  /**
   * Decides a WebSocket upgrade before the handshake (see {@link Dialect#admit}); {@code request}'s path is
   * the raw path. A refusal's status is the HTTP answer (404 unknown path, 401 bad token, 429 too many
   * connections, 503 draining).
   */
  Future<Admission> admit(UpgradeRequest request);

  /** An upgraded socket with its admission; on its loop. */
  void webSocket(WsSocket socket, Admission admitted);

  /** A complete HTTP request with its body; on its connection's loop. */
  void request(HttpExchange exchange);
}
