package dev.switchboard.transport;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Connection;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.Utf8;
import io.netty.channel.ChannelHandlerContext;

/**
 * A connection on a WebSocket. Frames are pre-encoded ({@link OutboundMessage}), so a write queues a
 * reference to the loop's shared copy on the socket; the batcher flushes once per loop turn. A socket whose
 * unsent bytes pass the channel's high-water mark is a slow consumer and is closed (the dialect's code)
 * instead of buffering without bound.
 */
public abstract class WebSocketConnection extends Connection {
  private final WsSocket socket;
  private final ChannelHandlerContext frameCtx;
  private final FlushBatcher flusher;
  private final SharedFrame sharedFrame;
  boolean flushQueued;
  private boolean closing;

  protected WebSocketConnection(String socketId, AppRuntime app, WsSocket socket) {
    super(socketId, app, socket.loop());
    this.socket = socket;
    this.frameCtx = socket.frameContext();
    this.flusher = socket.loop().flusher();
    this.sharedFrame = socket.loop().sharedFrame();
  }

  public WsSocket socket() {
    return socket;
  }

  @Override
  public void deliver(OutboundMessage message) {
    if (!frameCtx.executor().inEventLoop()) {
      frameCtx.executor().execute(() -> deliver(message)); // the queue and the shared copy are loop-confined
      return;
    }
    if (closing || !socket.isOpen()) {
      meters().frameDropped(); // a socket already gone or past its close frame is not a slow consumer
      return;
    }
    if (!socket.writable()) {
      meters().frameDropped();
      slowConsumer();
      return;
    }
    socket.queueFrame(sharedFrame.retained(message, frameCtx.alloc()));
    meters().frameSent(message.payloadLength());
    flusher.mark(this);
  }

  /**
   * Counts a text frame received from the client and returns its UTF-8 size, so a dialect's size limit
   * reuses the count; dialects call it first thing.
   */
  public final int countReceived(String text) {
    int bytes = Utf8.length(text);
    meters().frameReceived(bytes);
    return bytes;
  }

  /** Counts a binary frame of {@code bytes} received from the client. */
  public final void countReceived(int bytes) {
    meters().frameReceived(bytes);
  }

  void flushNow() {
    socket.flush();
  }

  /** The close code sent to a client that cannot keep up. */
  protected abstract int slowConsumerCode();

  /** Called before a slow consumer is dropped, e.g. to count it. */
  protected void onSlowConsumer() {}

  private void slowConsumer() {
    closing = true;
    noteCloseCode(slowConsumerCode());
    meters().slowConsumerClosed();
    onSlowConsumer();
    // the buffer is full, so a close frame would wait behind it: close the socket outright
    socket.abandon(slowConsumerCode(), "Slow consumer");
  }

  /**
   * Whether a close the server decides leaves every channel at once, before the close frame goes out, instead
   * of when the close handshake ends: a dead peer never answers the close frame, and its topics or presence
   * must not count it meanwhile. Dialects whose clients see such counts say true.
   */
  protected boolean leavesBeforeClosing() {
    return false;
  }

  @Override
  protected void closeTransport(int code, String reason) {
    if (closing) {
      return;
    }
    if (leavesBeforeClosing()) {
      onClosed();
    }
    closing = true;
    socket.close(code, reason); // sends what is queued before the close frame, on the socket's loop
  }

  public boolean closing() {
    return closing;
  }

  /** Bytes written to this socket but not yet taken by the kernel. */
  public long pendingBytes() {
    return socket.pendingBytes();
  }
}
