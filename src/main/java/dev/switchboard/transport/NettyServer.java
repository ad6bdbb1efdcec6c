package dev.switchboard.transport;

import dev.switchboard.tls.ServerTls;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.net.InetSocketAddress;

/**
 * The WebSocket and HTTP listener, on Vert.x's own event loops (so connections, timers and clients share
 * them) but with a plain Netty pipeline: {@code HttpServerCodec → HttpInboundHandler}, replaced by the
 * WebSocket codec and a {@link WsFrameHandler} after an upgrade, behind an {@code SslHandler} when TLS is
 * on. A connection costs a few hundred bytes of pipeline instead of a framework's per-connection queues.
 */
public final class NettyServer {
  private static final FixedRecvByteBufAllocator RECV_ALLOCATOR = new FixedRecvByteBufAllocator(4096);
  private final Vertx vertx;
  private final Loops loops;
  private final SocketTransport transport;
  /** Null without TLS. */
  private final ServerTls tls;
  private Channel server;

  /** {@code tls} is null for plain ws:// and http://. */
  public NettyServer(Vertx vertx, Loops loops, SocketTransport transport, ServerTls tls) {
    this.vertx = vertx;
    this.loops = loops;
    this.transport = transport;
    this.tls = tls;
  }

  /**
   * Listens on {@code host:port}. {@code maxMessageBytes} bounds WebSocket messages; {@code outboundBytes}
   * is the per-socket high-water mark past which a socket counts as a slow consumer.
   */
  public Future<Integer> listen(String host, int port, ServerRoutes routes, int bodyLimit, int maxMessageBytes,
      int outboundBytes) {
    return listen(host, port, routes, bodyLimit, maxMessageBytes, outboundBytes, 0, -1);
  }

  /**
   * As above, with the slowloris guard: a request head must arrive within {@code headTimeoutMs} (0: no guard)
   * and one address may hold at most {@code maxPendingPerIp} unfinished heads (-1: no limit).
   */
  public Future<Integer> listen(String host, int port, ServerRoutes routes, int bodyLimit, int maxMessageBytes,
      int outboundBytes, int headTimeoutMs, int maxPendingPerIp) {
    VertxInternal vx = (VertxInternal) vertx;
    HeadDeadlines[] heads = headTimeoutMs <= 0 ? null : new HeadDeadlines[loops.all().length];
    if (heads != null) {
      PendingHeads pending = new PendingHeads(maxPendingPerIp);
      for (VertxLoop l : loops.all()) {
        heads[l.index()] = new HeadDeadlines(l, pending, headTimeoutMs);
      }
    }
    EventLoopGroup workers = vx.nettyEventLoopGroup();
    // With one loop, that loop accepts too: a separate acceptor thread would hand every new socket over to it
    // (an eventfd wake-up and a thread switch per accept batch, 6-10 us per connection in S6). With more, Vert.x's
    // acceptor thread keeps the accept work off the loops.
    EventLoopGroup acceptor = loops.all().length == 1 ? workers : vx.acceptorEventLoopGroup();
    Class<? extends ServerChannel> type = transport.serverChannel();
    ServerBootstrap b = new ServerBootstrap()
        .group(acceptor, workers)
        .channel(type)
        .option(ChannelOption.SO_BACKLOG, 8192)
        .option(ChannelOption.SO_REUSEADDR, true)
        // TCP_NODELAY is not set here: every transport's socket config turns it on by default (asking again
        // cost each accepted socket a second setsockopt)
        // one shared fixed-size allocator: the adaptive default costs every idle socket its own allocator and
        // size calculator, and client frames and API requests are small (bigger ones take a few reads)
        .childOption(ChannelOption.RCVBUF_ALLOCATOR, RECV_ALLOCATOR)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
            new WriteBufferWaterMark(Math.min(32 * 1024, outboundBytes / 2), outboundBytes))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            VertxLoop loop = loops.of(ch.eventLoop());
            if (tls != null) {
              // the context current at accept time: a renewal reaches the connections made after it
              ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
            }
            if (heads != null) { // after TLS: it sees the request's bytes, and the handshake counts toward the deadline
              ch.pipeline().addLast(RequestHeadGuard.NAME, new RequestHeadGuard(heads[loop.index()], loop));
            }
            ch.pipeline().addLast("http", new HttpServerCodec(HttpInboundHandler.MAX_LINE,
                HttpInboundHandler.MAX_HEADERS, 65536));
            ch.pipeline().addLast("in", new HttpInboundHandler(routes, loop, bodyLimit, maxMessageBytes));
          }
        });
    Promise<Integer> p = Promise.promise();
    b.bind(new InetSocketAddress(host, port)).addListener(f -> {
      if (f.isSuccess()) {
        server = ((io.netty.channel.ChannelFuture) f).channel();
        p.complete(((InetSocketAddress) server.localAddress()).getPort());
      } else {
        p.fail(f.cause());
      }
    });
    return p.future();
  }

  /** Stops accepting; open connections are the application's to close. */
  public Future<Void> close() {
    if (server == null) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    server.close().addListener(f -> p.complete());
    return p.future();
  }
}
