package dev.switchboard.cluster;

import io.vertx.core.Future;
import java.util.function.Consumer;

/**
 * Moves opaque messages between the nodes of a cluster: every message published by any node reaches every
 * node (the sender included), in the order each node published them.
 *
 * <p>Contract: {@link #publish} never blocks and may be called from any thread; while disconnected it
 * either buffers or drops (the broker resynchronises after a reconnect). {@code onMessage} is called on
 * one thread at a time. {@code onConnected} is told true after each (re)connection and false when the
 * connection is lost; the transport reconnects by itself.
 */
public interface ClusterTransport {
  Future<Void> start(Consumer<byte[]> onMessage, Consumer<Boolean> onConnected);

  /** Sends without waiting; dropped or buffered while disconnected. */
  void publish(byte[] message);

  /**
   * Sends, completing once the broker has taken the message (so anything published afterwards by any node
   * is delivered after it); fails when disconnected.
   */
  Future<Void> publishConfirmed(byte[] message);

  boolean connected();

  Future<Void> close();
}
