package dev.switchboard.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.cluster.BrokerProcess;
import dev.switchboard.config.ConfigTree;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Redis queue on a private redis-server (no persistence) that is restarted while a worker waits:
 * the worker reconnects and reads jobs published after the restart, though the stream and group were lost.
 */
class RedisRestartQueueIT {
  private final Vertx vertx = Vertx.vertx();
  private BrokerProcess redis;
  private JobQueue queue;

  @AfterEach
  void stop() throws Exception {
    if (queue != null) {
      queue.close().await(20, TimeUnit.SECONDS);
    }
    if (redis != null) {
      redis.close();
    }
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void aWorkerReadsJobsPublishedAfterRedisRestarted() throws Exception {
    redis = BrokerProcess.redis();
    ObjectNode q = new ObjectMapper().createObjectNode().put("driver", "redis").put("redelivery_ms", 1000)
        .put("prefix", "restart").put("concurrency", 4);
    q.putObject("redis").put("url", "redis://127.0.0.1:" + redis.port());
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.set("queue", q);
    queue = JobQueues.create(vertx, QueueConfig.from(new ConfigTree(root))).await(20, TimeUnit.SECONDS);
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    queue.consume("jobs", job -> {
      got.add(new String(job.payload(), StandardCharsets.UTF_8));
      return Future.succeededFuture();
    }).await(20, TimeUnit.SECONDS);
    queue.publish("jobs", "before".getBytes(StandardCharsets.UTF_8)).await(20, TimeUnit.SECONDS);
    assertEquals("before", got.poll(20, TimeUnit.SECONDS));

    redis.kill();
    redis.start();
    publishUntilAccepted("after");
    assertEquals("after", got.poll(20, TimeUnit.SECONDS), "the worker did not read after the restart");
  }

  /** The client's pool notices the restart on its first use, so the first publish may fail. */
  private void publishUntilAccepted(String payload) throws Exception {
    long deadline = System.currentTimeMillis() + 15_000;
    while (true) {
      try {
        queue.publish("jobs", payload.getBytes(StandardCharsets.UTF_8)).await(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(100); // the pool reconnects on its own; nothing to wait on
      }
    }
  }
}
