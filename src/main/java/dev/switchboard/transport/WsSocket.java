package dev.switchboard.transport;

import io.netty.channel.ChannelHandlerContext;

/**
 * An accepted WebSocket as the dialects see it, before and after they attach a connection. All methods
 * are called on the socket's event loop except where noted.
 */
public interface WsSocket {
  /** The request path, without the query string; until a handler is attached. */
  String path();

  /** The raw query string, or null; until a handler is attached. */
  String query();

  /**
   * A header of the upgrade request, or null; only Origin, X-Forwarded-For, X-Real-IP, User-Agent and
   * Authorization are kept, and only until a handler is attached.
   */
  String header(String name);

  String remoteAddress();

  /** The peer's IP address. */
  String remoteIp();

  /** Sends a WebSocket ping; the answer arrives as {@link WsHandler#onPong()}. */
  void ping();

  /** The loop this socket lives on. */
  VertxLoop loop();

  /** Stops reading frames (e.g. while an app lookup runs); frames wait in the kernel. */
  void pause();

  void resume();

  /** Receives frames from now on. */
  void handler(WsHandler handler);

  /** Sends one text frame now (for replies before a connection exists); any thread. */
  void sendText(String text);

  /** Sends a close frame with {@code code} and closes the TCP connection after it; any thread. */
  void close(int code, String reason);

  boolean isOpen();

  /** The Netty context that writes pre-encoded frames (see {@link WebSocketConnection}). */
  ChannelHandlerContext frameContext();
}
