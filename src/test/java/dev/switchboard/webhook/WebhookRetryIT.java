package dev.switchboard.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pusher.client.Pusher;
import com.pusher.rest.data.Validity;
import dev.switchboard.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which answers are retried, the dead-letter line when the budget runs out, and the total request deadline. */
class WebhookRetryIT {
  private final WebhookReceiver receiver;
  private TestServer server;

  WebhookRetryIT() throws Exception {
    receiver = new WebhookReceiver("app-id", "app-key", "app-secret");
  }

  private Pusher start(String url, long maxElapsedMs, long timeoutMs) throws Exception {
    String config = """
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":200,
         "webhooks":{"timeout_ms":%d,
                     "retry":{"initial_delay_ms":100,"max_delay_ms":200,"max_elapsed_ms":%d}},
         "app_manager":{"driver":"memory","array":{"apps":[
           {"id":"app-id","key":"app-key","secret":"app-secret",
            "webhooks":[{"url":"%s","event_types":["channel_occupied"]}]}]}}}
        """.formatted(timeoutMs, maxElapsedMs, url);
    server = TestServer.start(config, Map.of());
    return new Clients(server.port()).connect("u");
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    receiver.close();
  }

  private void retriedUntilAccepted(int status) throws Exception {
    Pusher p = start(receiver.url("/hook"), 60_000, 5_000);
    receiver.answer(status);
    Clients.subscribe(p, "busy-" + status);
    receiver.awaitRequests(3);
    receiver.answer(200);
    var e = receiver.await("/hook", "channel_occupied", "busy-" + status);
    assertEquals(Validity.VALID, e.request().validity());
    p.disconnect();
  }

  @Test
  void a408IsRetriedUntilTheReceiverTakesIt() throws Exception {
    retriedUntilAccepted(408);
  }

  @Test
  void a429IsRetriedUntilTheReceiverTakesIt() throws Exception {
    retriedUntilAccepted(429);
  }

  @Test
  void a400IsNotRetriedAndIsDeadLettered() throws Exception {
    try (DeadLetters dead = new DeadLetters()) {
      Pusher p = start(receiver.url("/hook"), 60_000, 5_000);
      receiver.answer(400);
      Clients.subscribe(p, "bad-request");
      String line = dead.await("bad-request");
      assertTrue(line.contains("attempts=1") && line.contains("HTTP 400"), line);
      assertNull(receiver.none(e -> true, 1_000));
      assertEquals(1, receiver.requests().size(), "a 400 was retried");
      p.disconnect();
    }
  }

  @Test
  void whenTheBudgetRunsOutOneDeadLetterLineCarriesThePayload() throws Exception {
    try (DeadLetters dead = new DeadLetters()) {
      Pusher p = start(receiver.url("/hook"), 1_500, 5_000);
      receiver.answer(503);
      Clients.subscribe(p, "never-taken");
      String line = dead.await("never-taken");
      assertTrue(line.contains("app_id=app-id") && line.contains("gave up after") && line.contains("HTTP 503")
          && line.contains("{\"time_ms\":"), line);
      assertTrue(receiver.requests().size() >= 3, "retried " + receiver.requests().size() + " times");
      p.disconnect();
    }
  }

  @Test
  void aReceiverTricklingItsAnswerIsCutOffAtTheDeadlineAndRetried() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<Long> arrivals = new CopyOnWriteArrayList<>();
    try {
      // answers 200 at once, then one byte of body every 200 ms for a minute: never idle, never done
      HttpServer trickle = vertx.createHttpServer().requestHandler(req -> {
        arrivals.add(System.currentTimeMillis());
        req.response().setChunked(true).setStatusCode(200).write("x");
        long id = vertx.setPeriodic(200, t -> req.response().write("x"));
        vertx.setTimer(60_000, t -> vertx.cancelTimer(id));
        req.connection().closeHandler(v -> vertx.cancelTimer(id));
      }).listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
      Pusher p = start("http://127.0.0.1:" + trickle.actualPort() + "/hook", 60_000, 1_000);
      Clients.subscribe(p, "trickled");
      long deadline = System.currentTimeMillis() + 10_000;
      while (arrivals.size() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(arrivals.size() >= 2, "the trickling request was never cut off");
      long gap = arrivals.get(1) - arrivals.get(0);
      assertTrue(gap < 3_000, "the retry came " + gap + " ms after the first request; deadline 1000 ms");
      p.disconnect();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
