package dev.switchboard.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.RawSocket;
import dev.switchboard.TestServer;
import dev.switchboard.testing.RawWebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API's edges as a browser or backend meets them: path prefix, CORS, 429, 413 and bad bodies. */
class HttpApiRulesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = "{\"name\":\"e\",\"channels\":[\"c\"],\"data\":\"{}\"}";
  static TestServer server;
  static SignedApi app;
  static SignedApi slow;

  @BeforeAll
  static void start() {
    server = TestServer.start("""
        {"host":"127.0.0.1","port":0,"event_loops":1,"shutdown_grace_period_ms":100,"path_prefix":"/sb",
         "http_api":{"request_limit_in_mb":1},
         "app_manager":{"array":{"apps":[{"id":"app-id","key":"app-key","secret":"app-secret"},
           {"id":"slow-id","key":"slow-key","secret":"slow-secret","max_backend_events_per_second":1}]}}}
        """, Map.of());
    app = new SignedApi(server.port(), "app-key", "app-secret");
    slow = new SignedApi(server.port(), "slow-key", "slow-secret");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void everythingIsServedUnderThePathPrefixAndNothingOutsideIt() throws Exception {
    assertEquals(200, app.post("/sb/apps/app-id/events", EVENT).statusCode());
    assertEquals(200, app.send("GET", "/sb/ready").statusCode());
    assertEquals(404, app.post("/apps/app-id/events", EVENT).statusCode());
    try (RawSocket s = RawSocket.connect(server.port(), "/sb/app/app-key?protocol=7")) {
      assertFalse(s.socketId().isEmpty());
    }
  }

  @Test
  void answersCarryCorsHeadersAndAPreflightGets204() throws Exception {
    HttpResponse<String> pre = app.send("OPTIONS", "/sb/apps/app-id/events");
    assertEquals(204, pre.statusCode());
    assertEquals("*", pre.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertTrue(pre.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    HttpResponse<String> ok = app.post("/sb/apps/app-id/events", EVENT);
    assertEquals("*", ok.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    HttpResponse<String> denied = new SignedApi(server.port(), "app-key", "wrong").post("/sb/apps/app-id/events",
        EVENT);
    assertEquals(401, denied.statusCode());
    assertEquals("*", denied.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
        "errors too, or a browser only sees a CORS failure");
  }

  @Test
  void overTheBackendRateTheAnswerIs429WithRetryAfterInSeconds() throws Exception {
    HttpResponse<String> last = null;
    for (int i = 0; i < 5 && (last == null || last.statusCode() != 429); i++) {
      last = slow.post("/sb/apps/slow-id/events", EVENT);
    }
    assertEquals(429, last.statusCode(), last.body());
    assertEquals("1", last.headers().firstValue("Retry-After").orElse(null));
    assertEquals(429, JSON.readTree(last.body()).get("code").asInt());
  }

  @Test
  void aBodyOverTheRequestLimitIs413() throws Exception {
    byte[] big = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    HttpResponse<String> r = app.post("/sb/apps/app-id/events", big);
    assertEquals(413, r.statusCode());
    assertTrue(JSON.readTree(r.body()).has("error"), r.body());
  }

  @Test
  void aMalformedBodyIs400WithAJsonError() throws Exception {
    for (String body : new String[] {"{not json", "[1,2]", "{\"name\":7,\"channels\":[\"c\"],\"data\":\"x\"}"}) {
      HttpResponse<String> r = app.post("/sb/apps/app-id/events", body);
      assertEquals(400, r.statusCode(), body);
      JsonNode err = JSON.readTree(r.body());
      assertFalse(err.path("error").asText().isEmpty(), r.body());
    }
  }

  @Test
  void theAnswerToAPublishLeavesAfterTheEventWentToEverySubscriber() throws Exception {
    // a publisher that waits for 200 before its next event is paced by the fan-out instead of queueing
    // requests behind it; on loopback a written frame is in the subscriber's receive buffer at once
    List<RawWebSocket> subscribers = new ArrayList<>();
    try {
      subscribe(subscribers, 400, "crowd");
      for (int round = 0; round < 3; round++) {
        HttpResponse<String> r = app.post("/sb/apps/app-id/events",
            "{\"name\":\"e\",\"channels\":[\"crowd\"],\"data\":\"" + round + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        for (int i = subscribers.size() - 1; i >= 0; i--) {
          assertTrue(subscribers.get(i).available() > 0, "subscriber " + i + " had nothing when the answer came");
        }
        for (RawWebSocket s : subscribers) {
          String frame = new String(s.read().payload(), StandardCharsets.UTF_8);
          assertTrue(frame.contains("\"data\":\"" + round + "\""), frame);
        }
      }
    } finally {
      closeAll(subscribers);
    }
  }

  @Test
  void twoPublishersToOneBigChannelReachEverySubscriberInTheirOwnOrder() throws Exception {
    // a fan-out this size is flushed in slices with reads in between, so the second publisher's events join
    // sockets the pass has not reached yet: nothing may be lost, doubled or reordered per publisher
    List<RawWebSocket> subscribers = new ArrayList<>();
    int events = 20;
    try {
      subscribe(subscribers, 300, "pair");
      List<Thread> publishers = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (String who : new String[] {"a", "b"}) {
        publishers.add(Thread.ofPlatform().start(() -> {
          try {
            for (int n = 0; n < events; n++) {
              HttpResponse<String> r = app.post("/sb/apps/app-id/events",
                  "{\"name\":\"e\",\"channels\":[\"pair\"],\"data\":\"" + who + n + "\"}");
              assertEquals(200, r.statusCode(), r.body());
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      for (Thread t : publishers) {
        t.join(60_000);
      }
      assertTrue(failures.isEmpty(), failures.toString());
      for (int i = 0; i < subscribers.size(); i++) {
        int nextA = 0;
        int nextB = 0;
        for (int k = 0; k < 2 * events; k++) {
          String data = JSON.readTree(subscribers.get(i).read().payload()).path("data").asText();
          if (data.equals("a" + nextA)) {
            nextA++;
          } else {
            assertEquals("b" + nextB, data, "subscriber " + i + " after a" + nextA + ", b" + nextB);
            nextB++;
          }
        }
        assertEquals(0, subscribers.get(i).available(), "subscriber " + i + " got more than was published");
      }
    } finally {
      closeAll(subscribers);
    }
  }

  @Test
  void aPublishToAnEmptyChannelIsNotHeldBehindAnotherChannelsFanOut() throws Exception {
    // only answers whose request wrote to sockets wait for the flush: a publish that reached nobody must
    // not wait out a big channel's fan-out (tens of milliseconds of send() calls) on the same loop
    List<RawWebSocket> subscribers = new ArrayList<>();
    try {
      subscribe(subscribers, 1500, "big");
      boolean answeredMidPass = doneBeforePassEnds(subscribers,
          attempt -> assertEquals(200, publishStatus("nobody-here")));
      assertTrue(answeredMidPass, "in 3 attempts the empty channel's answer waited for the other fan-out");
    } finally {
      closeAll(subscribers);
    }
  }

  @Test
  void aSubscribeIsAnsweredWithoutWaitingForAnotherChannelsFanOut() throws Exception {
    // a socket's own answer (here subscription_succeeded) must leave right after its request is read, not
    // after the pass has written every subscriber of the big channel
    List<RawWebSocket> subscribers = new ArrayList<>();
    List<RawWebSocket> joiner = new ArrayList<>();
    try {
      subscribe(subscribers, 1500, "big");
      subscribe(joiner, 1, "warm-up");
      boolean answeredMidPass = doneBeforePassEnds(subscribers, attempt -> {
        byte[] subscribe = RawWebSocket.textFrame(
            "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"small-" + attempt + "\"}}");
        joiner.get(0).sendRaw(subscribe, subscribe.length);
        String answer = new String(joiner.get(0).read().payload(), StandardCharsets.UTF_8);
        assertTrue(answer.contains("subscription_succeeded"), answer);
      });
      assertTrue(answeredMidPass, "in 3 attempts the subscribe's answer waited for the other fan-out");
    } finally {
      closeAll(subscribers);
      closeAll(joiner);
    }
  }

  /** What runs while a fan-out is being flushed; {@code attempt} counts from 0. */
  private interface DuringPass {
    void run(int attempt) throws Exception;
  }

  /**
   * Publishes to "big" and, once its flush pass has reached the first subscriber, runs {@code action}; true
   * when the action was done before the pass reached the last one (the pass writes subscribers in
   * subscription order), in one of 3 attempts. Every subscriber must still get every event.
   */
  private static boolean doneBeforePassEnds(List<RawWebSocket> subscribers, DuringPass action)
      throws Exception {
    RawWebSocket first = subscribers.get(0);
    RawWebSocket last = subscribers.get(subscribers.size() - 1);
    for (int attempt = 0; attempt < 3; attempt++) {
      CompletableFuture<Integer> big = CompletableFuture.supplyAsync(() -> publishStatus("big"));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (first.available() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the big channel's pass has begun
      }
      action.run(attempt);
      boolean midPass = last.available() == 0;
      assertEquals(200, big.get(30, TimeUnit.SECONDS));
      for (RawWebSocket s : subscribers) {
        s.read();
      }
      if (midPass) {
        return true;
      }
    }
    return false;
  }

  private static int publishStatus(String channel) {
    try {
      return app.post("/sb/apps/app-id/events",
          "{\"name\":\"e\",\"channels\":[\"" + channel + "\"],\"data\":\"x\"}").statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void subscribe(List<RawWebSocket> into, int count, String channel) throws Exception {
    byte[] subscribe = RawWebSocket.textFrame("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\""
        + channel + "\"}}");
    for (int i = 0; i < count; i++) {
      RawWebSocket s = RawWebSocket.connect(server.port(), "/sb/app/app-key?protocol=7");
      into.add(s);
      s.read(); // pusher:connection_established
      s.sendRaw(subscribe, subscribe.length); // one write: no Nagle wait between header and payload
      s.read(); // pusher_internal:subscription_succeeded
    }
  }

  private static void closeAll(List<RawWebSocket> sockets) throws Exception {
    for (RawWebSocket s : sockets) {
      s.close();
    }
  }
}
