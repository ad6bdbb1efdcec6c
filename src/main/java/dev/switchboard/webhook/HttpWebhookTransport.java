package dev.switchboard.webhook;

import dev.switchboard.app.App;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs bodies with the non-blocking Vert.x HTTP client, keeping connections alive per receiver. Each request
 * has a total deadline of {@code timeoutMs} (connect, send, answer and body), not only an idle timeout, so a
 * receiver that trickles its answer cannot keep a delivery going forever.
 */
final class HttpWebhookTransport implements WebhookTransport {
  private final Vertx vertx;
  private final HttpClient client;
  private final long timeoutMs;

  HttpWebhookTransport(Vertx vertx, long timeoutMs) {
    this.vertx = vertx;
    this.timeoutMs = timeoutMs;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMs)), new PoolOptions().setHttp1MaxSize(16));
  }

  @Override
  public Future<Outcome> send(WebhookTarget target, App app, byte[] body) {
    RequestOptions o = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(target.url().toString())
        .setIdleTimeout(timeoutMs);
    o.putHeader("User-Agent", "Switchboard-Webhooks");
    WebhookTransport.headers(target, app, body).forEach(o::putHeader);
    Promise<Outcome> done = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long deadline = vertx.setTimer(timeoutMs, t -> {
      if (done.tryComplete(Outcome.retry("no complete answer within " + timeoutMs + " ms"))) {
        HttpClientRequest req = sent.get();
        if (req != null) {
          req.reset(0, new TimeoutException("webhook deadline")); // frees the connection the receiver holds
        }
      }
    });
    client.request(o)
        .compose(req -> {
          sent.set(req);
          if (done.future().isComplete()) {
            req.reset(); // the deadline passed while connecting
            return Future.failedFuture(new TimeoutException("webhook deadline"));
          }
          return req.send(Buffer.buffer(body));
        })
        .compose(resp -> resp.body().map(b -> Outcome.ofStatus(resp.statusCode())))
        .recover(e -> Future.succeededFuture(Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage())))
        .onSuccess(done::tryComplete);
    return done.future().andThen(ar -> vertx.cancelTimer(deadline));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
