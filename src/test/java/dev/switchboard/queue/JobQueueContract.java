package dev.switchboard.queue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.config.ConfigTree;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobQueue} driver promises. The memory driver runs it as a unit test, each real driver
 * as an integration test against its real backend. Each test uses fresh topics; "workers" are separate
 * queue instances, as separate processes would be.
 */
public abstract class JobQueueContract {
  protected static final long REDELIVERY_MS = 1000;
  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static Vertx vertx;
  protected final String prefix = "sbtest" + UUID.randomUUID().toString().substring(0, 8);
  private final List<JobQueue> opened = new ArrayList<>();
  protected String topic;

  /** The driver's section of the config, e.g. {@code {"driver":"redis","redis":{"url":...}}}. */
  protected abstract ObjectNode driverConfig();

  /** Removes what the test left in the backend. */
  protected void cleanup(Set<String> topics) throws Exception {}

  private final Set<String> topics = new HashSet<>();

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void newTopic() {
    topic = newTopicName();
  }

  protected String newTopicName() {
    String t = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    topics.add(t);
    return t;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (JobQueue q : opened) {
      q.close().await(20, TimeUnit.SECONDS);
    }
    opened.clear();
    cleanup(topics);
    topics.clear();
  }

  /** A new worker: a queue instance of its own (the memory driver shares one per test). */
  protected JobQueue open() throws Exception {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode q = driverConfig();
    q.put("redelivery_ms", REDELIVERY_MS).put("prefix", prefix).put("concurrency", 4);
    root.set("queue", q);
    JobQueue queue = JobQueues.create(vertx, QueueConfig.from(new ConfigTree(root))).await(20, TimeUnit.SECONDS);
    opened.add(queue);
    return queue;
  }

  protected static <T> T await(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void publishedJobsAreDeliveredAndNotAgainOnceAcknowledged() throws Exception {
    JobQueue q = open();
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    await(q.consume(topic, job -> {
      got.add(new String(job.payload(), StandardCharsets.UTF_8));
      return Future.succeededFuture();
    }));
    Set<String> sent = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      await(q.publish(topic, bytes("job-" + i)));
      sent.add("job-" + i);
    }
    Set<String> received = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      received.add(got.poll(20, TimeUnit.SECONDS));
    }
    assertEquals(sent, received);
    assertNull(got.poll(3 * REDELIVERY_MS, TimeUnit.MILLISECONDS), "an acknowledged job came back");
  }

  @Test
  void aFailedJobIsDeliveredAgain() throws Exception {
    JobQueue q = open();
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<Integer> succeeded = new CompletableFuture<>();
    await(q.consume(topic, job -> {
      if (attempts.incrementAndGet() == 1) {
        return Future.failedFuture("receiver down");
      }
      succeeded.complete(attempts.get());
      return Future.succeededFuture();
    }));
    await(q.publish(topic, bytes("retry-me")));
    assertEquals(2, succeeded.get(20, TimeUnit.SECONDS));
  }

  @Test
  void aHandlerThatThrowsCountsAsAFailure() throws Exception {
    JobQueue q = open();
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<Void> succeeded = new CompletableFuture<>();
    await(q.consume(topic, job -> {
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("bug in a handler");
      }
      succeeded.complete(null);
      return Future.succeededFuture();
    }));
    await(q.publish(topic, bytes("x")));
    succeeded.get(20, TimeUnit.SECONDS);
    assertTrue(attempts.get() >= 2);
  }

  @Test
  void aJobLeftByACrashedWorkerGoesToAnotherWorker() throws Exception {
    JobQueue first = open();
    CompletableFuture<String> firstGot = new CompletableFuture<>();
    JobConsumer crashing = await(first.consume(topic, job -> {
      firstGot.complete(new String(job.payload(), StandardCharsets.UTF_8));
      return Promise.<Void>promise().future(); // never finishes: the worker dies mid-job
    }));
    await(first.publish(topic, bytes("survivor")));
    assertEquals("survivor", firstGot.get(20, TimeUnit.SECONDS));
    await(crashing.stop());

    JobQueue second = open();
    BlockingQueue<String> secondGot = new LinkedBlockingQueue<>();
    await(second.consume(topic, job -> {
      secondGot.add(new String(job.payload(), StandardCharsets.UTF_8));
      return Future.succeededFuture();
    }));
    assertEquals("survivor", secondGot.poll(20, TimeUnit.SECONDS));
  }

  @Test
  void aJobStillBeingWorkedOnIsNotHandedToAnotherWorker() throws Exception {
    JobQueue first = open();
    Promise<Void> slow = Promise.promise();
    CompletableFuture<Void> firstGot = new CompletableFuture<>();
    await(first.consume(topic, job -> {
      firstGot.complete(null);
      return slow.future();
    }));
    await(first.publish(topic, bytes("long job")));
    firstGot.get(20, TimeUnit.SECONDS);
    JobQueue second = open();
    BlockingQueue<String> secondGot = new LinkedBlockingQueue<>();
    await(second.consume(topic, job -> {
      secondGot.add("stolen");
      return Future.succeededFuture();
    }));
    assertNull(secondGot.poll(4 * REDELIVERY_MS, TimeUnit.MILLISECONDS), "a live worker's job was handed over");
    vertx.runOnContext(v -> slow.complete());
  }

  @Test
  void publishedJobsSurviveARestartOfTheProcess() throws Exception {
    JobQueue before = open();
    assumeTrue(before.durable(), "this driver keeps jobs in memory only");
    for (int i = 0; i < 3; i++) {
      await(before.publish(topic, bytes("kept-" + i)));
    }
    await(before.close());
    JobQueue after = open();
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    await(after.consume(topic, job -> {
      got.add(new String(job.payload(), StandardCharsets.UTF_8));
      return Future.succeededFuture();
    }));
    Set<String> received = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      received.add(got.poll(20, TimeUnit.SECONDS));
    }
    assertEquals(Set.of("kept-0", "kept-1", "kept-2"), received);
  }

  @Test
  void topicsAreSeparateAndBytesArriveUnchanged() throws Exception {
    JobQueue q = open();
    String other = newTopicName();
    BlockingQueue<byte[]> mine = new LinkedBlockingQueue<>();
    BlockingQueue<byte[]> theirs = new LinkedBlockingQueue<>();
    await(q.consume(topic, job -> {
      mine.add(job.payload());
      return Future.succeededFuture();
    }));
    await(q.consume(other, job -> {
      theirs.add(job.payload());
      return Future.succeededFuture();
    }));
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    await(q.publish(topic, all));
    await(q.publish(other, bytes("other")));
    byte[] got = mine.poll(20, TimeUnit.SECONDS);
    assertNotNull(got);
    assertArrayEquals(all, got);
    assertArrayEquals(bytes("other"), theirs.poll(20, TimeUnit.SECONDS));
    assertNull(mine.poll(500, TimeUnit.MILLISECONDS));
  }
}
