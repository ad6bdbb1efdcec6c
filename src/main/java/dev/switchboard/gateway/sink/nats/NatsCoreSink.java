package dev.switchboard.gateway.sink.nats;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySink;
import dev.switchboard.gateway.sink.SinkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * {@code nats}: a core NATS publish on {@code subject} (fan-out to every subscriber; nothing is stored), the
 * attributes as NATS headers. Core NATS has no acks, so accepted = published and flushed: the server answered
 * a PING sent after the message, within 5 s. Subscribers that are not listening then never see it.
 */
public final class NatsCoreSink implements GatewaySink {
  private static final Duration FLUSH = Duration.ofSeconds(5);
  private final NatsSinkClient nats;
  private final String subject;
  private final boolean envelope;

  private NatsCoreSink(NatsSinkClient nats, String subject, boolean envelope) {
    this.nats = nats;
    this.subject = subject;
    this.envelope = envelope;
  }

  /** {@code url} (default nats://127.0.0.1:4222), {@code subject} (required, no wildcards), {@code envelope}. */
  public static NatsCoreSink create(Vertx vertx, SinkConfig c) {
    var url = NatsSinkClient.url(c);
    String subject = c.name("subject", NatsSinkClient.SUBJECT, "a NATS subject without spaces or wildcards");
    boolean envelope = c.bool("envelope", false);
    return new NatsCoreSink(new NatsSinkClient(vertx, url, "nats sink " + subject, nc -> {}), subject, envelope);
  }

  @Override
  public Future<Void> send(GatewayMessage m) {
    return nats.withConnection("publish", nc -> {
      nc.publish(NatsSinkClient.message(subject, m, envelope));
      nc.flush(FLUSH);
      return null;
    });
  }

  @Override
  public Future<Void> close() {
    return nats.close();
  }
}
