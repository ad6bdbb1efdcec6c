package dev.switchboard.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.cluster.redis.RedisTransport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Redis cluster transport against a Redis of the test's own that it can make refuse connections. */
class RedisTransportIT {
  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /**
   * A Redis that takes the subscriber connection but refuses the publisher (maxclients reached) must not
   * leave that subscriber behind: once Redis accepts both, each message arrives once, not twice.
   */
  @Test
  void aHalfMadeConnectionLeavesNoExtraSubscriber() throws Exception {
    BrokerProcess redis = BrokerProcess.redis("--maxclients", "2");
    Vertx vertx = Vertx.vertx();
    RedisTransport transport = null;
    try {
      String url = "redis://127.0.0.1:" + redis.port();
      // the test's own connection takes one of the two slots, leaving one: the subscriber's
      RedisAPI admin = RedisAPI.api(await(Redis.createClient(vertx, new RedisOptions().setConnectionString(url))
          .connect()));
      transport = new RedisTransport(vertx, url, "it");
      List<byte[]> got = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> up = new CompletableFuture<>();
      await(transport.start(got::add, connected -> {
        if (connected) {
          up.complete(null);
        }
      }));
      long deadline = System.currentTimeMillis() + 10_000;
      while (rejected(admin) < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50); // the transport's refused attempts show only in Redis's counters
      }
      assertTrue(rejected(admin) >= 3, "the publisher connection was refused");
      await(admin.config(List.of("SET", "maxclients", "100")));
      up.get(10, TimeUnit.SECONDS);
      long receivers = await(admin.publish("it#cluster", "hello")).toLong();
      assertEquals(1, receivers, "one subscriber connection on the cluster channel");
      deadline = System.currentTimeMillis() + 5_000;
      while (got.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20); // delivery is asynchronous; bounded poll
      }
      assertEquals(1, got.size());
      assertEquals("hello", new String(got.get(0), java.nio.charset.StandardCharsets.UTF_8));
    } finally {
      if (transport != null) {
        await(transport.close());
      }
      await(vertx.close());
      redis.close();
    }
  }

  private static long rejected(RedisAPI admin) throws Exception {
    String info = await(admin.info(List.of("stats"))).toString();
    for (String line : info.split("\r\n")) {
      if (line.startsWith("rejected_connections:")) {
        return Long.parseLong(line.substring("rejected_connections:".length()).trim());
      }
    }
    throw new AssertionError("no rejected_connections in INFO stats");
  }
}
