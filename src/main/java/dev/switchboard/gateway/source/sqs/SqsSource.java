package dev.switchboard.gateway.source.sqs;

import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.source.NotificationHandler;
import dev.switchboard.gateway.source.RunnerSource;
import dev.switchboard.gateway.source.SourceRunner.Outcome;
import dev.switchboard.gateway.source.SourceSettings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code sqs}: one long-poll loop asking for as many messages as there are free handler slots (SQS caps a
 * receive at ten). Success deletes the message; a failure hides it for {@code redelivery_delay_ms} (rounded up
 * to seconds, at most the visibility timeout) with ChangeMessageVisibility; the delivery count is SQS's
 * ApproximateReceiveCount. Messages whose handler still runs are hidden again every third of the visibility
 * timeout. A dead letter is sent to the {@code dead_letter} queue (FIFO: same group, message id as deduplication
 * id), then deleted. The poll loop and all bookkeeping run on the source's context.
 */
public final class SqsSource extends RunnerSource<String> {
  private static final Logger LOG = LoggerFactory.getLogger(SqsSource.class);
  private final SqsSourceSettings settings;
  private final String url;
  private final String label;
  private SqsAsyncClient sqs;
  private volatile boolean stopping;
  private boolean polling;
  /** Completed when no ReceiveMessage is outstanding; stop waits for it before closing the client. */
  private Promise<Void> pollEnded = Promise.promise();
  private volatile long leaseTimer = -1;

  private SqsSource(Vertx vertx, SqsSourceSettings settings, SourceSettings common) {
    super(vertx, common);
    this.settings = settings;
    this.url = settings.client().queueUrl().toString();
    this.label = common.key() + " (sqs queue " + url + ")";
  }

  /** See {@link SqsSourceSettings} for the fields. */
  public static SqsSource create(Vertx vertx, SinkConfig c, SourceSettings common) {
    return new SqsSource(vertx, SqsSourceSettings.from(c), common);
  }

  @Override
  public Future<Void> start(NotificationHandler handler) {
    // the SDK reads profile files for the default credentials: build it on a worker thread
    return runner.vertx().executeBlocking(this::build, false)
        .compose(client -> {
          sqs = client;
          return sdk(client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN)));
        })
        .recover(e -> Future.failedFuture(new IllegalStateException(label + ": cannot start: "
            + cause(e).getMessage(), cause(e))))
        .map(attrs -> {
          runner.start(handler).runOnContext(v -> {
            long every = Math.max(1, settings.visibilityTimeoutSec() / 3) * 1000L;
            leaseTimer = runner.vertx().setPeriodic(every, t -> renew());
            poll();
          });
          return null;
        });
  }

  private SqsAsyncClient build() {
    return settings.client().builder().build();
  }

  /** On the source's context. */
  private void poll() {
    int free = Math.min(10, runner.free());
    if (stopping || polling || free == 0) {
      return;
    }
    polling = true;
    pollEnded = Promise.promise();
    sdk(sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(free)
        .waitTimeSeconds(settings.waitTimeSeconds()).visibilityTimeout(settings.visibilityTimeoutSec())
        .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
            MessageSystemAttributeName.MESSAGE_GROUP_ID)))
        .onComplete(ar -> runner.context().runOnContext(v -> {
          polling = false;
          if (ar.failed()) {
            pollEnded.tryComplete();
            if (!stopping) {
              LOG.warn("{}: ReceiveMessage failed, polling again in 1 s: {}", label, cause(ar.cause()).getMessage());
              runner.vertx().setTimer(1000, t -> runner.context().runOnContext(w -> poll()));
            }
            return;
          }
          for (Message m : ar.result().messages()) {
            if (stopping) {
              visibility(m.receiptHandle(), 0); // received during stop: give it back now
            } else {
              dispatch(m);
            }
          }
          pollEnded.tryComplete(); // after what this poll brought is dispatched or given back
          poll();
        }));
  }

  private void dispatch(Message m) {
    String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    long deliveries = count == null ? 1 : Long.parseLong(count);
    runner.run(m.messageId(), m.receiptHandle(), SnsEnvelope.unwrap(m.body()), deliveries, o -> settle(m, o))
        .onComplete(ar -> poll());
  }

  private void settle(Message m, Outcome o) {
    switch (o.verdict()) {
      case ACK -> runner.settling(delete(m)).onFailure(e -> LOG.warn("{}: DeleteMessage of {} failed, it will come"
          + " again: {}", label, m.messageId(), cause(e).getMessage()));
      case RETRY -> visibility(m.receiptHandle(), retrySeconds());
      case DEAD_LETTER -> {
        String dl = settings.deadLetter() == null ? null : settings.deadLetter().toString();
        Future<?> moved = dl == null ? Future.succeededFuture()
            : sdk(sqs.sendMessage(r -> {
              r.queueUrl(dl).messageBody(m.body());
              if (dl.endsWith(".fifo")) { // a FIFO queue wants a group; the message id deduplicates a retried move
                String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
                r.messageGroupId(group == null ? "dead-letter" : group).messageDeduplicationId(m.messageId());
              }
            }));
        runner.settling(moved.compose(x -> delete(m)))
            .onSuccess(x -> runner.deadLettered(m.messageId(), o.reason(), dl))
            .onFailure(e -> LOG.warn("{}: could not dead-letter message {}, it will come again: {}", label,
                m.messageId(), cause(e).getMessage()));
      }
      default -> throw new IllegalStateException(o.verdict().name());
    }
  }

  private Future<?> delete(Message m) {
    return sdk(sqs.deleteMessage(r -> r.queueUrl(url).receiptHandle(m.receiptHandle())));
  }

  /** Keeps the messages whose handler still runs hidden, so a slow handler does not get a twin elsewhere. */
  private void renew() {
    if (!stopping) {
      runner.inFlight().forEach(receipt -> visibility(receipt, settings.visibilityTimeoutSec()));
    }
  }

  private int retrySeconds() {
    long s = (runner.settings().redeliveryDelayMs() + 999) / 1000;
    return (int) Math.min(s, settings.visibilityTimeoutSec());
  }

  private void visibility(String receipt, int seconds) {
    runner.settling(sdk(sqs.changeMessageVisibility(r -> r.queueUrl(url).receiptHandle(receipt)
        .visibilityTimeout(seconds))))
        .onFailure(e -> LOG.warn("{}: ChangeMessageVisibility failed: {}", label, cause(e).getMessage()));
  }

  @Override
  protected Future<Void> halt() {
    stopping = true;
    runner.vertx().cancelTimer(leaseTimer);
    if (sqs == null) {
      return Future.succeededFuture();
    }
    // handlers still running after the drain: their messages become visible again at once. The long poll
    // still out is awaited (at most wait_time_seconds): closing the client under it would leave what the queue
    // handed to that poll hidden for the whole visibility timeout; what it brings is given back in poll()
    return runner.close()
        .compose(left -> {
          left.forEach(receipt -> visibility(receipt, 0));
          return onContext(() -> polling ? pollEnded.future() : Future.<Void>succeededFuture());
        })
        .compose(v -> runner.settled())
        .eventually(() -> runner.vertx().executeBlocking(() -> {
          sqs.close();
          return null;
        }, false));
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    if (runner.context() == null) { // never started
      return work.get();
    }
    Promise<T> p = Promise.promise();
    runner.context().runOnContext(v -> work.get().onComplete(p));
    return p.future();
  }

  private static <T> Future<T> sdk(CompletableFuture<T> f) {
    return Future.fromCompletionStage(f);
  }

  private static Throwable cause(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
