package dev.switchboard.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.epoll.AbstractEpollStreamChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only handler of an upgraded WebSocket (after TLS, when there is TLS): decodes frames from the socket's
 * bytes ({@link WsFrameDecoder}), joins fragmented messages (bounded), checks text is UTF-8, answers pings,
 * runs the close handshake (RFC 6455 §7: our close frame, then wait briefly for the client's before closing
 * TCP) and hands complete messages to the dialect's {@link WsHandler}. It is also the socket's writer:
 * pre-encoded frames queue here until the loop's flush pass ({@link #queueFrame}), and every other frame
 * it writes leaves after them.
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
  /** Epoll without TLS: queued frames may go straight to the file descriptor. Set when the dialect attaches. */
  private boolean direct;
  // frames waiting for the flush, oldest first: loop-shared buffers, one reference each (no array for one)
  private ByteBuf queuedFirst;
  private ByteBuf[] queuedRest;
  private int queuedRestCount;
  private int queuedBytes;

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
      case WsFrames.PING -> {
        sendQueued();
        ctx.writeAndFlush(WsFrames.pong(ctx.alloc(), payload), ctx.voidPromise());
      }
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
      fail(1002, "Invalid close frame");
      return;
    }
    if (n > 2 && !ByteBufUtil.isText(payload, payload.readerIndex() + 2, n - 2, StandardCharsets.UTF_8)) {
      fail(1007, "Close reason is not UTF-8");
      return;
    }
    // The dialect lets go first (channels, presence, user index), then the close is answered, as soketi does:
    // a client whose close has resolved and that then asks the HTTP API must not still find itself there.
    if (!closeSent) {
      closeSent = true; // echo the client's close once the dialect has let go of the connection, then end it
      CompletableFuture<Void> ready = handler.onCloseFrame(code).toCompletableFuture();
      gone(); // a dialect that does not wait for its cluster still leaves everything before the answer
      if (ready.isDone()) {
        answerClose(code);
      } else {
        // the dialect's wait is bounded (see Connection#closeRequested); a socket gone meanwhile needs no answer
        ready.whenComplete((v, e) -> loop.execute(() -> answerClose(code)));
      }
    } else {
      gone();
      ctx.close();
    }
  }

  /** Tells the dialect, once, that the socket is gone; it sends nothing more on it. */
  private void gone() {
    if (!closed) {
      closed = true;
      if (handler != null) {
        handler.onClose();
      }
    }
  }

  private void answerClose(int code) {
    if (!ctx.channel().isActive()) {
      return;
    }
    sendQueued();
    ctx.writeAndFlush(WsFrames.close(ctx.alloc(), code, "")).addListener(ChannelFutureListener.CLOSE);
  }

  /** RFC 6455 §7.4: codes a peer may send (1004-1006 and 1015 are reserved, 1016-2999 unassigned). */
  private static boolean validCloseCode(int code) {
    return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
  }

  private void data(int opcode, boolean fin, ByteBuf payload) {
    boolean continuation = opcode == WsFrames.CONTINUATION;
    if (continuation && fragments == null) {
      fail(1002, "Continuation without a first fragment");
      return;
    }
    if (!continuation && fragments != null) {
      fail(1002, "A new message began inside a fragmented one");
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
      fail(1009, "Message too big");
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
        fail(1007, "Text message is not UTF-8");
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
    flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseFragments();
    releasePending();
    dropQueued();
    gone();
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
    sendQueued();
    ctx.writeAndFlush(WsFrames.ping(ctx.alloc()), ctx.voidPromise());
  }

  @Override
  public VertxLoop loop() {
    return loop;
  }

  @Override
  public void openWhen(io.vertx.core.Future<?> ready, Runnable open) {
    if (ready.isComplete()) {
      open.run(); // memory store or cache hit: no pause and resume (two epoll_ctl calls), no task hop
      return;
    }
    ctx.channel().config().setAutoRead(false);
    ready.onComplete(ar -> loop.execute(() -> {
      ctx.channel().config().setAutoRead(true); // frames read before the handler attaches are held
      open.run();
    }));
  }

  @Override
  public void handler(WsHandler handler) {
    this.handler = handler;
    this.path = null;
    this.query = null;
    this.headers = null;
    // without TLS or another handler in between, the frame handler's writes are the socket's bytes as they are
    this.direct = ctx.channel() instanceof AbstractEpollStreamChannel && ctx.pipeline().first() == this;
    decodeHeld(ctx); // frames that came with or right after the upgrade waited for the dialect
  }

  @Override
  public void sendText(String text) {
    if (!loop.inLoop()) {
      loop.execute(() -> sendText(text));
      return;
    }
    sendQueued();
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
    sendQueued();
    ctx.writeAndFlush(WsFrames.close(ctx.alloc(), code, reason), ctx.voidPromise());
    // the client answers with its own close frame (handled in frame()); don't wait for it forever
    ctx.executor().schedule(() -> {
      ctx.close();
    }, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void abandon(int code, String reason) {
    dropQueued();
    closeSent = true;
    ctx.writeAndFlush(WsFrames.close(ctx.alloc(), code, reason)).addListener(ChannelFutureListener.CLOSE);
    ctx.executor().schedule(() -> ctx.channel().close(), 1, TimeUnit.SECONDS);
  }

  @Override
  public void queueFrame(ByteBuf frame) {
    if (queuedFirst == null) {
      queuedFirst = frame;
    } else {
      if (queuedRest == null) {
        queuedRest = new ByteBuf[3];
      } else if (queuedRestCount == queuedRest.length) {
        queuedRest = Arrays.copyOf(queuedRest, queuedRestCount * 2);
      }
      queuedRest[queuedRestCount++] = frame;
    }
    queuedBytes += frame.readableBytes();
  }

  @Override
  public void flush() {
    // every other write here is a writeAndFlush, so only frames handed to the channel wait for a flush; a
    // pass whose frames all went straight to the socket skips the pipeline's flush for it
    if (sendQueued()) {
      ctx.flush();
    }
  }

  /** Right after the upgrade: sends the 101 written before the dialect attached and the frames queued since. */
  void flushWithUpgrade() {
    sendQueued();
    ctx.flush();
  }

  @Override
  public boolean writable() {
    return ctx.channel().bytesBeforeUnwritable() > queuedBytes; // 0 once the channel is not writable
  }

  @Override
  public long pendingBytes() {
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    return queuedBytes + (out == null ? 0 : out.totalPendingWriteBytes());
  }

  /**
   * Sends the queued frames: straight to the socket while the channel holds nothing older for it, and
   * whatever the kernel does not take (or everything, when the channel is still sending older bytes) to the
   * channel, which sends it when the socket is writable again. Returns whether the channel got any, which
   * the caller then flushes.
   */
  private boolean sendQueued() {
    if (queuedFirst == null) {
      return false;
    }
    long sent = 0;
    if (canWriteDirect()) {
      try {
        sent = loop.directWriter().write(
            ((AbstractEpollStreamChannel) ctx.channel()).fd(), queuedFirst, queuedRest, queuedRestCount);
      } catch (IOException e) {
        LOG.debug("websocket {} write failed: {}", ctx.channel().remoteAddress(), e.toString());
        dropQueued();
        ctx.close();
        return false;
      }
    }
    boolean handed = sent < queuedBytes;
    sent = handOver(queuedFirst, sent);
    for (int i = 0; i < queuedRestCount; i++) {
      sent = handOver(queuedRest[i], sent);
    }
    clearQueue();
    return handed;
  }

  private boolean canWriteDirect() {
    Channel ch = ctx.channel();
    if (!direct || !ch.isActive() || !queuedFirst.hasMemoryAddress()) {
      return false;
    }
    ChannelOutboundBuffer out = ch.unsafe().outboundBuffer();
    return out != null && out.totalPendingWriteBytes() == 0;
  }

  /** Releases a frame the kernel took whole, or gives the channel what is left of it; returns bytes left. */
  private long handOver(ByteBuf frame, long sent) {
    int n = frame.readableBytes();
    if (sent >= n) {
      frame.release();
      return sent - n;
    }
    // a derived buffer with its own indexes (the frame is shared) that takes over this socket's reference
    ByteBuf rest = sent == 0 ? frame.duplicate() : frame.slice(frame.readerIndex() + (int) sent, n - (int) sent);
    ctx.write(rest, ctx.voidPromise());
    return 0;
  }

  private void dropQueued() {
    if (queuedFirst == null) {
      return;
    }
    queuedFirst.release();
    for (int i = 0; i < queuedRestCount; i++) {
      queuedRest[i].release();
    }
    clearQueue();
  }

  private void clearQueue() {
    queuedFirst = null;
    queuedRest = null; // an idle socket keeps no array (thousands of them); one pass's array is young garbage
    queuedRestCount = 0;
    queuedBytes = 0;
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
