package dev.switchboard.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on the Redis at 127.0.0.1:6379; the producer XADDs a {@code body} field, as the stream sink does. */
class RedisStreamSourceIT extends NotificationSourceContract {
  private static Redis redis;
  private final Map<String, String> lastDeadLetter = new HashMap<>();

  @BeforeAll
  static void connect() {
    redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  private static Response send(Request r) throws Exception {
    return redis.send(r).await(TIMEOUT_S, TimeUnit.SECONDS);
  }

  @Override
  protected ObjectNode config(String name) {
    return JSON.createObjectNode().put("driver", "redis_stream").put("url", "redis://127.0.0.1:6379")
        .put("stream", name).put("redelivery_delay_ms", 300).put("dead_letter", deadLetterName(name));
  }

  @Override
  protected void publish(String name, String body) throws Exception {
    send(Request.cmd(Command.XADD).arg(name).arg("*").arg("body").arg(body).arg("user_id").arg("backend"));
  }

  @Override
  protected String nextDeadLetter(String name) throws Exception {
    String dl = deadLetterName(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
    while (System.nanoTime() < deadline) {
      String after = lastDeadLetter.getOrDefault(dl, "-");
      Response r = send(Request.cmd(Command.XRANGE).arg(dl).arg(after.equals("-") ? "-" : "(" + after).arg("+")
          .arg("COUNT").arg(1));
      if (r.size() > 0) {
        lastDeadLetter.put(dl, r.get(0).get(0).toString());
        Response fields = r.get(0).get(1);
        for (int i = 0; i + 1 < fields.size(); i += 2) {
          if (fields.get(i).toString().equals("body")) {
            return fields.get(i + 1).toString();
          }
        }
      }
      Thread.sleep(50); // polling the stream, as a consumer without a group would
    }
    throw new AssertionError("nothing in " + dl);
  }

  @Override
  protected long outstanding(String name) throws Exception {
    return send(Request.cmd(Command.XPENDING).arg(name).arg("switchboard")).get(0).toLong();
  }

  @Override
  protected void cleanup(Set<String> names) throws Exception {
    for (String n : names) {
      send(Request.cmd(Command.DEL).arg(n).arg(deadLetterName(n)));
    }
  }

  @Test
  void anEntryWithOneFieldOfAnotherNameIsReadFromThatField() throws Exception {
    String name = newName();
    Recorder r = new Recorder();
    start(config(name), r);
    send(Request.cmd(Command.XADD).arg(name).arg("*").arg("payload").arg(BODY));
    Call c = r.next();
    assertEquals(BODY, c.body());
    c.done().complete();
  }

  @Test
  void anUnreachableRedisFailsStartNamingTheKey() throws Exception {
    NotificationSource s = NotificationSources.create(vertx, KEY, config(newName()).put("url", "redis://127.0.0.1:1"));
    Throwable e = s.start(b -> io.vertx.core.Future.succeededFuture()).toCompletionStage().toCompletableFuture()
        .handle((v, t) -> t).get(TIMEOUT_S, TimeUnit.SECONDS);
    org.junit.jupiter.api.Assertions.assertTrue(e != null && e.getMessage().contains(KEY), String.valueOf(e));
    s.stop().await(TIMEOUT_S, TimeUnit.SECONDS);
  }
}
