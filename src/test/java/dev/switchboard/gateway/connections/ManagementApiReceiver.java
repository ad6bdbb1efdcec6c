package dev.switchboard.gateway.connections;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real Vert.x HTTP server on 127.0.0.1, port 0, that runs {@link SigV4Verifier} on every request, records
 * what arrived and the verdict, and answers as the management API would: 403 ForbiddenException when refused.
 */
final class ManagementApiReceiver implements AutoCloseable {
  /** One request as it arrived: request line, headers in wire order, and the verifier's verdict. */
  record Received(String method, String uri, String rawPath, List<String> headers, byte[] body,
      SigV4Result result) {}

  private final Vertx vertx = Vertx.vertx();
  private final SigV4Verifier verifier = new SigV4Verifier(Clock.systemUTC());
  private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Function<String, String> secrets;
  private final HttpServer server;

  ManagementApiReceiver(Function<String, String> secrets) throws Exception {
    this.secrets = secrets;
    server = vertx.createHttpServer()
        .requestHandler(req -> req.body().onSuccess(b -> answer(req, b.getBytes())))
        .listen(0, "127.0.0.1").await(20, TimeUnit.SECONDS);
  }

  int port() {
    return server.actualPort();
  }

  Received next() throws InterruptedException {
    Received r = received.poll(20, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the receiver");
    }
    return r;
  }

  private void answer(HttpServerRequest req, byte[] body) {
    String uri = req.uri();
    int q = uri.indexOf('?');
    String rawPath = q < 0 ? uri : uri.substring(0, q);
    SignedRequest signed = new SignedRequest(req.method().name(), rawPath, q < 0 ? null : uri.substring(q + 1),
        name -> {
          List<String> values = req.headers().getAll(name);
          return values.isEmpty() ? null : String.join(",", values);
        }, body);
    SigV4Result result = verifier.verify(signed, secrets);
    List<String> headers = req.headers().entries().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
    received.add(new Received(req.method().name(), uri, rawPath, headers, body, result));
    if (result instanceof SigV4Result.Invalid invalid) {
      req.response().setStatusCode(403).putHeader("x-amzn-errortype", "ForbiddenException")
          .putHeader("content-type", "application/json")
          .end("{\"message\":" + io.vertx.core.json.Json.encode(invalid.message()) + "}");
    } else if (req.method().name().equals("GET")) {
      req.response().putHeader("content-type", "application/json").end("{\"connectedAt\":"
          + "\"2026-12-06T21:00:00.000Z\",\"identity\":{\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"test\"},"
          + "\"lastActiveAt\":\"2026-12-06T21:00:01.000Z\"}");
    } else {
      req.response().setStatusCode(req.method().name().equals("DELETE") ? 204 : 200).end();
    }
  }

  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws Exception {
    server.close().await(20, TimeUnit.SECONDS);
    vertx.close().await(20, TimeUnit.SECONDS);
  }
}
