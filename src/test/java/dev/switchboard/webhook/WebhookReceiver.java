package dev.switchboard.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pusher.rest.data.Validity;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real webhook receiver on 127.0.0.1: every request is checked with pusher-http-java's
 * {@code validateWebhookSignature} and for byte-exact re-serialisation, then recorded. It can be stopped and
 * started again on the same port, and told which status to answer.
 */
final class WebhookReceiver implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Re-serialises as JSON.stringify does: no optional escapes, lower-case hex, supplementary characters raw. */
  private static final ObjectMapper STRINGIFY = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
      .disable(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_HEX_UPPER_CASE)
      .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build());

  /** One request as received. */
  record Request(String path, Map<String, String> headers, String body, Validity validity, boolean reserialises) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (Exception e) {
        throw new AssertionError("webhook body is not JSON: " + body, e);
      }
    }
  }

  /** An event with the request it came in. */
  record Event(String path, JsonNode json, Request request) {
    String name() {
      return json.path("name").asText();
    }

    String channel() {
      return json.path("channel").asText();
    }
  }

  private final Vertx vertx;
  private final com.pusher.rest.Pusher validator;
  private final List<Request> requests = new ArrayList<>();
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private volatile int status = 200;
  private volatile long delayMs;
  private HttpServer server;
  private int port;

  WebhookReceiver(String appId, String key, String secret) throws Exception {
    this.vertx = Vertx.vertx();
    this.validator = new com.pusher.rest.Pusher(appId, key, secret);
    start();
  }

  void start() throws Exception {
    server = vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1")
        .await(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  void stop() throws Exception {
    server.close().await(10, TimeUnit.SECONDS);
  }

  void answer(int status) {
    this.status = status;
  }

  /** Answers each request {@code ms} after receiving it (a slow receiver). */
  void delay(long ms) {
    this.delayMs = ms;
  }

  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(b -> {
      String body = b.toString(StandardCharsets.UTF_8);
      Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      req.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
      Validity v = validator.validateWebhookSignature(headers.get("X-Pusher-Key"), headers.get("X-Pusher-Signature"),
          body);
      boolean same;
      try {
        same = new String(STRINGIFY.writeValueAsBytes(JSON.readTree(body)), StandardCharsets.UTF_8).equals(body);
      } catch (Exception e) {
        same = false;
      }
      Request r = new Request(req.path(), headers, body, v, same);
      int answer = status;
      synchronized (requests) {
        requests.add(r);
        requests.notifyAll();
      }
      if (answer / 100 == 2) {
        r.json().path("events").forEach(e -> events.add(new Event(req.path(), e, r)));
      }
      long delay = delayMs;
      if (delay > 0) {
        vertx.setTimer(delay, t -> req.response().setStatusCode(answer).end());
      } else {
        req.response().setStatusCode(answer).end();
      }
    });
  }

  /** Waits up to 15 s until at least {@code n} requests came in, whatever they were answered. */
  void awaitRequests(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 15_000;
    synchronized (requests) {
      while (requests.size() < n && System.currentTimeMillis() < deadline) {
        requests.wait(Math.max(1, deadline - System.currentTimeMillis()));
      }
      if (requests.size() < n) {
        throw new AssertionError("expected " + n + " requests, got " + requests.size());
      }
    }
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The next accepted event matching {@code p} within 15 s; events that do not match are kept aside. */
  Event await(Predicate<Event> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    List<Event> skipped = new ArrayList<>();
    try {
      while (System.nanoTime() < deadline) {
        Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (e == null) {
          break;
        }
        if (p.test(e)) {
          return e;
        }
        skipped.add(e);
      }
      throw new AssertionError("no matching webhook event; got " + skipped);
    } finally {
      events.addAll(skipped);
    }
  }

  Event await(String path, String name, String channel) throws InterruptedException {
    return await(e -> e.path().equals(path) && e.name().equals(name) && e.channel().equals(channel));
  }

  /** Accepted events received so far, taken out of the receiver. */
  List<Event> drain() {
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  /** Waits {@code ms} for a matching event that should not come; null when none came. */
  Event none(Predicate<Event> p, long ms) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
    while (System.nanoTime() < deadline) {
      Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (e != null && p.test(e)) {
        return e;
      }
    }
    return null;
  }

  @Override
  public void close() {
    vertx.close();
  }
}
