package dev.switchboard.queue;

import io.vertx.core.Future;

/**
 * At-least-once work queue. A topic is created on first use. Every method returns at once and never blocks
 * the calling thread; drivers whose client library blocks run those calls on worker threads.
 *
 * <p>Guarantees: a job whose {@link #publish} future succeeded is stored by the queue (durably, except the
 * memory driver) and is handed to a handler of its topic until one handler's future succeeds. Jobs are
 * spread over all consumers of a topic, in this process and in others sharing the backend. A job that fails,
 * or whose worker stops or dies before finishing, is delivered again once {@code queue.redelivery_ms} has
 * passed; while a handler is still working on a job the driver keeps it reserved for that handler. Order is
 * not guaranteed, and a job can arrive more than once, so handlers must tolerate duplicates.
 */
public interface JobQueue {
  /**
   * Appends {@code payload} to {@code topic}. Succeeds once the backend has accepted it (Redis reply,
   * RabbitMQ publisher confirm, JetStream ack, SQS response); fails with a {@link QueueException} otherwise,
   * in which case the job may or may not have been stored. Completes on any thread.
   */
  Future<Void> publish(String topic, byte[] payload);

  /**
   * Starts handing jobs of {@code topic} to {@code handler}, at most {@code queue.concurrency} at a time.
   * The handler runs on a Vert.x context of this queue. The returned future fails when the consumer cannot
   * be set up.
   */
  Future<JobConsumer> consume(String topic, JobHandler handler);

  /** True when published jobs survive a restart of this process. */
  boolean durable();

  /** Stops every consumer (as {@link JobConsumer#stop}) and releases connections. */
  Future<Void> close();
}
