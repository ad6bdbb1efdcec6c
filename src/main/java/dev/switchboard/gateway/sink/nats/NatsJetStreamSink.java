package dev.switchboard.gateway.sink.nats;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.nats.JetStreamRepair;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * {@code nats_jetstream}: a JetStream publish on {@code subject}, expected to land in {@code stream}, the
 * attributes as NATS headers; accepted = the stream's ack. The stream is created (file storage, limits
 * retention, the one subject) when missing; an existing stream is used as it is, so operators who want other
 * limits or retention create it themselves. A stream the server lost (restarted without its store) is created
 * again when a publish finds it missing, and that publish sent once more.
 */
public final class NatsJetStreamSink implements GatewaySink {
  /** JetStream's "stream name already in use" API error: the stream exists with another config. */
  private static final int STREAM_NAME_IN_USE = 10058;
  private final NatsSinkClient nats;
  private final String subject;
  private final boolean envelope;
  private final PublishOptions options;
  private final JetStreamRepair repair;

  private NatsJetStreamSink(Vertx vertx, NatsSinkClient nats, String subject, String stream, boolean envelope) {
    this.nats = nats;
    this.repair = new JetStreamRepair(vertx, nats.label());
    repair.declareWith(() -> nats.withConnection("declare the stream", nc -> {
      ensureStream(nc, stream, subject);
      return null;
    }));
    this.subject = subject;
    this.envelope = envelope;
    this.options = PublishOptions.builder().expectedStream(stream).build();
  }

  /** {@code url} (default nats://127.0.0.1:4222), {@code subject}, {@code stream} (required), {@code envelope}. */
  public static NatsJetStreamSink create(Vertx vertx, SinkConfig c) {
    var url = NatsSinkClient.url(c);
    String subject = c.name("subject", NatsSinkClient.SUBJECT, "a NATS subject without spaces or wildcards");
    String stream = c.name("stream", "[A-Za-z0-9_-]{1,255}", "a stream name of letters, digits, '-' or '_'");
    boolean envelope = c.bool("envelope", false);
    NatsSinkClient client = new NatsSinkClient(vertx, url, "nats_jetstream sink " + subject,
        nc -> ensureStream(nc, stream, subject));
    return new NatsJetStreamSink(vertx, client, subject, stream, envelope);
  }

  private static void ensureStream(Connection nc, String stream, String subject) throws Exception {
    try {
      nc.jetStreamManagement().addStream(StreamConfiguration.builder().name(stream).subjects(subject)
          .storageType(StorageType.File).build());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw e;
      }
    }
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    return publish(m)
        .recover(e -> JetStreamRepair.lost(e)
            ? repair.repair("publish: " + e.getMessage()).transform(ar -> publish(m))
            : Future.failedFuture(e))
        .recover(e -> Future.failedFuture(e instanceof dev.switchboard.gateway.sink.GatewaySinkException ? e
            : new dev.switchboard.gateway.sink.GatewaySinkException(nats.label() + ": JetStream publish failed: "
                + e.getMessage(), e)));
  }

  private Future<Void> publish(GatewayMessage m) {
    return nats.withConnection("publish",
            nc -> nc.jetStream().publishAsync(NatsSinkClient.message(subject, m, envelope), options))
        .compose(Future::fromCompletionStage)
        .mapEmpty();
  }

  @Override
  public Future<Void> close() {
    repair.close();
    return nats.close();
  }
}
