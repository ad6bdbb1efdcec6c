package dev.switchboard.queue.sqs;

import dev.switchboard.queue.Job;
import dev.switchboard.queue.JobConsumer;
import dev.switchboard.queue.JobRunner;
import io.vertx.core.Future;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** One worker: a long-poll loop for as many messages as it has free slots (SQS caps a receive at ten). */
final class SqsConsumer implements JobConsumer {
  private static final Logger LOG = LoggerFactory.getLogger(SqsConsumer.class);
  private final SqsJobQueue queue;
  private final String topic;
  private final String url;
  private final JobRunner<String> runner;
  private volatile boolean stopping;
  private boolean polling;
  private long leaseTimer;

  SqsConsumer(SqsJobQueue queue, String topic, String url, JobRunner<String> runner) {
    this.queue = queue;
    this.topic = topic;
    this.url = url;
    this.runner = runner;
  }

  void start() {
    runner.context().runOnContext(v -> {
      leaseTimer = queue.vertx().setPeriodic(Math.max(50, queue.redeliveryMs() / 3), t -> renew());
      poll();
    });
  }

  /** On the runner's context. */
  private void poll() {
    int free = Math.min(10, runner.free());
    if (stopping || polling || free == 0) {
      return;
    }
    polling = true;
    queue.sdk(queue.client().receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(free)
        .waitTimeSeconds(queue.waitTimeSeconds()).visibilityTimeout(queue.visibilitySeconds())
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
        .onComplete(ar -> runner.context().runOnContext(v -> {
          polling = false;
          if (ar.failed()) {
            if (!stopping) {
              LOG.warn("sqs queue {}: ReceiveMessage failed: {}", topic, SqsJobQueue.cause(ar.cause()).getMessage());
              queue.vertx().setTimer(1000, t -> poll());
            }
            return;
          }
          if (!stopping) {
            ar.result().messages().forEach(this::dispatch);
          }
          poll();
        }));
  }

  private void dispatch(Message m) {
    String receipt = m.receiptHandle();
    byte[] payload;
    try {
      payload = Base64.getDecoder().decode(m.body());
    } catch (IllegalArgumentException e) {
      LOG.error("sqs queue {}: message {} is not base64, deleting it: {}", topic, m.messageId(), m.body());
      queue.sdk(queue.client().deleteMessage(r -> r.queueUrl(url).receiptHandle(receipt)));
      return;
    }
    String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    int deliveries = count == null ? 1 : Integer.parseInt(count);
    runner.run(receipt, new Job(topic, m.messageId(), payload, deliveries)).onComplete(ar -> {
      if (!stopping) {
        if (ar.succeeded()) {
          runner.settling(queue.sdk(queue.client().deleteMessage(r -> r.queueUrl(url).receiptHandle(receipt))))
              .onFailure(e -> LOG.warn("sqs queue {}: DeleteMessage failed: {}", topic, e.getMessage()));
        } else {
          hide(receipt);
        }
      }
      runner.context().runOnContext(v -> poll());
    });
  }

  /** Restarts the visibility timeout: a failed job comes back after it, a running one stays hidden. */
  private void hide(String receipt) {
    queue.sdk(queue.client().changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(receipt)
        .visibilityTimeout(queue.visibilitySeconds())))
        .onFailure(e -> LOG.warn("sqs queue {}: ChangeMessageVisibility failed: {}", topic, e.getMessage()));
  }

  private void renew() {
    Set<String> receipts = runner.inFlight();
    if (!stopping) {
      receipts.forEach(this::hide);
    }
  }

  @Override
  public Future<Void> stop() {
    if (!stopping) {
      stopping = true;
      queue.vertx().cancelTimer(leaseTimer);
      queue.removed(this);
    }
    // deletes already sent must finish before the client is closed, or those jobs come back
    return runner.settled();
  }
}
