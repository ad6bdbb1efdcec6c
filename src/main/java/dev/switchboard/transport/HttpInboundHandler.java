package dev.switchboard.transport;

import io.netty.channel.Channel;
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
  private final ServerRoutes routes;
  private final VertxLoop loop;
  private final int bodyLimit;
  private final int maxMessageBytes;
  private HttpRequest request;
  private RequestBody body;

  HttpInboundHandler(ServerRoutes routes, VertxLoop loop, int bodyLimit, int maxMessageBytes) {
    this.routes = routes;
    this.loop = loop;
    this.bodyLimit = bodyLimit;
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest req) {
        if (req.decoderResult().isFailure()) {
          reject(ctx, 400, "Malformed HTTP request");
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
        if (msg instanceof LastHttpContent) {
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

  private void finish(ChannelHandlerContext ctx) {
    HttpRequest req = request;
    request = null;
    if (body.tooLarge()) {
      body = null;
      reject(ctx, 413, "Request body is larger than " + bodyLimit + " bytes");
      return;
    }
    ctx.channel().config().setAutoRead(false); // resumed when the response is written
    HttpExchange x = new HttpExchange(ctx.channel(), loop.flusher(), req.method().name(), req.uri(), req.headers(),
        body.bytes(), HttpUtil.isKeepAlive(req));
    body = null;
    routes.request(x);
  }

  private void reject(ChannelHandlerContext ctx, int status, String message) {
    reject(ctx, status, message, Map.of());
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
