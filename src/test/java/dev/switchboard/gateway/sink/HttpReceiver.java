package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Vert.x HTTP server on 127.0.0.1, port 0, that records every request per path and answers 200, or
 * the statuses queued for that path one by one, or nothing at all for a silent path.
 */
final class HttpReceiver implements AutoCloseable {
  record Request(MultiMap headers, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final Map<String, BlockingQueue<Request>> requests = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();
  private final Set<String> silent = ConcurrentHashMap.newKeySet();

  private HttpReceiver(Vertx vertx) throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(b -> {
      String path = req.path();
      queue(path).add(new Request(MultiMap.caseInsensitiveMultiMap().addAll(req.headers()), b.getBytes()));
      if (silent.contains(path)) {
        return;
      }
      Integer status = statuses.getOrDefault(path, new ConcurrentLinkedDeque<>()).poll();
      req.response().setStatusCode(status == null ? 200 : status).end("{}");
    })).listen(0, "127.0.0.1").await(20, TimeUnit.SECONDS);
  }

  static HttpReceiver start(Vertx vertx) throws Exception {
    return new HttpReceiver(vertx);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  /** The next answers on {@code path}; 200 once they are used up. */
  void answer(String path, Integer... codes) {
    statuses.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(java.util.List.of(codes));
  }

  /** Requests on {@code path} are recorded and never answered. */
  void silence(String path) {
    silent.add(path);
  }

  private BlockingQueue<Request> queue(String path) {
    return requests.computeIfAbsent(path, p -> new LinkedBlockingQueue<>());
  }

  Request next(String path) throws InterruptedException {
    Request r = queue(path).poll(GatewaySinkContract.TIMEOUT_S, TimeUnit.SECONDS);
    assertNotNull(r, "no request on " + path);
    return r;
  }

  int count(String path) {
    return queue(path).size();
  }

  @Override
  public void close() throws Exception {
    server.close().await(20, TimeUnit.SECONDS);
  }
}
