package dev.switchboard.transport;

/**
 * An HTTP surface a dialect serves beside the Pusher API, matched on the raw path before the server's path
 * prefix is removed (the gateway's {@code <any prefix>/@connections/{id}}, where the prefix is an API
 * Gateway stage).
 */
public interface HttpRoute {
  /** True when this route answers {@code rawPath} (as received, still percent-encoded). */
  boolean matches(String rawPath);

  /** Answers the request; on its connection's loop, must not block. */
  void handle(HttpExchange exchange);
}
