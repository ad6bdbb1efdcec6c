package dev.switchboard.gateway.sink;

import io.vertx.core.Future;

/**
 * Where the Gateway dialect hands client messages: one backend queue, topic or endpoint. Built by
 * {@link GatewaySinks#create}; safe to call from any thread, including event loops.
 */
public interface GatewaySink {
  /**
   * Hands one message to the backend. The future succeeds once the backend accepted it (a Redis reply, a
   * RabbitMQ publisher confirm, a JetStream ack, an SQS response, an HTTP 2xx; core NATS and Redis pub/sub
   * say so in their driver docs) and fails with a {@link GatewaySinkException} otherwise. Never blocks the
   * caller; the future completes on any thread. Messages sent one after another from one thread are
   * handed over in that order, but a retry (see {@link RetryingSink}) can reorder them.
   */
  Future<Void> send(GatewayMessage m);

  /** Releases connections and threads; sends after it fail. Completes when everything is released. */
  Future<Void> close();
}
