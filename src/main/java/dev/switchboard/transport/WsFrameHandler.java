package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler of an upgraded WebSocket (after TLS, when there is TLS): decodes frames from the socket's
 * bytes ({@link WsFrameDecoder}), joins fragmented messages (bounded), checks text is UTF-8, answers pings,
 * runs the close handshake (RFC 6455 §7: our close frame, then wait briefly for the client's before closing
 * TCP) and hands complete messages to the dialect's {@link WsHandler}.
 */
final class WsFrameHandler extends WsFrameDecoder implements WsSocket {
  private static final Logger LOG = LoggerFactory.getLogger(WsFrameHandler.class);
  private static final long CLOSE_WAIT_MS = 2_000;
  // upgrade details the dialect reads while it accepts the socket; dropped once it attaches (memory)
  private String path;
  private String query;
  private String[] headers;
  private final VertxLoop loop;
  private final int maxMessageBytes;
  private ChannelHandlerContext ctx;
  private WsHandler handler;
  private CompositeByteBuf fragments;
  private boolean fragmentsText;
  private boolean closeSent;
  private boolean closed;

  /** {@code headers} holds name/value pairs of the kept upgrade headers. */
  WsFrameHandler(String path, String query, String[] headers, VertxLoop loop, int maxMessageBytes) {
    this.path = path;
    this.query = query;
    this.headers = headers;
    this.loop = loop;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  protected int maxFrameBytes() {
    return maxMessageBytes;
  }

  @Override
  protected boolean ready() {
    return handler != null;
  }

  @Override
  protected void onViolation(int code, String reason) {
    releaseFragments();
    close(code, reason); // input is discarded from now on: the client's close reply is not awaited
  }

  @Override
  protected void onFrame(ChannelHandlerContext ctx, int opcode, boolean fin, ByteBuf payload) {
    handler.onActivity();
    switch (opcode) {
      // flushed here, not left to channelReadComplete: frames held back until the dialect attached are decoded
      // in a task outside any read
      case WsFrames.PING -> ctx.writeAndFlush(WsFrames.pong(ctx.alloc(), payload), ctx.voidPromise());
      case WsFrames.PONG -> handler.onPong();
      case WsFrames.CLOSE -> closeFrame(payload);
      default -> {
        if (!closeSent) {
          data(opcode, fin, payload);
        }
      }
    }
  }

  private void closeFrame(ByteBuf payload) {
    int n = payload.readableBytes();
    int code = n >= 2 ? payload.getUnsignedShort(payload.readerIndex()) : 1000;
    if (n == 1 || n >= 2 && !validCloseCode(code)) {
      onViolation(1002, "Invalid close frame");
      return;
    }
    if (n > 2 && !ByteBufUtil.isText(payload, payload.readerIndex() + 2, n - 2, StandardCharsets.UTF_8)) {
      onViolation(1007, "Close reason is not UTF-8");
      return;
    }
    if (!closeSent) {
      closeSent = true; // echo the client's close, then end the connection
      ctx.writeAndFlush(WsFrames.close(ctx.alloc(), code, "")).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  /** RFC 6455 §7.4: codes a peer may send (1004-1006 and 1015 are reserved, 1016-2999 unassigned). */
  private static boolean validCloseCode(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
  }

  private void data(int opcode, boolean fin, ByteBuf payload) {
    boolean continuation = opcode == WsFrames.CONTINUATION;
    if (continuation && fragments == null) {
      onViolation(1002, "Continuation without a first fragment");
      return;
    }
    if (!continuation && fragments != null) {
      onViolation(1002, "A new message began inside a fragmented one");
      return;
    }
    if (!continuation && fin) {
      deliver(opcode == WsFrames.TEXT, payload);
      return;
    }
    if (!continuation) {
      fragments = ctx.alloc().compositeBuffer();
      fragmentsText = opcode == WsFrames.TEXT;
    }
    if (fragments.readableBytes() + payload.readableBytes() > maxMessageBytes) {
      onViolation(1009, "Message too big");
      return;
    }
    fragments.addComponent(true, payload.copy()); // the slice is only valid during this call
    if (fin) {
      CompositeByteBuf whole = fragments;
      fragments = null;
      try {
        deliver(fragmentsText, whole);
      } finally {
        whole.release();
      }
    }
  }

  private void deliver(boolean text, ByteBuf content) {
    if (handler == null) {
      return; // not attached yet: dialects pause the socket until they attach, so this is a stray frame
    }
    if (text) {
      if (!ByteBufUtil.isText(content, StandardCharsets.UTF_8)) {
        onViolation(1007, "Text message is not UTF-8");
        return;
      }
      handler.onText(content.toString(StandardCharsets.UTF_8));
    } else {
      handler.onBinary(content.readableBytes());
    }
  }

  private void releaseFragments() {
    if (fragments != null) {
      fragments.release();
      fragments = null;
    }
  }

  /**
   * The socket's own answers to what it just sent (subscription_succeeded, an error) leave once its read is
   * done rather than with the loop's next flush pass, which may be sending a presence change or a
   * broadcast to thousands of other sockets first. Anything already queued for this socket goes with them,
   * so its order holds; the pass then finds nothing left to send here.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    ctx.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseFragments();
    releasePending();
    if (!closed) {
      closed = true;
      if (handler != null) {
        handler.onClose();
      }
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.debug("websocket {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  // ---- WsSocket ----------------------------------------------------------------------------------

  @Override
  public String path() {
    return path;
  }

  @Override
  public String query() {
    return query;
  }

  @Override
  public String header(String name) {
    for (int i = 0; headers != null && i < headers.length; i += 2) {
      if (headers[i].equalsIgnoreCase(name)) {
        return headers[i + 1];
      }
    }
    return null;
  }

  @Override
  public String remoteAddress() {
    return String.valueOf(ctx.channel().remoteAddress());
  }

  @Override
  public String remoteIp() {
    return HttpInboundHandler.remoteIp(ctx);
  }

  @Override
  public void ping() {
    ctx.writeAndFlush(WsFrames.ping(ctx.alloc()), ctx.voidPromise());
  }

  @Override
  public VertxLoop loop() {
    return loop;
  }

  @Override
  public void pause() {
    ctx.channel().config().setAutoRead(false);
  }

  @Override
  public void resume() {
    ctx.channel().config().setAutoRead(true);
  }

  @Override
  public void handler(WsHandler handler) {
    this.handler = handler;
    this.path = null;
    this.query = null;
    this.headers = null;
    decodeHeld(ctx); // frames that came with or right after the upgrade waited for the dialect
  }

  @Override
  public void sendText(String text) {
    ctx.writeAndFlush(WsFrames.text(ctx.alloc(), text), ctx.voidPromise());
  }

  @Override
  public void close(int code, String reason) {
    if (!loop.inLoop()) {
      loop.execute(() -> close(code, reason));
      return;
    }
    if (closeSent || !ctx.channel().isActive()) {
      return;
    }
    closeSent = true;
    ctx.writeAndFlush(WsFrames.close(ctx.alloc(), code, reason), ctx.voidPromise());
    // the client answers with its own close frame (handled in frame()); don't wait for it forever
    ctx.executor().schedule(() -> {
      ctx.close();
    }, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean isOpen() {
    return ctx.channel().isActive() && !closeSent;
  }

  @Override
  public ChannelHandlerContext frameContext() {
    // the frame handler is the socket's only handler (after TLS, were there any): writes from its context go
    // straight to the socket
    return ctx;
  }
}
