package dev.switchboard.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The bookkeeping of {@link NodeRequests} for one broker: questions waiting for their answer by number,
 * with a timer each, and the handlers of questions asked of this node. The broker moves the bytes.
 */
final class NodeQuestions {
  private final String node;
  private final Vertx vertx;
  private final Consumer<ClusterMessage.Writer> send;
  private final AtomicInteger numbers = new AtomicInteger();
  private final Map<Integer, Promise<byte[]>> waiting = new ConcurrentHashMap<>();
  private final Map<String, Function<byte[], Future<byte[]>>> handlers = new ConcurrentHashMap<>();

  NodeQuestions(String node, Vertx vertx, Consumer<ClusterMessage.Writer> send) {
    this.node = node;
    this.vertx = vertx;
    this.send = send;
  }

  Future<byte[]> ask(String target, String topic, byte[] request, long timeoutMs) {
    int n = numbers.incrementAndGet();
    Promise<byte[]> p = Promise.promise();
    waiting.put(n, p);
    long timer = vertx.setTimer(Math.max(1, timeoutMs), t -> {
      Promise<byte[]> late = waiting.remove(n);
      if (late != null) {
        late.fail(new ClusterException("node " + target + " did not answer " + topic + " within " + timeoutMs
            + " ms"));
      }
    });
    p.future().onComplete(ar -> vertx.cancelTimer(timer));
    send.accept(new ClusterMessage.Writer(ClusterMessage.ASK, node).str(target).str(topic).num(n).bytes(request));
    return p.future();
  }

  void answer(String topic, Function<byte[], Future<byte[]>> handler) {
    handlers.put(topic, handler);
  }

  /** A question from {@code asker}: answered when it is for this node. */
  void asked(String asker, ClusterMessage.Reader r) {
    String target = r.str();
    if (!node.equals(target)) {
      return;
    }
    String topic = r.str();
    int n = r.num();
    byte[] request = r.bytes();
    Function<byte[], Future<byte[]>> h = handlers.get(topic);
    Future<byte[]> answer = h == null ? Future.failedFuture("no handler for " + topic) : h.apply(request);
    answer.onComplete(ar -> send.accept(new ClusterMessage.Writer(ClusterMessage.ANSWER, node).str(asker).num(n)
        .num(ar.succeeded() ? 0 : 1)
        .bytes(ar.succeeded() ? ar.result() : String.valueOf(ar.cause().getMessage()).getBytes(UTF_8))));
  }

  /** An answer: completes the question when it was this node's. */
  void answered(ClusterMessage.Reader r) {
    if (!node.equals(r.str())) {
      return;
    }
    Promise<byte[]> p = waiting.remove(r.num());
    if (p == null) {
      return; // timed out already
    }
    boolean ok = r.num() == 0;
    byte[] body = r.bytes();
    if (ok) {
      p.complete(body);
    } else {
      p.fail(new ClusterException("the node could not answer: "
          + new String(body, UTF_8)));
    }
  }
}
