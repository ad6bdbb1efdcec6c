package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upgraded WebSocket: joins fragmented messages (bounded), answers pings, runs the
 * close handshake (RFC 6455 §7: our close frame, then wait briefly for the client's before closing TCP)
 * and hands complete messages to the dialect's {@link WsHandler}.
 */
final class WsFrameHandler extends ChannelInboundHandlerAdapter implements WsSocket {
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
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof WebSocketFrame frame) {
        frame(frame);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void frame(WebSocketFrame frame) {
    if (handler != null) {
      handler.onActivity();
    }
    if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(WsFrames.pong(ctx.alloc(), frame.content()), ctx.voidPromise());
    } else if (frame instanceof PongWebSocketFrame) {
      if (handler != null) {
        handler.onPong();
      }
    } else if (frame instanceof CloseWebSocketFrame c) {
      if (!closeSent) {
        closeSent = true; // echo the client's close, then end the connection
        ctx.writeAndFlush(WsFrames.close(ctx.alloc(), c.statusCode() < 0 ? 1000 : c.statusCode(), ""))
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        ctx.close();
      }
    } else if (!closeSent) {
      data(frame);
    }
  }

  private void data(WebSocketFrame frame) {
    boolean continuation = frame instanceof ContinuationWebSocketFrame;
    if (!continuation && frame.isFinalFragment()) {
      deliver(frame instanceof TextWebSocketFrame, frame.content());
      return;
    }
    if (!continuation) {
      releaseFragments();
      fragments = ctx.alloc().compositeBuffer();
      fragmentsText = frame instanceof TextWebSocketFrame;
    } else if (fragments == null) {
      close(1002, "Continuation without a first fragment");
      return;
    }
    if (fragments.readableBytes() + frame.content().readableBytes() > maxMessageBytes) {
      releaseFragments();
      close(1009, "Message too big");
      return;
    }
    fragments.addComponent(true, frame.content().retain());
    if (frame.isFinalFragment()) {
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

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseFragments();
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
    if (cause instanceof CorruptedWebSocketFrameException bad) {
      // the decoder now discards the rest of the input: send the close frame and let the client end TCP
      releaseFragments();
      close(bad.closeStatus().code(), bad.closeStatus().reasonText());
    } else {
      ctx.close();
    }
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
    // with TLS bytes must pass through it; otherwise frames skip straight to the socket
    return ctx.pipeline().get(SslHandler.class) != null ? ctx : ctx.pipeline().firstContext();
  }

  ChannelHandlerContext context() {
    return ctx;
  }
}
