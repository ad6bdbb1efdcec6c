package dev.switchboard.transport;

import java.util.function.Function;

/** What the transport asks the application: which upgrades to accept, and where requests go. */
public interface ServerRoutes {
  /**
   * Decides a WebSocket upgrade before the handshake: 0 accepts it, anything else is the HTTP status it is
   * refused with (404 unknown path, 429 too many connections from one address, 503 draining).
   */
  int acceptUpgrade(String path, String remoteIp, Function<String, String> header);

  /** An upgraded socket; on its loop. */
  void webSocket(WsSocket socket);

  /** A complete HTTP request with its body; on its connection's loop. */
  void request(HttpExchange exchange);
}
