package dev.switchboard.cluster;

import io.vertx.core.Future;
import java.util.Set;
import java.util.function.Function;

/**
 * Request and answer between two nodes of a cluster, for the few questions only the node holding a thing
 * can answer (a gateway connection's state). Everything else in the cluster is replicated state; this is
 * not for hot paths: one broker message each way.
 *
 * <p>Contract: {@link #ask} completes with the answer of {@code node}'s handler for {@code topic}, or fails
 * when that node has no handler, the broker is down, or no answer came within the timeout. Handlers run
 * on the broker's context and must not block; their future's failure is reported to the asker.
 */
public interface NodeRequests {
  /** The ids of the other nodes heard from recently. */
  Set<String> peerIds();

  /** Asks {@code node} a {@code topic} question with {@code request} bytes. */
  Future<byte[]> ask(String node, String topic, byte[] request, long timeoutMs);

  /** Answers {@code topic} questions from other nodes; one handler per topic. */
  void answer(String topic, Function<byte[], Future<byte[]>> handler);
}
