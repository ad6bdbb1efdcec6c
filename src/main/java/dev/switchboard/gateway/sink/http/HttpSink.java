package dev.switchboard.gateway.sink.http;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code http}: POSTs the body (or envelope) as {@code application/json} with the attributes as
 * {@code X-Gateway-Source}, {@code X-Gateway-User-Id}, {@code X-Gateway-Connection-Id}, {@code X-Gateway-App-Id},
 * {@code X-Gateway-Timestamp}, the configured {@code headers}, and with a {@code secret} an
 * {@code X-Gateway-Signature}: the hex HMAC-SHA256 of the exact body bytes, as Pusher signs webhooks.
 * Accepted = a 2xx answer, body read, within {@code timeout_ms} in total (connect, send, answer).
 */
public final class HttpSink implements GatewaySink {
  private final Vertx vertx;
  private final HttpSinkSettings settings;
  private final HttpClient client;

  private HttpSink(Vertx vertx, HttpSinkSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) settings.timeoutMs()), new PoolOptions().setHttp1MaxSize(16));
  }

  /** See {@link HttpSinkSettings} for the fields. */
  public static HttpSink create(Vertx vertx, SinkConfig c) {
    return new HttpSink(vertx, HttpSinkSettings.from(c));
  }

  /** {@code X-Gateway-} plus the attribute name in header case: {@code user_id} → {@code X-Gateway-User-Id}. */
  static String header(String attribute) {
    StringBuilder b = new StringBuilder("X-Gateway");
    for (String part : attribute.split("_")) {
      if (!part.isEmpty()) {
        b.append('-').append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    byte[] body = (settings.envelope() ? m.envelope() : m.body()).getBytes(StandardCharsets.UTF_8);
    RequestOptions o = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(settings.url().toString())
        .setIdleTimeout(settings.timeoutMs());
    o.putHeader("User-Agent", "Switchboard-Gateway");
    settings.headers().forEach(o::putHeader);
    o.putHeader("Content-Type", "application/json");
    m.attributes().forEach((k, v) -> o.putHeader(header(k), v));
    if (!settings.secret().isEmpty()) {
      o.putHeader("X-Gateway-Signature", HmacHex.sign(settings.secret(), body));
    }
    return post(o, body);
  }

  /** Sends with a total deadline; a receiver that trickles its answer cannot hold a send for ever. */
  private Future<Void> post(RequestOptions o, byte[] body) {
    String label = "http sink " + SinkConfig.redacted(settings.url().toString());
    Promise<Void> done = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long deadline = vertx.setTimer(settings.timeoutMs(), t -> {
      if (done.tryFail(new GatewaySinkException(label + ": no answer within " + settings.timeoutMs() + " ms"))) {
        HttpClientRequest req = sent.get();
        if (req != null) {
          req.reset(0, new TimeoutException("gateway sink deadline"));
        }
      }
    });
    client.request(o)
        .compose(req -> {
          sent.set(req);
          return req.send(Buffer.buffer(body));
        })
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(new GatewaySinkException(label + ": " + ar.cause().getClass().getSimpleName() + ": "
                + ar.cause().getMessage(), ar.cause()));
          } else if (ar.result() / 100 != 2) {
            done.tryFail(new GatewaySinkException(label + ": answered HTTP " + ar.result()));
          } else {
            done.tryComplete();
          }
        });
    return done.future().andThen(ar -> vertx.cancelTimer(deadline));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  /**
   * {@code url} (required, http or https), {@code headers} (extra request headers), {@code timeout_ms}
   * (default 5000), {@code secret} (signs the body when set), {@code envelope}.
   */
  record HttpSinkSettings(java.net.URI url, Map<String, String> headers, long timeoutMs, String secret,
      boolean envelope) {
    /** RFC 9110 token characters. */
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";

    static HttpSinkSettings from(SinkConfig c) {
      java.net.URI url = c.url("url", null, java.util.Set.of("http", "https"));
      Map<String, String> headers = c.stringMap("headers");
      for (String h : headers.keySet()) {
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("content-type") || lower.startsWith("x-gateway-") || !h.matches(TOKEN)) {
          // the value may be a credential (Authorization), so it stays out of the message
          throw dev.switchboard.config.ConfigException.invalid(c.path("headers") + "." + h, "(hidden)",
              "a valid header name other than Content-Type and X-Gateway-*, which the sink sets");
        }
      }
      return new HttpSinkSettings(url, headers, c.integer("timeout_ms", 5_000, 1, 600_000), c.string("secret", ""),
          c.bool("envelope", false));
    }
  }
}
