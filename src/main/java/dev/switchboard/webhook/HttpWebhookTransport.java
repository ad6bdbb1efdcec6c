package dev.switchboard.webhook;

import dev.switchboard.app.App;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/** POSTs bodies with the non-blocking Vert.x HTTP client, keeping connections alive per receiver. */
final class HttpWebhookTransport implements WebhookTransport {
  private final HttpClient client;
  private final long timeoutMs;

  HttpWebhookTransport(Vertx vertx, long timeoutMs) {
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
    return client.request(o)
        .compose(req -> req.send(Buffer.buffer(body)))
        .compose(resp -> resp.body().map(b -> Outcome.ofStatus(resp.statusCode())))
        .recover(e -> Future.succeededFuture(Outcome.retry(e.getClass().getSimpleName() + ": " + e.getMessage())));
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
