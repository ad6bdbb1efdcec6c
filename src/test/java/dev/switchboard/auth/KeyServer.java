package dev.switchboard.auth;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real key server on 127.0.0.1 and a free port: serves {@link #body} with {@link #status} and, when set,
 * a {@code Cache-Control} header; counts the requests.
 */
public final class KeyServer implements AutoCloseable {
  private final HttpServer server;
  final AtomicInteger fetches = new AtomicInteger();
  public volatile String body = "{\"keys\":[]}";
  volatile int status = 200;
  volatile String cacheControl;

  public KeyServer(Vertx vertx) throws Exception {
    this.server = vertx.createHttpServer()
        .requestHandler(req -> {
          fetches.incrementAndGet();
          var resp = req.response().setStatusCode(status).putHeader("Content-Type", "application/json");
          if (cacheControl != null) {
            resp.putHeader("Cache-Control", cacheControl);
          }
          resp.end(body);
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  public String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/keys";
  }

  /** Stops listening: further fetches fail with connection refused. */
  @Override
  public void close() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }
}
