package dev.switchboard.gateway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testing.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sinks {@link GatewaySinks} builds retry and dead-letter: against a closed port on 127.0.0.1, with the
 * dead-letter sink a real Redis stream, and against a real HTTP server that refuses twice before it accepts.
 */
class RetryingSinkIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET_BODY = "{\"card\":\"4111-secret\"}";
  private static Vertx vertx;
  private static HttpReceiver receiver;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    receiver = HttpReceiver.start(vertx);
  }

  @AfterAll
  static void stop() throws Exception {
    receiver.close();
    vertx.close().await(20, TimeUnit.SECONDS);
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void anUnreachableBackendIsRetriedThenDeadLetteredAndAHealthySinkStillDelivers() throws Exception {
    String dlStream = "gw-dead-" + run;
    ObjectNode c = JSON.createObjectNode().put("driver", "http").put("url", "http://127.0.0.1:" + closedPort())
        .put("retries", 2).put("retry_backoff_ms", 20);
    c.putObject("dead_letter").put("driver", "redis_stream").put("url", RedisStreamSinkIT.URL)
        .put("stream", dlStream);
    RetryingSink down = (RetryingSink) GatewaySinks.create(vertx, "gateway.routes.send.sink", c);
    GatewaySink healthy = GatewaySinks.create(vertx, "gateway.routes.other.sink", JSON.createObjectNode()
        .put("driver", "http").put("url", receiver.url("/ok-" + run)));
    Redis redis = Redis.createClient(vertx, RedisStreamSinkIT.URL);
    GatewayMessage m = GatewayMessage.of(SECRET_BODY, "gateway.route.send", "u-" + run, "c-" + run, "app-1",
        1_700_000_000_000L);
    try (LogCapture log = new LogCapture()) {
      ExecutionException e = assertThrows(ExecutionException.class, () -> down.send(m).toCompletionStage()
          .toCompletableFuture().get(20, TimeUnit.SECONDS));
      assertInstanceOf(GatewaySinkException.class, e.getCause());
      assertEquals(1, down.deadLettered());
      assertEquals(3, down.failures());
      assertEquals(0, down.sent());
      assertEquals(0, down.pending());
      List<String> warns = log.lines(Level.WARN, "dev.switchboard.gateway.sink");
      assertEquals(1, warns.size(), warns.toString());
      String line = warns.get(0);
      assertTrue(line.contains("gateway.routes.send.sink") && line.contains("after 3 attempt(s)")
          && line.contains("source=gateway.route.send") && line.contains("user_id=u-" + run)
          && line.contains("socket_id=c-" + run) && line.contains("Connection refused"), line);
      assertFalse(line.contains("4111"), "the body is never logged: " + line);

      Response dead = await(redis.send(Request.cmd(Command.XRANGE).arg(dlStream).arg("-").arg("+")))
          .get(0).get(1); // send fails only after the dead-letter sink accepted the message
      assertEquals(SECRET_BODY, dead.get(1).toString());

      await(healthy.send(GatewayMessage.of("{\"later\":true}", "gateway.route.other", "u", "c", "a", 1L)));
      assertEquals("{\"later\":true}", receiver.next("/ok-" + run).text());
    } finally {
      await(redis.send(Request.cmd(Command.DEL).arg(dlStream)));
      await(down.close());
      await(healthy.close());
      await(redis.close());
    }
  }

  @Test
  void aBackendThatRefusesTwiceGetsTheMessageOnTheThirdAttempt() throws Exception {
    String path = "/flaky-" + run;
    receiver.answer(path, 503, 503);
    RetryingSink s = (RetryingSink) GatewaySinks.create(vertx, "gateway.routes.send.sink", JSON.createObjectNode()
        .put("driver", "http").put("url", receiver.url(path)).put("retry_backoff_ms", 10));
    try {
      await(s.send(GatewayMessage.of("{\"x\":1}", "gateway.route.send", "u", "c", "a", 1L)));
      assertEquals(1, s.sent());
      assertEquals(2, s.failures());
      assertEquals(0, s.deadLettered());
      for (int i = 0; i < 3; i++) {
        assertEquals("{\"x\":1}", receiver.next(path).text());
      }
    } finally {
      await(s.close());
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }
}
