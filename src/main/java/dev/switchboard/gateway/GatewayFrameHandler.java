package dev.switchboard.gateway;

import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Takes one client frame and routes it on its route key, as API Gateway's {@code $request.body.action}:
 * {@code ping} is answered with SUMU's pong; a configured route forwards the frame's {@code message}; an
 * unknown action goes to {@code $default} (the whole frame) or gets API Gateway's Forbidden, and the socket
 * stays open either way. Oversized messages close with 1009, binary frames with 1003, as API Gateway does.
 */
final class GatewayFrameHandler {
  private final GatewayConfig config;
  private final GatewayRoutes routes;
  private final GatewayStats stats;

  GatewayFrameHandler(GatewayConfig config, GatewayRoutes routes, GatewayStats stats) {
    this.config = config;
    this.routes = routes;
    this.stats = stats;
  }

  void onText(GatewayConnection c, String text) {
    int bytes = c.countReceived(text);
    c.active();
    if (c.isClosed() || c.closing()) {
      return;
    }
    if (bytes > config.maxMessageBytes()) {
      stats.tooBig();
      c.close(1009, "Message too big");
      return;
    }
    GatewayFrame frame = GatewayFrame.parse(text, config.routeKey());
    String action = frame.action();
    if ("ping".equals(action)) {
      stats.ping();
      c.deliver(GatewayMessages.pong(c.connectionId()));
      return;
    }
    String route = routes.select(action);
    if (route == null) {
      stats.forbidden();
      c.deliver(GatewayMessages.forbidden(c.connectionId()));
      return;
    }
    String body;
    if (route.equals(GatewayConfig.DEFAULT_ROUTE)) {
      // $default gets the whole frame, as API Gateway's default integration does; text that is not a JSON
      // object travels as a JSON string so every sink body stays JSON
      body = frame.object() ? text : TextNode.valueOf(text).toString();
    } else {
      body = frame.message() == null ? "null" : frame.message();
    }
    routes.forward(route, c, body);
  }

  void onBinary(GatewayConnection c, int length) {
    c.countReceived(length);
    c.active();
    if (!c.isClosed() && !c.closing()) {
      c.close(1003, "Binary frames are not supported");
    }
  }
}
