package dev.switchboard.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The first application handler of every connection: WebSocket upgrades are handshaken and the pipeline
 * handed to a {@link WsFrameHandler}; other requests are read whole (up to a limit, 413 above it) and
 * passed to the routes. One request at a time per connection: reading pauses until the response is out,
 * so pipelined requests are answered in order.
 */
final class HttpInboundHandler extends ChannelInboundHandlerAdapter {
  /** Longest request line (method, URL, version) the codec reads; 414 above. */
  static final int MAX_LINE = 4096;
  /** Largest block of request headers the codec reads; 431 above. */
  static final int MAX_HEADERS = 8192;
  private final ServerRoutes routes;
  private final VertxLoop loop;
  private final int bodyLimit;
  private final int maxMessageBytes;
  /** How long the rest of a refused body is read and dropped before the connection closes. */
  private static final long LINGER_MS = 2_000;
  private HttpRequest request;
  private RequestBody body;
  /** After an early 413: input is dropped until the connection closes. */
  private boolean discarding;

  HttpInboundHandler(ServerRoutes routes, VertxLoop loop, int bodyLimit, int maxMessageBytes) {
    this.routes = routes;
    this.loop = loop;
    this.bodyLimit = bodyLimit;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (discarding) {
        if (msg instanceof LastHttpContent) {
          ctx.close(); // the whole refused body is in: nothing is left to reset the connection over
        }
        return;
      }
      if (msg instanceof HttpRequest req) {
        headComplete(ctx);
        if (req.decoderResult().isFailure()) {
          rejectMalformed(ctx, req.decoderResult().cause());
          return;
        }
        if (isUpgrade(req)) {
          upgrade(ctx, req);
          return;
        }
        start(req);
      }
      if (msg instanceof HttpContent c && request != null) {
        body.append(c.content());
        if (body.tooLarge()) {
          tooLarge(ctx); // at once: the rest of a body that will not be read is not waited for
        } else if (msg instanceof LastHttpContent) {
          finish(ctx);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private static boolean isUpgrade(HttpRequest req) {
    return req.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)
        && req.headers().contains(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
  }

  private void start(HttpRequest req) {
    request = req;
    body = new RequestBody(HttpUtil.getContentLength(req, -1L), bodyLimit);
  }

  /** The head told the guard the request arrived, so its deadline stops; the guard is absent in unit tests. */
  private static void headComplete(ChannelHandlerContext ctx) {
    if (ctx.pipeline().get(RequestHeadGuard.NAME) instanceof RequestHeadGuard g) {
      g.headComplete();
    }
  }

  /** A request line or head past the codec's limits gets its own status (414, 431), anything else 400. */
  private void rejectMalformed(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      reject(ctx, 414, "The request line (method, URL and version) is longer than " + MAX_LINE + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      reject(ctx, 431, "The request headers are larger than " + MAX_HEADERS + " bytes");
    } else {
      reject(ctx, 400, "Malformed HTTP request");
    }
  }

  /**
   * 413 as soon as the body passes the limit, not after all of it arrived. The client may still be sending: the
   * rest is read and dropped for a moment after the answer (a close with unread input would reset the connection,
   * and many clients then report the reset instead of the 413), then the connection closes.
   */
  private void tooLarge(ChannelHandlerContext ctx) {
    request = null;
    body = null;
    discarding = true;
    String json = "{\"error\":\"Request body is larger than " + bodyLimit + " bytes\",\"code\":413}";
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .set(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    HttpExchange.CORS.forEach(res.headers()::set);
    Channel ch = ctx.channel();
    ch.writeAndFlush(res).addListener(f -> {
      if (ch instanceof DuplexChannel d) {
        d.shutdownOutput();
      }
      ch.eventLoop().schedule(() -> ch.close(), LINGER_MS, TimeUnit.MILLISECONDS);
    });
  }

  private void finish(ChannelHandlerContext ctx) {
    HttpRequest req = request;
    request = null;
    ctx.channel().config().setAutoRead(false); // resumed when the response is written
    HttpExchange x = new HttpExchange(ctx.channel(), loop.flusher(), req.method().name(), req.uri(), req.headers(),
        body.bytes(), HttpUtil.isKeepAlive(req));
    body = null;
    routes.request(x);
  }

  private void reject(ChannelHandlerContext ctx, int status, String message) {
    reject(ctx, status, message, Map.of());
  }

  /** Answers {@code status} with the transport's JSON error body and closes; from the connection's loop. */
  static void refuse(Channel ch, VertxLoop loop, int status, String message) {
    Map<String, String> headers = new HashMap<>(HttpExchange.CORS);
    new HttpExchange(ch, loop.flusher(), "GET", "/", new DefaultHttpHeaders(), new byte[0], false)
        .respond(status, "application/json", "{\"error\":\"" + message + "\",\"code\":" + status + "}", headers);
  }

  private void reject(ChannelHandlerContext ctx, int status, String message, Map<String, String> extra) {
    rejectWith(ctx, status, "{\"error\":\"" + message + "\",\"code\":" + status + "}", extra);
  }

  private void rejectWith(ChannelHandlerContext ctx, int status, String jsonBody, Map<String, String> extra) {
    Map<String, String> headers = new HashMap<>(HttpExchange.CORS);
    headers.putAll(extra);
    new HttpExchange(ctx.channel(), loop.flusher(), "GET", "/", new DefaultHttpHeaders(), new byte[0], false)
        .respond(status, "application/json", jsonBody, headers);
  }

  private void upgrade(ChannelHandlerContext ctx, HttpRequest req) {
    String uri = req.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String query = q < 0 ? null : uri.substring(q + 1);
    Future<Admission> decided = routes.admit(new UpgradeRequest(path, query, remoteIp(ctx), req.headers()::get));
    if (decided.isComplete()) {
      upgradeDecided(ctx, req, path, query, decided);
      return;
    }
    // a dialect that checks a token with a key server answers later: the client waits for the 101 and sends
    // nothing, and reading stays off so a misbehaving one cannot pile bytes up here meanwhile
    Channel ch = ctx.channel();
    ch.config().setAutoRead(false);
    decided.onComplete(ar -> ch.eventLoop().execute(() -> {
      if (!ch.isActive()) {
        if (ar.succeeded()) {
          ar.result().release();
        }
        return;
      }
      ch.config().setAutoRead(true);
      upgradeDecided(ctx, req, path, query, decided);
    }));
  }

  private void upgradeDecided(ChannelHandlerContext ctx, HttpRequest req, String path, String query,
      Future<Admission> decided) {
    if (decided.failed()) {
      reject(ctx, 500, "Cannot decide the upgrade");
      return;
    }
    Admission admitted = decided.result();
    if (!admitted.accepted()) {
      rejectWith(ctx, admitted.status(), admitted.body(), Map.of());
      return;
    }
    if (!WsHandshake.supportedVersion(req.headers())) {
      admitted.release();
      reject(ctx, 426, "Only WebSocket version 13 is supported", Map.of("Sec-WebSocket-Version", "13"));
      return;
    }
    String problem = WsHandshake.problem(req.method().name(), req.headers());
    if (problem != null) {
      admitted.release();
      reject(ctx, 400, problem);
      return;
    }
    WsFrameHandler ws = new WsFrameHandler(path, query, kept(req), loop, maxMessageBytes);
    Channel ch = ctx.channel();
    ctx.pipeline().replace(this, "ws", ws);
    // HTTP ends here: bytes the client already sent after the request reach the frame handler raw, where
    // they wait until the dialect attaches
    ch.pipeline().remove(HttpServerCodec.class);
    if (ch.pipeline().get(RequestHeadGuard.NAME) != null) {
      ch.pipeline().remove(RequestHeadGuard.NAME);
    }
    // the 101 waits unflushed while the dialect attaches: one that answers at once (an app found in memory or
    // in the cache) sends its first frame in the same write, so the client gets both in one segment
    ch.write(WsHandshake.response(ch.alloc(), req.headers().get("Sec-WebSocket-Key")))
        .addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
    routes.webSocket(ws, admitted);
    ws.flushWithUpgrade();
  }

  /** The upgrade headers a dialect may ask for later; the rest is dropped (it would cost ~1 KB a socket). */
  private static final String[] KEPT_HEADERS = {"Origin", "X-Forwarded-For", "X-Real-IP", "User-Agent",
      "Authorization"};

  static String remoteIp(ChannelHandlerContext ctx) {
    return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress() : "unknown";
  }

  private static String[] kept(HttpRequest req) {
    ArrayList<String> kv = new ArrayList<>(4);
    for (String name : KEPT_HEADERS) {
      String v = req.headers().get(name);
      if (v != null) {
        kv.add(name);
        kv.add(v);
      }
    }
    return kv.isEmpty() ? null : kv.toArray(new String[0]);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
