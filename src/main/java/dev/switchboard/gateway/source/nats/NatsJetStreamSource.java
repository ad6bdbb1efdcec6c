package dev.switchboard.gateway.source.nats;

import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.source.NotificationHandler;
import dev.switchboard.gateway.source.RunnerSource;
import dev.switchboard.gateway.source.SourceRunner.Outcome;
import dev.switchboard.gateway.source.SourceSettings;
import dev.switchboard.nats.JetStreamRepair;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nats_jetstream}: see {@link NatsSourceSettings} for the fields. The consumer acks explicitly, waits
 * {@value #ACK_WAIT_S} s for an ack (renewed with "in progress" while a handler runs; a node that dies
 * mid-handler has its messages delivered again after that)
 * and has no delivery limit of its own: the source dead-letters after {@code max_deliveries} by the message's
 * delivered count, as JetStream would otherwise drop the message silently.
 */
public final class NatsJetStreamSource extends RunnerSource<Message> {
  private static final Logger LOG = LoggerFactory.getLogger(NatsJetStreamSource.class);
  private static final int ACK_WAIT_S = 30;
  /** JetStream's "stream name already in use": the stream exists (maybe with another config); use it. */
  private static final int STREAM_NAME_IN_USE = 10058;
  private final Vertx vertx;
  private final NatsSourceSettings settings;
  private final Semaphore slots;
  private final String label;
  private final Promise<Void> fetching = Promise.promise();
  private final JetStreamRepair repair;
  private WorkerExecutor blocking;
  private Connection nc;
  private JetStreamSubscription sub;
  private volatile boolean stopping;
  private volatile long leaseTimer = -1;

  private NatsJetStreamSource(Vertx vertx, NatsSourceSettings settings, SourceSettings common) {
    super(vertx, common);
    this.vertx = vertx;
    this.settings = settings;
    this.slots = new Semaphore(common.concurrency());
    this.label = common.key() + " (nats_jetstream " + settings.stream() + "/" + settings.durable() + " on "
        + SinkConfig.redacted(settings.url().toString()) + ")";
    this.repair = new JetStreamRepair(vertx, label);
    repair.declareWith(() -> blocking(() -> {
      declare(nc.jetStreamManagement());
      return null;
    }));
  }

  public static NatsJetStreamSource create(Vertx vertx, SinkConfig c, SourceSettings common) {
    return new NatsJetStreamSource(vertx, NatsSourceSettings.from(c), common);
  }

  @Override
  public Future<Void> start(NotificationHandler handler) {
    blocking = vertx.createSharedWorkerExecutor("switchboard-gateway-source-nats", 4);
    runner.start(handler);
    return blocking(this::open)
        .recover(e -> Future.failedFuture(new IllegalStateException(label + ": cannot start: " + e.getMessage(), e)))
        .map(v -> {
          leaseTimer = vertx.setPeriodic(ACK_WAIT_S * 1000L / 3, t -> renew());
          Thread.ofPlatform().daemon().name("switchboard-notifications-" + settings.stream()).start(this::fetchLoop);
          return null;
        });
  }

  private Void open() throws Exception {
    nc = Nats.connect(new Options.Builder().server(settings.url().toString()).maxReconnects(-1)
        .connectionName("switchboard-gateway-notifications").connectionTimeout(Duration.ofSeconds(5))
        .connectionListener(repair.listener()).build());
    try {
      declare(nc.jetStreamManagement());
      sub = nc.jetStream().subscribe(settings.subject(),
          PullSubscribeOptions.bind(settings.stream(), settings.durable()));
      return null;
    } catch (Exception e) {
      nc.close();
      throw e;
    }
  }

  /** The stream, the dead-letter stream and the durable consumer; at start and again when the server lost them. */
  private void declare(JetStreamManagement jsm) throws Exception {
    ensureStream(jsm, settings.stream(), settings.subject());
    if (settings.deadLetter() != null && jsm.getStreamNames(settings.deadLetter()).isEmpty()) {
      ensureStream(jsm, settings.stream() + "_dead_letter", settings.deadLetter());
    }
    jsm.addOrUpdateConsumer(settings.stream(), ConsumerConfiguration.builder().durable(settings.durable())
        .ackPolicy(AckPolicy.Explicit).ackWait(Duration.ofSeconds(ACK_WAIT_S)).maxDeliver(-1).maxAckPending(-1)
        .filterSubject(settings.subject()).build());
  }

  private static void ensureStream(JetStreamManagement jsm, String name, String subject) throws Exception {
    try {
      jsm.addStream(StreamConfiguration.builder().name(name).subjects(subject).storageType(StorageType.File)
          .build());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw e;
      }
    }
  }

  /** On the fetch thread: asks for as many messages as there are free slots, so the bound holds. */
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
            LOG.warn("{}: fetch failed: {}", label, e.getMessage());
            if (JetStreamRepair.lost(e)) {
              repair.repair("fetch: " + e.getMessage());
            }
          }
          slots.release(n);
          continue;
        }
        slots.release(n - got.size());
        got.forEach(this::dispatch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      fetching.tryComplete();
    }
  }

  private void dispatch(Message m) {
    String id = Long.toString(m.metaData().streamSequence());
    long deliveries = m.metaData().deliveredCount();
    runner.run(id, m, new String(m.getData(), StandardCharsets.UTF_8), deliveries, o -> settle(id, m, o))
        .onComplete(ar -> slots.release());
  }

  private void settle(String id, Message m, Outcome o) {
    switch (o.verdict()) {
      case ACK -> runner.settling(blocking(() -> {
        m.ack();
        return null;
      })).onFailure(e -> LOG.warn("{}: ack of {} failed, it will come again: {}", label, id, e.getMessage()));
      case RETRY -> runner.settling(blocking(() -> {
        m.nakWithDelay(Duration.ofMillis(runner.settings().redeliveryDelayMs()));
        return null;
      })).onFailure(e -> LOG.warn("{}: nak of {} failed: {}", label, id, e.getMessage()));
      case DEAD_LETTER -> runner.settling(blocking(() -> deadLetter(id, m, o.reason())))
          .onSuccess(x -> runner.deadLettered(id, o.reason(), settings.deadLetter() == null ? null
              : "jetstream subject " + settings.deadLetter()))
          .onFailure(e -> LOG.warn("{}: could not dead-letter {}, it will come again: {}", label, id,
              e.getMessage()));
      default -> throw new IllegalStateException(o.verdict().name());
    }
  }

  /** Publishes a copy (awaiting the stream's ack), then terminates the original so it is never delivered again. */
  private Void deadLetter(String id, Message m, String reason) throws Exception {
    if (settings.deadLetter() != null) {
      Headers h = new Headers();
      if (m.getHeaders() != null) {
        m.getHeaders().forEach(h::put);
      }
      h.put("Switchboard-Source-Sequence", id);
      h.put("Switchboard-Dead-Letter-Reason", reason.replaceAll("[\\r\\n]", " "));
      nc.jetStream().publish(settings.deadLetter(), h, m.getData());
    }
    m.term();
    return null;
  }

  /** Tells JetStream the handler is still on these, so their ack wait starts over and nobody else gets them. */
  private void renew() {
    List<Message> running = runner.inFlight();
    if (!stopping && !running.isEmpty()) {
      blocking(() -> {
        running.forEach(Message::inProgress);
        return null;
      });
    }
  }

  private <T> Future<T> blocking(Callable<T> call) {
    return blocking.executeBlocking(call, false);
  }

  /** Messages whose handler outlived the drain are nakked, so another node gets them without the ack wait. */
  @Override
  protected Future<Void> halt() {
    stopping = true;
    repair.close();
    vertx.cancelTimer(leaseTimer);
    if (blocking == null) {
      return Future.succeededFuture();
    }
    if (sub == null) {
      fetching.tryComplete();
    }
    return fetching.future()
        .compose(v -> runner.close())
        .compose(left -> runner.settling(blocking(() -> {
          left.forEach(Message::nak);
          return null;
        })).otherwiseEmpty())
        .compose(v -> runner.settled())
        .compose(v -> blocking(() -> {
          if (nc != null) {
            nc.close(); // the durable consumer stays; unacked messages stay pending on it
          }
          return null;
        }))
        .<Void>mapEmpty().otherwiseEmpty()
        .eventually(blocking::close);
  }
}
