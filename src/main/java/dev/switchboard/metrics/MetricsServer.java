package dev.switchboard.metrics;

import dev.switchboard.config.MetricsConfig;
import dev.switchboard.http.HealthAnswer;
import dev.switchboard.transport.HttpExchange;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The HTTP server on {@code metrics.host:metrics.port}, kept off the public port so it can stay behind the
 * firewall: {@code GET /metrics} in the Prometheus text format, and, as soketi serves them there too,
 * {@code /}, {@code /ready} and {@code /usage}, all with the main port's CORS headers. Paths work with and
 * without the server's path prefix; the web console, when enabled, is served here too. A scrape renders on a
 * worker thread, never on an event loop.
 */
public final class MetricsServer {
  private static final String TEXT_004 = "text/plain; version=0.0.4; charset=utf-8";
  private static final Set<String> HEALTH = Set.of("/", "/ready", "/usage");

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Listens; fails with a message naming the address when it cannot. {@code health} answers the health
   * paths (given the path without prefix), e.g. the HTTP API's handler.
   */
  public static Future<MetricsServer> start(Vertx vertx, MetricsConfig config, String pathPrefix,
      ServerMetrics metrics, Function<String, HealthAnswer> health) {
    return start(vertx, config, pathPrefix, metrics, health, opts -> {}, (req, path) -> false);
  }

  /**
   * {@link #start(Vertx, MetricsConfig, String, ServerMetrics, Function)} where {@code secure} may turn TLS on in
   * the server's options (ssl.metrics), and {@code more} is asked first: it answers the paths it serves (given
   * without prefix) and returns true, e.g. the web console.
   */
  public static Future<MetricsServer> start(Vertx vertx, MetricsConfig config, String pathPrefix,
      ServerMetrics metrics, Function<String, HealthAnswer> health, Consumer<HttpServerOptions> secure,
      BiPredicate<HttpServerRequest, String> more) {
    HttpServerOptions opts = new HttpServerOptions().setHost(config.host()).setPort(config.port())
        .setReuseAddress(true);
    secure.accept(opts);
    return vertx.createHttpServer(opts)
        .requestHandler(req -> {
          String path = strip(req.path(), pathPrefix);
          if (!more.test(req, path)) {
            handle(vertx, req, path, metrics, health);
          }
        })
        .listen()
        // no cause attached: start-up reports the root cause's message, and this one names the address
        .recover(err -> Future.failedFuture(new MetricsException(
            "cannot listen for metrics on " + config.host() + ":" + config.port() + ": " + err.getMessage())))
        .map(MetricsServer::new);
  }

  private static String strip(String path, String prefix) {
    return !prefix.isEmpty() && path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  private static void handle(Vertx vertx, HttpServerRequest req, String path, ServerMetrics metrics,
      Function<String, HealthAnswer> health) {
    // the main port's CORS headers on every answer here too, as soketi sends them on its metrics port:
    // a browser dashboard on another origin reads /usage (and may scrape) only with them
    HttpExchange.CORS.forEach(req.response()::putHeader);
    if (req.method() == HttpMethod.OPTIONS) {
      req.response().setStatusCode(204).end(); // a preflight
      return;
    }
    if (HEALTH.contains(path)) {
      HealthAnswer h = health.apply(path);
      req.response().setStatusCode(h.status()).putHeader("Content-Type", h.contentType()).end(h.body());
      return;
    }
    if (!path.equals("/metrics")) {
      req.response().setStatusCode(404).end();
      return;
    }
    if (req.method() != HttpMethod.GET && req.method() != HttpMethod.HEAD) {
      req.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
      return;
    }
    vertx.executeBlocking(metrics::scrape).onComplete(ar -> {
      if (ar.succeeded()) {
        req.response().putHeader("Content-Type", TEXT_004).end(ar.result());
      } else {
        req.response().setStatusCode(500).end("metrics unavailable: " + ar.cause().getMessage());
      }
    });
  }

  /** The port actually bound (the configured one, or the one chosen for port 0). */
  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
