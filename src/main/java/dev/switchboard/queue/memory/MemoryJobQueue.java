package dev.switchboard.queue.memory;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobHandler;
import dev.switchboard.queue.JobQueue;
import dev.switchboard.queue.JobRunner;
import dev.switchboard.queue.QueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs in this process's memory: the default, and what soketi calls the {@code sync} driver. Consumers of a
 * topic share its jobs; a stopped consumer's unfinished jobs go back to the front of the queue at once. Not
 * durable: jobs not yet done when the process ends are lost.
 */
public final class MemoryJobQueue implements JobQueue {
  private final Vertx vertx;
  private final QueueConfig config;
  private final Map<String, Topic> topics = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  public MemoryJobQueue(Vertx vertx, QueueConfig config) {
    this.vertx = vertx;
    this.config = config;
  }

  private record Entry(long id, byte[] payload, int deliveries) {}

  private final class Consumer implements JobConsumer {
    final Topic topic;
    final JobRunner<Entry> runner;
    boolean stopped;

    Consumer(Topic topic, JobRunner<Entry> runner) {
      this.topic = topic;
      this.runner = runner;
    }

    @Override
    public Future<Void> stop() {
      topic.stop(this);
      return Future.succeededFuture();
    }
  }

  private final class Topic {
    final String name;
    final ArrayDeque<Entry> ready = new ArrayDeque<>();
    final List<Consumer> consumers = new ArrayList<>();
    int next;

    Topic(String name) {
      this.name = name;
    }

    synchronized void add(Entry e, boolean front) {
      if (front) {
        ready.addFirst(e);
      } else {
        ready.addLast(e);
      }
    }

    /** Hands ready jobs to consumers with free slots, round robin. */
    void pump() {
      List<Runnable> starts = new ArrayList<>();
      synchronized (this) {
        while (!ready.isEmpty() && !consumers.isEmpty()) {
          Consumer c = pick();
          if (c == null) {
            break;
          }
          Entry e = ready.poll();
          starts.add(() -> start(c, e));
        }
      }
      starts.forEach(Runnable::run);
    }

    private Consumer pick() {
      for (int i = 0; i < consumers.size(); i++) {
        Consumer c = consumers.get((next + i) % consumers.size());
        if (c.runner.free() > 0) {
          next = (next + i + 1) % consumers.size();
          return c;
        }
      }
      return null;
    }

    private void start(Consumer c, Entry e) {
      c.runner.run(e, new Job(name, Long.toString(e.id), e.payload, e.deliveries)).onComplete(ar -> {
        synchronized (this) {
          if (c.stopped) {
            return; // its jobs were put back when it stopped
          }
        }
        if (ar.failed()) {
          vertx.setTimer(config.redeliveryMs(), t -> {
            add(new Entry(e.id, e.payload, e.deliveries + 1), false);
            pump();
          });
        }
        pump();
      });
    }

    void stop(Consumer c) {
      synchronized (this) {
        if (c.stopped) {
          return;
        }
        c.stopped = true;
        consumers.remove(c);
        for (Entry e : c.runner.inFlight()) {
          ready.addFirst(new Entry(e.id, e.payload, e.deliveries + 1));
        }
      }
      pump();
    }
  }

  private Topic topic(String name) {
    return topics.computeIfAbsent(QueueConfig.checkTopic(name), Topic::new);
  }

  @Override
  public Future<Void> publish(String topic, byte[] payload) {
    Topic t = topic(topic);
    t.add(new Entry(ids.incrementAndGet(), payload.clone(), 1), false);
    t.pump();
    return Future.succeededFuture();
  }

  @Override
  public Future<JobConsumer> consume(String topic, JobHandler handler) {
    Topic t = topic(topic);
    Consumer c = new Consumer(t, new JobRunner<>(vertx.getOrCreateContext(), handler, config.concurrency()));
    synchronized (t) {
      t.consumers.add(c);
    }
    t.pump();
    return Future.succeededFuture(c);
  }

  @Override
  public boolean durable() {
    return false;
  }

  /** Jobs waiting in {@code topic}, not counting those in flight. */
  public int pending(String topic) {
    Topic t = topics.get(topic);
    if (t == null) {
      return 0;
    }
    synchronized (t) {
      return t.ready.size();
    }
  }

  @Override
  public Future<Void> close() {
    for (Topic t : topics.values()) {
      List<Consumer> cs;
      synchronized (t) {
        cs = List.copyOf(t.consumers);
      }
      cs.forEach(Consumer::stop);
    }
    return Future.succeededFuture();
  }
}
