package dev.switchboard.transport;

import dev.switchboard.core.AppRuntime;
import dev.switchboard.core.Connection;
import dev.switchboard.core.OutboundMessage;
import dev.switchboard.core.Utf8;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;

/**
 * A connection on a WebSocket. Frames are pre-encoded ({@link OutboundMessage}), so a write wraps the
 * shared bytes and hands them to the channel below the WebSocket handlers; the batcher flushes once per
 * loop turn. A socket whose unsent bytes pass the channel's high-water mark is a slow consumer and is
 * closed (the dialect's code) instead of buffering without bound.
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
    if (closing) {
      meters().frameDropped();
      return;
    }
    if (!frameCtx.channel().isWritable()) {
      meters().frameDropped();
      slowConsumer();
      return;
    }
    // the shared copy is loop-confined; a caller off the loop (never expected) writes the heap bytes
    ByteBuf frame = frameCtx.executor().inEventLoop() ? sharedFrame.viewOf(message, frameCtx.alloc())
        : Unpooled.wrappedBuffer(message.frame());
    frameCtx.write(frame, frameCtx.voidPromise());
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
    frameCtx.flush();
  }

  /** The close code sent to a client that cannot keep up. */
  protected abstract int slowConsumerCode();

  /** Called before a slow consumer is dropped, e.g. to count it. */
  protected void onSlowConsumer() {}

  private void slowConsumer() {
    closing = true;
    meters().slowConsumerClosed();
    onSlowConsumer();
    // the buffer is full, so a close frame would wait behind it: close the socket outright
    frameCtx.writeAndFlush(WsFrames.close(frameCtx.alloc(), slowConsumerCode(), "Slow consumer"))
        .addListener(ChannelFutureListener.CLOSE);
    frameCtx.executor().schedule(() -> frameCtx.channel().close(), 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Override
  protected void closeTransport(int code, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    frameCtx.flush();
    socket.close(code, reason);
  }

  public boolean closing() {
    return closing;
  }

  /** Bytes written to this socket but not yet taken by the kernel. */
  public long pendingBytes() {
    ChannelOutboundBuffer buf = frameCtx.channel().unsafe().outboundBuffer();
    return buf == null ? 0 : buf.totalPendingWriteBytes();
  }
}
