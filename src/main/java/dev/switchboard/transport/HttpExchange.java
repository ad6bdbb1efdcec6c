package dev.switchboard.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP request with its whole body, and its single response. {@link #respond} may be called from any
 * thread, once; later calls are ignored.
 */
public final class HttpExchange {
  /** CORS headers of every HTTP answer, the transport's own errors (400, 413) included. */
  public static final Map<String, String> CORS = Map.of(
      "Access-Control-Allow-Origin", "*",
      "Access-Control-Allow-Methods", "GET, POST, OPTIONS",
      "Access-Control-Allow-Headers",
      "Origin, Content-Type, Accept, Authorization, X-Requested-With, X-Pusher-Library");
  private final Channel channel;
  private final String method;
  private final String uri;
  private final String path;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean keepAlive;
  private final AtomicBoolean answered = new AtomicBoolean();
  private final FlushBatcher flusher;
  /** The loop's write count when the request arrived: the answer waits for a flush only if it moved. */
  private final long marksAtStart;
  private MultiMap params;
  private volatile int responseBytes;

  HttpExchange(Channel channel, FlushBatcher flusher, String method, String uri, HttpHeaders headers, byte[] body,
      boolean keepAlive) {
    this.channel = channel;
    this.flusher = flusher;
    this.marksAtStart = flusher.marks(); // constructed on the connection's loop, where marks() is confined
    this.method = method;
    this.uri = uri;
    int q = uri.indexOf('?');
    this.path = q < 0 ? uri : uri.substring(0, q);
    this.headers = headers;
    this.body = body;
    this.keepAlive = keepAlive;
  }

  public String method() {
    return method;
  }

  /** The path as received (not decoded), without the query string. */
  public String path() {
    return path;
  }

  public String header(String name) {
    return headers.get(name);
  }

  /** Every value of a header sent several times, joined by commas as HTTP allows; null when absent. */
  public String headerJoined(String name) {
    List<String> all = headers.getAll(name);
    return all.isEmpty() ? null : String.join(",", all);
  }

  /** The query string as received (not decoded), or null when there is none. */
  public String rawQuery() {
    int q = uri.indexOf('?');
    return q < 0 ? null : uri.substring(q + 1);
  }

  public byte[] body() {
    return body;
  }

  /** The decoded query parameters. */
  public MultiMap params() {
    if (params == null) {
      MultiMap m = MultiMap.caseInsensitiveMultiMap();
      for (Map.Entry<String, List<String>> e : new QueryStringDecoder(uri).parameters().entrySet()) {
        m.add(e.getKey(), e.getValue());
      }
      params = m;
    }
    return params;
  }

  /** Bytes of the response body once answered (for metrics). */
  public int responseBytes() {
    return responseBytes;
  }

  public boolean answered() {
    return answered.get();
  }

  /** Sends the response; {@code extra} headers are added as given. */
  public void respond(int status, String contentType, String text, Map<String, String> extra) {
    if (!answered.compareAndSet(false, true)) {
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    responseBytes = bytes.length;
    FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        Unpooled.wrappedBuffer(bytes));
    HttpHeaders h = res.headers();
    if (contentType != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    h.set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    extra.forEach(h::set);
    flusher.runAfterFlush(() -> send(res), marksAtStart);
  }

  private void send(FullHttpResponse res) {
    HttpHeaders h = res.headers();
    if (keepAlive) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      // the connection's next request is read only now, so pipelined requests are answered in order
      channel.writeAndFlush(res).addListener(f -> {
        if (channel.pipeline().get(RequestHeadGuard.NAME) instanceof RequestHeadGuard g) {
          g.awaitNext(); // the next request's head deadline starts with its first byte
        }
        channel.config().setAutoRead(true);
      });
    } else {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      channel.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
