package dev.switchboard.gateway.sink.nats;

import dev.switchboard.gateway.sink.GatewayMessage;
import dev.switchboard.gateway.sink.GatewaySinkException;
import dev.switchboard.gateway.sink.SinkConfig;
import dev.switchboard.gateway.sink.SinkConnection;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * What both NATS sinks share: the connection (opened on first send, on a worker thread; once open, jnats
 * reconnects by itself, and one it closed is replaced), the worker threads for the blocking calls, and the
 * message form.
 */
final class NatsSinkClient {
  static final String SUBJECT = "[^\\s*>]{1,255}";
  private final WorkerExecutor blocking;
  private final SinkConnection<Connection> connection;
  private final String label;

  /**
   * @param prepare runs once per new connection before it is used (the JetStream sink creates its stream)
   */
  NatsSinkClient(Vertx vertx, URI url, String label, Prepare prepare) {
    this.label = label;
    this.blocking = vertx.createSharedWorkerExecutor("switchboard-gateway-nats", 2);
    this.connection = new SinkConnection<>(() -> blocking(() -> {
      Options o = new Options.Builder().server(url.toString()).connectionName("switchboard-gateway")
          .connectionTimeout(Duration.ofSeconds(5)).maxReconnects(-1).build();
      Connection nc = Nats.connect(o);
      try {
        prepare.on(nc);
      } catch (Exception e) {
        nc.close();
        throw e;
      }
      return nc;
    }).recover(e -> Future.failedFuture(new GatewaySinkException(label + ": cannot connect to "
        + SinkConfig.redacted(url.toString()) + ": " + SinkConfig.redacted(String.valueOf(e.getMessage()))))),
        NatsSinkClient::closeQuietly);
  }

  interface Prepare {
    void on(Connection nc) throws Exception;
  }

  static URI url(SinkConfig c) {
    return c.url("url", "nats://127.0.0.1:4222", Set.of("nats", "tls"));
  }

  /** The connection, then {@code call} with it on a worker thread; failures as {@link GatewaySinkException}. */
  <T> Future<T> withConnection(String what, NatsCall<T> call) {
    return connection.get()
        .compose(nc -> blocking(() -> {
          if (nc.getStatus() == Connection.Status.CLOSED) { // jnats gave up reconnecting: open a new one
            connection.broken(nc);
            throw new GatewaySinkException(label + ": connection closed");
          }
          return call.on(nc);
        }))
        .recover(e -> Future.failedFuture(e instanceof GatewaySinkException ? e
            : new GatewaySinkException(label + ": " + what + " failed: " + e.getMessage(), e)));
  }

  interface NatsCall<T> {
    T on(Connection nc) throws Exception;
  }

  <T> Future<T> blocking(Callable<T> call) {
    return blocking.executeBlocking(call, false);
  }

  String label() {
    return label;
  }

  /** The message: body (or envelope) as UTF-8, the attributes as headers. */
  static Message message(String subject, GatewayMessage m, boolean envelope) {
    Headers h = new Headers();
    m.attributes().forEach(h::add);
    h.add("Content-Type", "application/json");
    return NatsMessage.builder().subject(subject).headers(h)
        .data((envelope ? m.envelope() : m.body()).getBytes(StandardCharsets.UTF_8)).build();
  }

  private static void closeQuietly(Connection nc) {
    try {
      nc.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  Future<Void> close() {
    return blocking(connection::close).compose(f -> f).eventually(blocking::close);
  }
}
