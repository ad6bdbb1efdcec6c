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

  /**
   * Runs {@code open} (which attaches the handler or refuses the socket) once {@code ready} is complete: at
   * once when it already is, else on this socket's loop afterwards, with reading paused until then so the
   * client's frames wait in the kernel instead of piling up here.
   */
  void openWhen(io.vertx.core.Future<?> ready, Runnable open);

  /** Receives frames from now on. */
  void handler(WsHandler handler);

  /** Sends one text frame now (for replies before a connection exists); any thread. */
  void sendText(String text);

  /** Sends a close frame with {@code code} and closes the TCP connection after it; any thread. */
  void close(int code, String reason);

  boolean isOpen();

  /**
   * Queues one reference to a loop-shared, pre-encoded frame (the caller gives it up); it leaves with the
   * next {@link #flush()}. Buffers are never modified: the same one goes to every recipient on the loop.
   */
  void queueFrame(io.netty.buffer.ByteBuf frame);

  /** Sends the queued frames and anything else written. */
  void flush();

  /** False once queued and unsent bytes pass the socket's high-water mark (a slow consumer). */
  boolean writable();

  /** Bytes queued or written but not yet taken by the kernel; any thread (a racy figure off the loop). */
  long pendingBytes();

  /** Drops the queued frames, sends a close frame and closes without waiting for the client's reply. */
  void abandon(int code, String reason);

  /** The Netty context that writes pre-encoded frames (see {@link WebSocketConnection}). */
  ChannelHandlerContext frameContext();
}
