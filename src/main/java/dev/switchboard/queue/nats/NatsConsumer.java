package dev.switchboard.queue.nats;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobRunner;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker on the shared durable pull consumer. Its own thread fetches as many messages as it has free
 * slots (a semaphore of the concurrency), so the event loops never wait on NATS.
 */
final class NatsConsumer implements JobConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(NatsConsumer.class);
  private final NatsJetStreamJobQueue queue;
  private final String topic;
  private final JetStreamSubscription sub;
  private final JobRunner<Message> runner;
  private final Semaphore slots;
  private final Promise<Void> stopped = Promise.promise();
  private volatile boolean stopping;
  private long leaseTimer;

  NatsConsumer(NatsJetStreamJobQueue queue, String topic, JetStreamSubscription sub, JobRunner<Message> runner,
      int concurrency) {
    this.queue = queue;
    this.topic = topic;
    this.sub = sub;
    this.runner = runner;
    this.slots = new Semaphore(concurrency);
  }

  String topic() {
    return topic;
  }

  void start() {
    leaseTimer = queue.vertx().setPeriodic(Math.max(50, queue.redeliveryMs() / 3), t -> renew());
    Thread.ofPlatform().daemon().name("switchboard-nats-" + topic).start(this::fetchLoop);
  }

  private void fetchLoop() {
    try {
      while (!stopping) {
        if (!slots.tryAcquire(200, TimeUnit.MILLISECONDS)) {
          continue;
        }
        int n = 1 + slots.drainPermits();
        List<Message> got;
        try {
          got = sub.fetch(n, Duration.ofMillis(500));
        } catch (RuntimeException e) {
          if (!stopping) {
            LOG.warn("nats queue {}: fetch failed: {}", topic, e.getMessage());
            queue.lost(e);
          }
          slots.release(n);
          continue;
        }
        slots.release(n - got.size());
        for (Message m : got) {
          if (stopping) {
            slots.release();
            continue; // not acked: JetStream redelivers it after the ack wait
          }
          dispatch(m);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      queue.blocking(() -> {
        sub.unsubscribe(); // leaves the durable consumer in place; unacked messages stay pending
        return null;
      }).onComplete(ar -> stopped.tryComplete());
    }
  }

  private void dispatch(Message m) {
    int deliveries = m.isJetStream() ? (int) m.metaData().deliveredCount() : 1;
    String id = m.isJetStream() ? Long.toString(m.metaData().streamSequence()) : "?";
    runner.run(m, new Job(topic, id, m.getData(), deliveries)).onComplete(ar -> {
      slots.release();
      if (stopping) {
        return;
      }
      runner.settling(queue.blocking(() -> {
        if (ar.succeeded()) {
          m.ack();
        } else {
          m.nakWithDelay(Duration.ofMillis(queue.redeliveryMs()));
        }
        return null;
      })).onFailure(e -> LOG.warn("nats queue {}: ack of {} failed: {}", topic, id, e.getMessage()));
    });
  }

  /** Tells JetStream the worker is still on these, so their ack wait starts over. */
  private void renew() {
    var inFlight = runner.inFlight();
    if (stopping || inFlight.isEmpty()) {
      return;
    }
    queue.blocking(() -> {
      inFlight.forEach(Message::inProgress);
      return null;
    });
  }

  @Override
  public Future<Void> stop() {
    if (!stopping) {
      stopping = true;
      queue.vertx().cancelTimer(leaseTimer);
      queue.removed(this);
    }
    return stopped.future().compose(v -> runner.settled());
  }
}
